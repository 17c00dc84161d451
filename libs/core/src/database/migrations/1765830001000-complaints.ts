import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints (trust and safety): anyone files one and receives a code `KN-<year>-<number>`
 * (numbered per calendar year through `complaint_counters`); staff work a queue ordered by the
 * deadline of the complaint's kind; replies are kept in `complaint_replies`. The complainant's
 * name, email and phone are personal data, shown to staff only (never to the seller).
 */
export class Complaints1765830001000 implements MigrationInterface {
  name = 'Complaints1765830001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE complaint_counters (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('counterfeit','wrong_information','intellectual_property','seller_conduct','other')),
        subject_type text CHECK (subject_type IN ('product','enterprise','bulletin')),
        subject_id uuid,
        enterprise_id uuid,
        name text NOT NULL,
        email text NOT NULL,
        phone text,
        message text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','escalated','resolved','rejected')),
        assigned_to uuid,
        due_at timestamptz NOT NULL,
        resolution text,
        resolved_at timestamptz,
        resolved_by uuid,
        takedown_id uuid,
        client_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((subject_type IS NULL) = (subject_id IS NULL))
      )`);
    await q.query(`CREATE INDEX complaints_queue_idx ON complaints (due_at) WHERE status IN ('open','in_progress','escalated')`);
    await q.query(`CREATE INDEX complaints_enterprise_idx ON complaints (enterprise_id, created_at DESC)`);
    await q.query(`CREATE INDEX complaints_duplicate_idx ON complaints (email, created_at)`);
    await q.query(`
      CREATE TABLE complaint_replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        author text NOT NULL CHECK (author IN ('staff','complainant')),
        author_id uuid,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX complaint_replies_complaint_idx ON complaint_replies (complaint_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_replies`);
    await q.query(`DROP TABLE complaints`);
    await q.query(`DROP TABLE complaint_counters`);
  }
}
