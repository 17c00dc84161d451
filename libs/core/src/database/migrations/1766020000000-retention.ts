import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (issue 15 "Keep less"): `retention_runs` records each daily purge (time and the count
 * per kind — no personal data); a data request's archive removed after its period becomes `expired`;
 * the breach register (trust and safety) keeps incidents and their 72-hour notification clock.
 */
export class Retention1766020000000 implements MigrationInterface {
  name = 'Retention1766020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE retention_runs (
        id bigserial PRIMARY KEY,
        ran_at timestamptz NOT NULL,
        counts jsonb NOT NULL
      )`);
    await q.query(`ALTER TABLE data_requests DROP CONSTRAINT IF EXISTS data_requests_status_check`);
    await q.query(`ALTER TABLE data_requests ADD CONSTRAINT data_requests_status_check CHECK (status IN ('pending','ready','failed','expired'))`);
    await q.query(`
      CREATE TABLE breaches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        detected_at timestamptz NOT NULL,
        description text NOT NULL,
        data_kinds text[] NOT NULL,
        affected_count int,
        affected_user_ids uuid[] NOT NULL DEFAULT '{}',
        measures text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','contained','closed')),
        notified_authority_at timestamptz,
        users_notified_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX breaches_detected_idx ON breaches (detected_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE breaches`);
    await q.query(`ALTER TABLE data_requests DROP CONSTRAINT IF EXISTS data_requests_status_check`);
    await q.query(`ALTER TABLE data_requests ADD CONSTRAINT data_requests_status_check CHECK (status IN ('pending','ready','failed'))`);
    await q.query(`DROP TABLE retention_runs`);
  }
}
