import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stamps vouch only for what the floor checked (security review, issue 18 §1, §3, §6):
 * - `trace_gtin_claims`: which enterprise a GTIN belongs to on the floor. At most one `confirmed`
 *   claim per GTIN; a second claimant (or a GTIN under another enterprise's declared GS1 company
 *   prefix) waits in `pending_review` for a moderator. Existing lots are backfilled: per GTIN the
 *   enterprise with the earliest lot keeps it, any other goes to review.
 * - `trace_gs1_prefixes`: GS1 company prefixes enterprises declared (no prefix covers another's).
 * - scans are weighed by distinct clients: `distinct_clients` per stamp (backfilled from the scans),
 *   and an owner's review of a warning (`trace_warning_reviews`, who and when) sets the baseline the
 *   warning thresholds count from.
 * - `trace_stamp_issues`: one row per issuing request, for the per-enterprise daily quota.
 * - new verdicts in the scans' outcome.
 */
export class StampTrust1765300000000 implements MigrationInterface {
  name = 'StampTrust1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trace_gtin_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gtin14 text NOT NULL CHECK (gtin14 ~ '^[0-9]{14}$'),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        status text NOT NULL CHECK (status IN ('confirmed','pending_review','rejected','revoked')),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        UNIQUE (gtin14, enterprise_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX trace_gtin_claims_owner_idx ON trace_gtin_claims (gtin14) WHERE status = 'confirmed'`);
    await q.query(`CREATE INDEX trace_gtin_claims_review_idx ON trace_gtin_claims (created_at) WHERE status = 'pending_review'`);
    await q.query(`
      INSERT INTO trace_gtin_claims (gtin14, enterprise_id, status, reason)
      SELECT gtin14, enterprise_id,
             CASE WHEN row_number() OVER (PARTITION BY gtin14 ORDER BY first_lot, enterprise_id) = 1 THEN 'confirmed' ELSE 'pending_review' END,
             'backfilled from existing lots'
      FROM (SELECT gtin14, enterprise_id, min(created_at) AS first_lot FROM trace_batches WHERE gtin14 IS NOT NULL GROUP BY 1, 2) g`);

    await q.query(`
      CREATE TABLE trace_gs1_prefixes (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id),
        prefix text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9]{6,12}$'),
        declared_by uuid REFERENCES users(id),
        declared_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      ALTER TABLE trace_stamps
        ADD COLUMN distinct_clients int NOT NULL DEFAULT 0,
        ADD COLUMN warn_base_clients int NOT NULL DEFAULT 0,
        ADD COLUMN warn_base_places int NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE trace_stamps s SET distinct_clients = c.n
      FROM (SELECT serial, count(DISTINCT client_hash)::int AS n FROM trace_stamp_scans WHERE serial IS NOT NULL GROUP BY serial) c
      WHERE c.serial = s.serial`);
    await q.query(`CREATE INDEX trace_stamp_scans_serial_client_idx ON trace_stamp_scans (serial, client_hash) WHERE serial IS NOT NULL`);
    await q.query(`
      CREATE TABLE trace_warning_reviews (
        id bigserial PRIMARY KEY,
        serial text NOT NULL REFERENCES trace_stamps(serial),
        reviewed_by uuid NOT NULL REFERENCES users(id),
        reviewed_at timestamptz NOT NULL,
        note text,
        scan_count int NOT NULL,
        distinct_clients int NOT NULL,
        distinct_places int NOT NULL
      )`);
    await q.query(`CREATE INDEX trace_warning_reviews_serial_idx ON trace_warning_reviews (serial, reviewed_at)`);

    await q.query(`
      CREATE TABLE trace_stamp_issues (
        id bigserial PRIMARY KEY,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        batch_id uuid NOT NULL REFERENCES trace_batches(id),
        count int NOT NULL CHECK (count > 0),
        issued_by uuid REFERENCES users(id),
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX trace_stamp_issues_quota_idx ON trace_stamp_issues (enterprise_id, issued_at)`);

    await q.query(`ALTER TABLE trace_stamp_scans DROP CONSTRAINT IF EXISTS trace_stamp_scans_outcome_check`);
    await q.query(`
      ALTER TABLE trace_stamp_scans ADD CONSTRAINT trace_stamp_scans_outcome_check CHECK (outcome IN
        ('genuine','warning','revoked','unknown','seller_unverified','seller_suspended','product_unapproved','withdrawn','gtin_unconfirmed'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM trace_stamp_scans WHERE outcome NOT IN ('genuine','warning','revoked','unknown')`);
    await q.query(`ALTER TABLE trace_stamp_scans DROP CONSTRAINT trace_stamp_scans_outcome_check`);
    await q.query(`ALTER TABLE trace_stamp_scans ADD CONSTRAINT trace_stamp_scans_outcome_check CHECK (outcome IN ('genuine','warning','revoked','unknown'))`);
    await q.query(`DROP TABLE trace_stamp_issues`);
    await q.query(`DROP TABLE trace_warning_reviews`);
    await q.query(`DROP INDEX trace_stamp_scans_serial_client_idx`);
    await q.query(`ALTER TABLE trace_stamps DROP COLUMN distinct_clients, DROP COLUMN warn_base_clients, DROP COLUMN warn_base_places`);
    await q.query(`DROP TABLE trace_gs1_prefixes`);
    await q.query(`DROP TABLE trace_gtin_claims`);
  }
}
