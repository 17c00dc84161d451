import type { MultiSearchQuery, MultiSearchResponse } from 'meilisearch';
import { Pool } from 'undici';
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
 * The search hot path's own HTTP client: one POST /multi-search per search over a pool of
 * keep-alive connections (undici's `Pool.request`). meilisearch-js goes through fetch, whose
 * Request/Headers/stream objects cost more CPU per call than the search itself costs the API, and
 * node:http's ClientRequest cost about 160 µs of CPU per call where `Pool.request` costs about 105
 * (issue 12 §5, bench/README.md); writes and administration keep using meilisearch-js. The reply
 * is asked uncompressed (search.md: gzip stalls each search ~40 ms on loopback).
 */
export class MeiliSearchClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly headers: Record<string, string>;

  constructor(host: string, apiKey: string | undefined) {
    const url = new URL('/multi-search', host);
    this.path = url.pathname;
    this.pool = new Pool(url.origin, { connections: 64 });
    this.headers = { 'content-type': 'application/json', 'accept-encoding': 'identity', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  }

  /**
   * `timeoutMs` bounds the whole call, connecting included (undici's own connect timeout is 10 s):
   * the failover router reads a slow or unreachable Meilisearch as an unavailable one.
   */
  async multiSearch(queries: MultiSearchQuery[], timeoutMs: number): Promise<MultiSearchResponse> {
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({
        path: this.path,
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify({ queries }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.statusCode;
      // undici decodes a one-chunk answer (the usual case) without Buffer.concat's copy.
      text = await res.body.text();
    } catch (err) {
      throw new SearchUnavailableError(err);
    }
    if (status >= 200 && status < 300) {
      try {
        return JSON.parse(text) as MultiSearchResponse;
      } catch (err) {
        throw new SearchUnavailableError(err);
      }
    }
    // A server that answers 5xx without its error object (a proxy, a restart) is unavailable.
    let parsed: { code?: string; message?: string } | undefined;
    try {
      parsed = JSON.parse(text) as { code?: string; message?: string };
    } catch {
      // Not Meilisearch's error object: judged by the status alone.
    }
    if (!parsed?.code && status >= 500) throw new SearchUnavailableError(`HTTP ${status}`);
    throw new MeiliAnswerError(status, parsed?.code, parsed?.message ?? `HTTP ${status}`);
  }
}
