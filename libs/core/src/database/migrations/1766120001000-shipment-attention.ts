import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipments that need a person (issue 17): a carrier refused the create for good, the job ran out
 * of attempts, or the create's answer kept getting lost. `attention_at` records when both sides
 * were alerted, so each shipment alerts once.
 */
export class ShipmentAttention1766120001000 implements MigrationInterface {
  name = 'ShipmentAttention1766120001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipments ADD COLUMN attention_at timestamptz`);
    await q.query(
      `CREATE INDEX shipments_uncreated_idx ON shipments (created_at) WHERE carrier_code IS NULL AND status = 'requested' AND attention_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX shipments_uncreated_idx`);
    await q.query(`ALTER TABLE shipments DROP COLUMN attention_at`);
  }
}
