import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data rights (libs/privacy, issue 15): the consent ledger (append-only; the current state
 * of a purpose is its latest event), the account's own data exports (zip in the private file
 * storage, downloadable once before it expires) and staff-handled privacy requests with their timers.
 */
export class Privacy1766010000000 implements MigrationInterface {
  name = 'Privacy1766010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent_events (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose ~ '^(marketing_email|analytics|partner_sharing:[a-z0-9-]+)$'),
        granted boolean NOT NULL,
        policy_version text,
        channel text NOT NULL CHECK (channel IN ('web','api')),
        transfer_country text,
        enterprise_id uuid,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX consent_events_user_idx ON consent_events (user_id, purpose, id)`);
    await q.query(`
      CREATE TABLE personal_data_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','ready','downloaded','expired')),
        file_key text,
        file_size int,
        file_sha256 text,
        requested_at timestamptz NOT NULL,
        completed_at timestamptz,
        expires_at timestamptz,
        downloaded_at timestamptz
      )`);
    await q.query(`CREATE INDEX personal_data_exports_user_idx ON personal_data_exports (user_id, requested_at DESC)`);
    await q.query(`
      CREATE TABLE privacy_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('access','correction','deletion','restriction','objection','withdrawal','other')),
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        message text NOT NULL,
        user_id uuid,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','acknowledged','completed','rejected')),
        processor_involved boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        ack_due_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        extended_at timestamptz,
        extension_reason text,
        completed_at timestamptz,
        resolution text,
        handled_by uuid,
        client_hash text NOT NULL
      )`);
    await q.query(`CREATE INDEX privacy_requests_open_idx ON privacy_requests (due_at) WHERE status IN ('received','acknowledged')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_requests`);
    await q.query(`DROP TABLE personal_data_exports`);
    await q.query(`DROP TABLE consent_events`);
  }
}
