import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email verification (issue 18 §6): a self-registered account may sign in but not write until it
 * proves it owns its address.
 * - `users.email_verified_at`: every account that exists when this runs is marked verified (nobody
 *   is locked out), and the default keeps accounts made by the operator (bootstrap admin, demo
 *   seed) verified; only self-registration inserts NULL explicitly.
 * - `email_verification_tokens`: single-use, expiring, only the SHA-256 of the token is stored.
 */
export class EmailVerification1765800000000 implements MigrationInterface {
  name = 'EmailVerification1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz DEFAULT now()`);
    await q.query(`UPDATE users SET email_verified_at = created_at`);
    await q.query(`
      CREATE TABLE email_verification_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_verification_tokens_user_idx ON email_verification_tokens (user_id)`);
    await q.query(`CREATE INDEX email_verification_tokens_expires_idx ON email_verification_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_verification_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
