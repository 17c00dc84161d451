import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyword screening (trust and safety): staff-managed prohibited and restricted terms, a one-row
 * version that every change of the list bumps (each process recompiles its matcher only when it
 * moved), and the latest screening of each product sent to moderation (matches, and the override
 * of a moderator who approved despite a prohibited term).
 */
export class Screening1765900000000 implements MigrationInterface {
  name = 'Screening1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE screening_terms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        term text NOT NULL,
        term_folded text NOT NULL UNIQUE,
        severity text NOT NULL CHECK (severity IN ('prohibited','restricted')),
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE TABLE screening_list_state (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)`);
    await q.query(`INSERT INTO screening_list_state (id, version) VALUES (1, 0)`);
    await q.query(`
      CREATE TABLE product_screenings (
        product_id uuid PRIMARY KEY,
        revision int NOT NULL,
        list_version bigint NOT NULL,
        matches jsonb NOT NULL,
        texts jsonb NOT NULL,
        prohibited boolean NOT NULL,
        screened_at timestamptz NOT NULL,
        override_reason text,
        overridden_by uuid,
        overridden_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_screenings`);
    await q.query(`DROP TABLE screening_list_state`);
    await q.query(`DROP TABLE screening_terms`);
  }
}
