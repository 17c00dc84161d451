import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller account states (trust and safety): active → warned → suspended → closed per enterprise
 * (no row = active), a suspension scheduled with notice (`suspension_due_at`, carried out by a
 * recurring job), the enterprise status a suspension replaced (restored on reinstatement), and
 * the history the seller and staff see.
 */
export class SellerAccounts1765900002000 implements MigrationInterface {
  name = 'SellerAccounts1765900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seller_accounts (
        enterprise_id uuid PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('active','warned','suspended','closed')),
        reason text,
        suspension_due_at timestamptz,
        suspension_reason text,
        previous_status text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX seller_accounts_due_idx ON seller_accounts (suspension_due_at) WHERE suspension_due_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE seller_account_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        enterprise_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('warn','schedule-suspension','suspend','close','reinstate')),
        from_state text NOT NULL,
        to_state text NOT NULL,
        reason text NOT NULL,
        source text NOT NULL,
        reference text,
        effective_at timestamptz NOT NULL,
        actor_id uuid,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX seller_account_events_enterprise_idx ON seller_account_events (enterprise_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seller_account_events`);
    await q.query(`DROP TABLE seller_accounts`);
  }
}
