import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from './query-rows';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters kept in PostgreSQL, so every API replica shares the same limits.
 * One statement per hit: the window restarts when it has elapsed.
 */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limit_buckets AS b (key, window_start, hits, expires_at) VALUES ($1, now(), 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_start + make_interval(secs => $2) <= now() THEN 1 ELSE b.hits + 1 END,
         window_start = CASE WHEN b.window_start + make_interval(secs => $2) <= now() THEN now() ELSE b.window_start END,
         expires_at = CASE WHEN b.window_start + make_interval(secs => $2) <= now() THEN now() ELSE b.window_start END + make_interval(secs => $2)
       RETURNING hits, EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())) AS remaining`,
      [key, windowSeconds],
    );
    const hits = Number(row.hits);
    return { allowed: hits <= limit, hits, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.remaining))) };
  }

  /** Current count without counting a hit. */
  async peek(key: string, windowSeconds: number): Promise<RateLimitResult & { hits: number }> {
    const [row] = await this.dataSource.query(
      `SELECT hits, EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())) AS remaining
       FROM rate_limit_buckets WHERE key = $1 AND window_start + make_interval(secs => $2) > now()`,
      [key, windowSeconds],
    );
    if (!row) return { allowed: true, hits: 0, retryAfterSeconds: 0 };
    return { allowed: true, hits: Number(row.hits), retryAfterSeconds: Math.max(1, Math.ceil(Number(row.remaining))) };
  }

  /** Deletes buckets whose window has passed (the recurring `core.purge-rate-limits` job). */
  async purgeExpired(): Promise<number> {
    // Buckets written before expires_at existed: no window is longer than 7 days.
    const rows = await this.dataSource.query(
      `DELETE FROM rate_limit_buckets WHERE expires_at < now() OR (expires_at IS NULL AND window_start < now() - interval '8 days') RETURNING 1`,
    );
    return returnedRows(rows).length;
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_buckets WHERE key = $1', [key]);
  }
}
