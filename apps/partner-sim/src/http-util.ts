import type { IncomingMessage, ServerResponse } from 'node:http';
import { decideFault, type SimFaults } from './faults';

export interface SimRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  /** Path with query string, as the client signed it. */
  pathWithQuery: string;
  query: URLSearchParams;
  raw: Buffer;
  json<T = Record<string, unknown>>(): T | undefined;
}

export interface Reply {
  status: number;
  body: unknown;
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a catalog call under fault injection: throttled/transient/malformed answers are NOT
 * applied; a dropped response IS applied and then the connection is destroyed.
 */
export async function withFaults(
  r: SimRequest,
  faults: SimFaults,
  injected: Record<string, number>,
  answers: { throttle: Reply; transient: Reply },
  apply: () => Reply,
): Promise<void> {
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  const fault = decideFault(faults);
  if (fault === 'throttle') {
    injected.throttle++;
    return send(r.res, answers.throttle.status, answers.throttle.body);
  }
  if (fault === 'transient') {
    injected.transient++;
    return send(r.res, answers.transient.status, answers.transient.body);
  }
  if (fault === 'malformed') {
    injected.malformed++;
    return send(r.res, 502, '<html><body>502 Bad Gateway</body></html>');
  }
  const reply = apply();
  if (fault === 'drop') {
    injected.drop++;
    r.req.socket.destroy();
    return;
  }
  send(r.res, reply.status, reply.body);
}
