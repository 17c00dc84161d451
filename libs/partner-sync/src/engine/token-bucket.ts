import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RetryJobLaterError } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

/** Longest a caller waits in-process for its slot; beyond that the job is postponed instead. */
const MAX_IN_PROCESS_WAIT_S = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A token bucket per (channel, shop) kept in PostgreSQL so every worker process shares it.
 * Callers reserve a slot (the bucket may go into bounded debt) and sleep until it comes up,
 * which paces requests evenly at the configured rate instead of bursting and polling.
 */
@Injectable()
export class TokenBucket {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async acquire(key: string, ratePerSecond: number): Promise<void> {
    const capacity = Math.max(1, ratePerSecond / 10);
    const maxDebt = ratePerSecond * MAX_IN_PROCESS_WAIT_S;
    for (;;) {
      const [row]: Array<{ tokens: number; granted: boolean }> = await this.dataSource.query(
        `INSERT INTO sync_rate_buckets AS b (key, tokens, granted, updated_at) VALUES ($1, $2::float8 - 1, true, now())
         ON CONFLICT (key) DO UPDATE SET
           granted = LEAST($2::float8, b.tokens + $3::float8 * EXTRACT(EPOCH FROM now() - b.updated_at)::float8) - 1 >= -$4::float8,
           tokens = LEAST($2::float8, b.tokens + $3::float8 * EXTRACT(EPOCH FROM now() - b.updated_at)::float8)
                    - CASE WHEN LEAST($2::float8, b.tokens + $3::float8 * EXTRACT(EPOCH FROM now() - b.updated_at)::float8) - 1 >= -$4::float8 THEN 1 ELSE 0 END,
           updated_at = now()
         RETURNING tokens, granted`,
        [key, capacity, ratePerSecond, maxDebt],
      );
      const tokens = Number(row.tokens);
      if (row.granted) {
        if (tokens < 0) await sleep((-tokens / ratePerSecond) * 1000);
        return;
      }
      const waitMs = ((1 - maxDebt - tokens) / ratePerSecond) * 1000;
      if (waitMs > 5000) throw new RetryJobLaterError(Math.ceil(waitMs), `rate limit ${key}: waiting for a slot`);
      await sleep(Math.max(10, waitMs));
    }
  }
}
