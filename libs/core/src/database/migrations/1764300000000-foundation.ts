import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity, durable jobs and shared rate limiting. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        phone text,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','editor','business','buyer')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);

    await q.query(`
      CREATE TABLE jobs (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','completed','dead')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL DEFAULT 8,
        run_at timestamptz NOT NULL DEFAULT now(),
        locked_by text,
        locked_until timestamptz,
        dedupe_key text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_claim_idx ON jobs (queue, run_at, id) WHERE status IN ('pending','running')`);
    await q.query(`CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (queue, dedupe_key) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX jobs_dead_idx ON jobs (queue) WHERE status = 'dead'`);
    await q.query(`CREATE INDEX jobs_completed_idx ON jobs (completed_at) WHERE status = 'completed'`);

    await q.query(`
      CREATE TABLE job_schedules (
        name text PRIMARY KEY,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE rate_limit_buckets (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        hits int NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_buckets`);
    await q.query(`DROP TABLE job_schedules`);
    await q.query(`DROP TABLE jobs`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
  }
}
