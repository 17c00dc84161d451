import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller identity (trust and safety, Decree 320/2026): sellers are identified before selling.
 * `seller_identities` holds one row per enterprise with its identity state; `identity_requests`
 * each proof submitted (staff review) or electronic verification started. Only a keyed hash of
 * the document number is kept, with the kind and the expiry; the holder's name and any picture
 * of the document are dropped when the request is decided.
 */
export class SellerIdentity1765910000000 implements MigrationInterface {
  name = 'SellerIdentity1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL,
        method text NOT NULL CHECK (method IN ('staff_review','electronic')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','failed')),
        document_kind text CHECK (document_kind IN ('cccd','passport','foreign_passport','business_registration')),
        document_hash text,
        document_expires_on date,
        holder_name text,
        image_key text,
        external_ref text,
        redirect_url text,
        checks jsonb NOT NULL DEFAULT '[]',
        decision_reason text,
        decided_by uuid,
        decided_at timestamptz,
        submitted_by uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX identity_requests_one_pending_idx ON identity_requests (enterprise_id) WHERE status = 'pending'`);
    await q.query(`CREATE UNIQUE INDEX identity_requests_external_idx ON identity_requests (external_ref) WHERE external_ref IS NOT NULL`);
    await q.query(`CREATE INDEX identity_requests_queue_idx ON identity_requests (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX identity_requests_document_idx ON identity_requests (document_hash) WHERE status = 'approved'`);
    await q.query(`
      CREATE TABLE seller_identities (
        enterprise_id uuid PRIMARY KEY,
        state text NOT NULL DEFAULT 'unverified' CHECK (state IN ('unverified','pending','verified','rejected','expired')),
        method text,
        document_kind text,
        document_hash text,
        verified_at timestamptz,
        expires_at timestamptz,
        reason text,
        last_reminder_at timestamptz,
        hidden_status text,
        hidden_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seller_identities`);
    await q.query(`DROP TABLE identity_requests`);
  }
}
