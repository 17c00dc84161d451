import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy did, for tests and the benchmark. */
export interface ProxyStats {
  /** Requests answered by each backend (by its base URL). */
  perBackend: Record<string, number>;
  /** Requests sent again to another backend after a connection failure. */
  retried: number;
  /** Requests the proxy answered 502 (no backend could take them). */
  failed: number;
}

/** Methods a load balancer may send twice: a repeat cannot change anything. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A backend that refused a connection gets no requests for this long (then it is tried again). */
const DOWN_FOR_MS = 500;
/** Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * A small round-robin reverse proxy standing in for the load balancer of a production deployment
 * (nginx, HAProxy, a cloud LB), for the topology suite, `npm run topology` and the benchmark.
 *
 * It keeps connections to the backends alive (one keep-alive agent) and does what those load
 * balancers do by default when a backend goes away: a request whose connection was refused is
 * sent to the next backend (nothing reached the first one) and that backend is skipped for a
 * moment (a passive health check, like nginx's `max_fails`/`fail_timeout`), and an idempotent request whose
 * connection failed before any answer is sent again (nginx's `proxy_next_upstream error`). It does
 * not retry a POST that may have reached a backend. Request bodies are buffered (uploads here are
 * small) so they can be re-sent. It appends the client's address to X-Forwarded-For.
 */
export class RoundRobinProxy {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 1000 });
  private server?: Server;
  private next = 0;
  /** Backends that refused a connection, skipped until this time (passive health check). */
  private readonly downUntil = new Map<string, number>();
  readonly stats: ProxyStats = { perBackend: {}, retried: 0, failed: 0 };

  constructor(private backends: string[]) {}

  /** Replaces the backend list (scaling in or out). */
  setBackends(backends: string[]): void {
    this.backends = [...backends];
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.agent.destroy();
  }

  resetStats(): void {
    this.stats.perBackend = {};
    this.stats.retried = 0;
    this.stats.failed = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const headers = forwardHeaders(req);
    // The body is re-sent whole, so it is framed by its length (never chunked).
    if (body.length || (req.method !== 'GET' && req.method !== 'HEAD')) headers['content-length'] = String(body.length);
    const tries = Math.max(1, this.backends.length * 2);
    for (let attempt = 0; attempt < tries; attempt++) {
      const backend = this.pick();
      const outcome = await this.forward(backend, req, headers, body, res);
      if (outcome === 'done') return;
      if (outcome === 'refused') this.downUntil.set(backend, Date.now() + DOWN_FOR_MS);
      const retryable = outcome === 'refused' || (outcome === 'failed-before-answer' && IDEMPOTENT.has(req.method ?? 'GET'));
      if (!retryable) break;
      this.stats.retried++;
      // A backend being restarted refuses for a moment: spread the retries a little.
      if (attempt >= this.backends.length - 1) await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
    this.stats.failed++;
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('bad gateway: no backend answered\n');
    } else {
      res.destroy();
    }
  }

  /** The next backend in turn, skipping those marked down (unless all are). */
  private pick(): string {
    const now = Date.now();
    for (let i = 0; i < this.backends.length; i++) {
      const backend = this.backends[this.next++ % this.backends.length];
      if ((this.downUntil.get(backend) ?? 0) <= now) return backend;
    }
    return this.backends[this.next++ % this.backends.length];
  }

  /** One attempt on one backend: `done` once the answer was relayed (or the client left). */
  private forward(
    backend: string,
    req: IncomingMessage,
    headers: IncomingHttpHeaders,
    body: Buffer,
    res: ServerResponse,
  ): Promise<'done' | 'refused' | 'failed-before-answer' | 'failed-mid-answer'> {
    return new Promise((resolve) => {
      const target = new URL(req.url ?? '/', backend);
      const upstream = request(
        { agent: this.agent, method: req.method, hostname: target.hostname, port: target.port, path: target.pathname + target.search, headers },
        (answer) => {
          const out: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
          }
          res.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(res);
          answer.once('error', () => resolve('failed-mid-answer'));
          answer.once('end', () => {
            this.stats.perBackend[backend] = (this.stats.perBackend[backend] ?? 0) + 1;
            resolve('done');
          });
          res.once('close', () => resolve('done'));
        },
      );
      upstream.once('error', (err: NodeJS.ErrnoException) => {
        if (res.headersSent) resolve('failed-mid-answer');
        else resolve(err.code === 'ECONNREFUSED' ? 'refused' : 'failed-before-answer');
      });
      upstream.end(body.length ? body : undefined);
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function forwardHeaders(req: IncomingMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.includes(name)) headers[name] = value;
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  delete headers['content-length'];
  return headers;
}
