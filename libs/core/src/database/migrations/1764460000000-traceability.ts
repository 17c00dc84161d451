import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Traceability: batches (lots), EPCIS trace events, QR stamps and their scans. */
export class Traceability1764460000000 implements MigrationInterface {
  name = 'Traceability1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trace_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id),
        -- Denormalised from the product (products never change enterprise) for per-enterprise reports.
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        lot_code text NOT NULL CHECK (length(lot_code) BETWEEN 1 AND 20),
        -- The product's GTIN-14 when the batch was created: printed stamp URLs must keep resolving
        -- even if the product's GTIN is edited later.
        gtin14 text CHECK (gtin14 ~ '^[0-9]{14}$'),
        produced_at date NOT NULL,
        expires_at date CHECK (expires_at IS NULL OR expires_at >= produced_at),
        quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        origin_commune_code text REFERENCES communes(code),
        certifications jsonb NOT NULL DEFAULT '[]'::jsonb,
        notes text,
        issued_count int NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, lot_code)
      )`);
    await q.query(`CREATE INDEX trace_batches_enterprise_idx ON trace_batches (enterprise_id, created_at)`);
    await q.query(`CREATE INDEX trace_batches_gtin_lot_idx ON trace_batches (gtin14, lot_code) WHERE gtin14 IS NOT NULL`);

    await q.query(`
      CREATE TABLE trace_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        batch_id uuid NOT NULL REFERENCES trace_batches(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('ObjectEvent','AggregationEvent','TransformationEvent')),
        action text CHECK (action IN ('ADD','OBSERVE','DELETE')),
        biz_step text NOT NULL,
        event_time timestamptz NOT NULL,
        event_time_zone_offset text NOT NULL DEFAULT '+07:00',
        place text,
        commune_code text REFERENCES communes(code),
        read_point text,
        actor text,
        note text,
        photo_url text,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX trace_events_batch_idx ON trace_events (batch_id, event_time)`);

    await q.query(`
      CREATE TABLE trace_stamps (
        serial text PRIMARY KEY CHECK (serial ~ '^[0-9A-HJKMNP-TV-Z]{14}$'),
        batch_id uuid NOT NULL REFERENCES trace_batches(id),
        seq int NOT NULL CHECK (seq >= 1),
        state text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued','activated','revoked')),
        issued_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        revoked_at timestamptz,
        revoke_reason text,
        scan_count int NOT NULL DEFAULT 0,
        distinct_places int NOT NULL DEFAULT 0,
        first_scanned_at timestamptz,
        last_scanned_at timestamptz,
        UNIQUE (batch_id, seq)
      )`);
    // Anomaly reports look only at stamps that were scanned more than once.
    await q.query(`CREATE INDEX trace_stamps_rescanned_idx ON trace_stamps (batch_id) WHERE scan_count > 1`);

    // No raw IP address is ever stored: client_hash is an HMAC of the address under a key that
    // rotates daily, place is a coarse region (or an HMAC of the /16 network).
    await q.query(`
      CREATE TABLE trace_stamp_scans (
        id bigserial PRIMARY KEY,
        serial text REFERENCES trace_stamps(serial),
        -- For unknown serials: the serial that was presented (well-formed, with a valid check character).
        claimed_serial text,
        -- The stamp's batch; for an unknown serial presented through a Digital Link, the batch its GTIN and lot name.
        batch_id uuid REFERENCES trace_batches(id),
        outcome text NOT NULL CHECK (outcome IN ('genuine','warning','revoked','unknown')),
        channel text NOT NULL CHECK (channel IN ('html','api')),
        scanned_at timestamptz NOT NULL,
        place text,
        ua_hash text,
        client_hash text
      )`);
    await q.query(`CREATE INDEX trace_stamp_scans_serial_idx ON trace_stamp_scans (serial, scanned_at) WHERE serial IS NOT NULL`);
    await q.query(`CREATE INDEX trace_stamp_scans_serial_place_idx ON trace_stamp_scans (serial, place) WHERE serial IS NOT NULL`);
    await q.query(`CREATE INDEX trace_stamp_scans_claimed_idx ON trace_stamp_scans (claimed_serial, scanned_at) WHERE claimed_serial IS NOT NULL`);
    await q.query(`CREATE INDEX trace_stamp_scans_batch_idx ON trace_stamp_scans (batch_id, scanned_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trace_stamp_scans`);
    await q.query(`DROP TABLE trace_stamps`);
    await q.query(`DROP TABLE trace_events`);
    await q.query(`DROP TABLE trace_batches`);
  }
}
