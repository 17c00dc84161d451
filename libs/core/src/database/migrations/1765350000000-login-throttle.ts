import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login limits and upkeep (issue 18 §5, §8):
 * - `login_throttle`: failed sign-ins per account + client, counted before the password is checked,
 *   with a growing delay instead of a lock the real owner could be shut out by;
 * - rate-limit buckets record when they expire, so a recurring job can purge them; the old
 *   per-account buckets, keyed by raw email addresses, are dropped;
 * - an index to purge expired refresh tokens.
 */
export class LoginThrottle1765350000000 implements MigrationInterface {
  name = 'LoginThrottle1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        attempts int NOT NULL,
        allowed boolean NOT NULL,
        next_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)`);
    await q.query(`ALTER TABLE rate_limit_buckets ADD COLUMN expires_at timestamptz`);
    await q.query(`DELETE FROM rate_limit_buckets WHERE key LIKE 'login:account:%'`);
    await q.query(`CREATE INDEX rate_limit_buckets_expires_idx ON rate_limit_buckets (expires_at)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX refresh_tokens_expires_idx`);
    await q.query(`ALTER TABLE rate_limit_buckets DROP COLUMN expires_at`);
    await q.query(`DROP TABLE login_throttle`);
  }
}
