import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { MultiSearchQuery, MultiSearchResponse } from 'meilisearch';
import { SearchUnavailableError } from '../engine/search-engine';

/** An error answer of Meilisearch (4xx/5xx with its error object). */
export class MeiliAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'MeiliAnswerError';
  }
}

/**
 * The search hot path's own HTTP client: one POST /multi-search per search over keep-alive
 * sockets (node:http). meilisearch-js goes through fetch, whose Request/Headers/stream objects
 * cost more CPU per call than the search itself costs the API (issue 12 §5, bench/README.md);
 * writes and administration keep using meilisearch-js. The reply is asked uncompressed
 * (search.md: gzip stalls each search ~40 ms on loopback). `timeoutMs` bounds the whole call:
 * the failover router reads a slow Meilisearch as an unavailable one.
 */
export class MeiliSearchClient {
  private readonly url: URL;
  private readonly agent: Agent;
  private readonly headers: Record<string, string>;
  private readonly send: typeof request;

  constructor(host: string, apiKey: string | undefined) {
    this.url = new URL('/multi-search', host);
    const https = this.url.protocol === 'https:';
    this.send = https ? (httpsRequest as unknown as typeof request) : request;
    this.agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new Agent({ keepAlive: true, maxSockets: 64 });
    this.headers = { 'content-type': 'application/json', 'accept-encoding': 'identity', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  }

  multiSearch(queries: MultiSearchQuery[], timeoutMs: number): Promise<MultiSearchResponse> {
    const body = JSON.stringify({ queries });
    return new Promise((resolve, reject) => {
      const req = this.send(this.url, { method: 'POST', agent: this.agent, headers: { ...this.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new SearchUnavailableError(err)));
        res.on('end', () => {
          clearTimeout(timer);
          // Most answers arrive in one chunk: decoded as it is, without Buffer.concat's copy.
          const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            try {
              resolve(JSON.parse(text) as MultiSearchResponse);
            } catch (err) {
              reject(new SearchUnavailableError(err));
            }
            return;
          }
          // A server that answers 5xx without its error object (a proxy, a restart) is unavailable.
          let parsed: { code?: string; message?: string } | undefined;
          try {
            parsed = JSON.parse(text) as { code?: string; message?: string };
          } catch {
            parsed = undefined;
          }
          if (!parsed?.code && status >= 500) reject(new SearchUnavailableError(`HTTP ${status}`));
          else reject(new MeiliAnswerError(status, parsed?.code, parsed?.message ?? `HTTP ${status}`));
        });
      });
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(new SearchUnavailableError(err));
      });
      req.end(body);
    });
  }
}
