import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rendered stamp sheets (PDF) kept in the file storage until their batch changes (issue 18 §6):
 * one row per batch and seq range, naming the stored file and the version of what it shows
 * (stamps, product name, layout). A request for the same range and version is served from storage.
 */
export class StampSheetCache1765300001000 implements MigrationInterface {
  name = 'StampSheetCache1765300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trace_stamp_sheets (
        batch_id uuid NOT NULL REFERENCES trace_batches(id),
        from_seq int NOT NULL,
        to_seq int NOT NULL,
        version text NOT NULL,
        storage_key text NOT NULL,
        size bigint NOT NULL,
        rendered_at timestamptz NOT NULL,
        PRIMARY KEY (batch_id, from_seq, to_seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trace_stamp_sheets`);
  }
}
