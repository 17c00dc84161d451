import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipping (issue 17, libs/shipping): each enterprise's carrier accounts (secrets sealed with the
 * installation key), one shipment per caller reference (a sub-order code) with its status
 * history, and the carriers' webhooks as received (hints, re-checked with the carrier).
 */
export class Shipping1766040000000 implements MigrationInterface {
  name = 'Shipping1766040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_accounts (
        enterprise_id uuid NOT NULL,
        carrier text NOT NULL CHECK (carrier IN ('ghn','ghtk','seller')),
        secrets text,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enterprise_id, carrier)
      )`);
    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        enterprise_id uuid NOT NULL,
        carrier text NOT NULL CHECK (carrier IN ('ghn','ghtk','seller')),
        status text NOT NULL,
        carrier_status text,
        carrier_code text,
        fee_vnd integer,
        request jsonb NOT NULL,
        cancel_requested boolean NOT NULL DEFAULT false,
        last_error text,
        checked_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX shipments_enterprise_idx ON shipments (enterprise_id, created_at DESC)`);
    await q.query(`CREATE INDEX shipments_carrier_code_idx ON shipments (carrier, carrier_code)`);
    await q.query(`CREATE INDEX shipments_open_idx ON shipments (checked_at) WHERE status NOT IN ('delivered','returned','cancelled','lost')`);
    await q.query(`
      CREATE TABLE shipment_events (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        status text NOT NULL,
        carrier_status text,
        source text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX shipment_events_shipment_idx ON shipment_events (shipment_id, id)`);
    await q.query(`
      CREATE TABLE shipment_webhooks (
        id bigserial PRIMARY KEY,
        carrier text NOT NULL,
        carrier_code text,
        reference text,
        claimed_status text,
        shipment_id uuid,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX shipment_webhooks_received_idx ON shipment_webhooks (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shipment_webhooks`);
    await q.query(`DROP TABLE shipment_events`);
    await q.query(`DROP TABLE shipments`);
    await q.query(`DROP TABLE carrier_accounts`);
  }
}
