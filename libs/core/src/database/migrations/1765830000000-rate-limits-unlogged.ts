import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit buckets become UNLOGGED. Every stamp scan, search suggestion or registration writes
 * one, and a logged write waits for its WAL flush (an fsync) before the request can answer; the
 * buckets are worth nothing after a crash (PostgreSQL empties an unlogged table on crash
 * recovery, which resets the counters for at most one window). Sign-in throttling stays in the
 * logged `login_throttle` table: its lockouts must survive a restart.
 */
export class RateLimitsUnlogged1765830000000 implements MigrationInterface {
  name = 'RateLimitsUnlogged1765830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_limit_buckets SET UNLOGGED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rate_limit_buckets SET LOGGED`);
  }
}
