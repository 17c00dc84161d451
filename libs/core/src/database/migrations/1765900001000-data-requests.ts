import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authority data requests (trust and safety): an authority's request for the data the floor holds
 * about a seller or a product, the archive produced for it (kept in the file storage under
 * `private/`, never served by /media) and how often it was downloaded.
 */
export class DataRequests1765900001000 implements MigrationInterface {
  name = 'DataRequests1765900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority text NOT NULL,
        reference text NOT NULL,
        legal_basis text NOT NULL,
        received_at timestamptz NOT NULL,
        requested_by text NOT NULL,
        subject_type text NOT NULL CHECK (subject_type IN ('enterprise','product')),
        subject_id uuid NOT NULL,
        enterprise_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','ready','failed')),
        file_key text,
        file_size int,
        file_sha256 text,
        error text,
        downloads int NOT NULL DEFAULT 0,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX data_requests_created_idx ON data_requests (created_at DESC)`);
    await q.query(`CREATE INDEX data_requests_enterprise_idx ON data_requests (enterprise_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_requests`);
  }
}
