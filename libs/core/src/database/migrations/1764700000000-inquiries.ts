import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Buyer inquiries about a product, addressed to the product's enterprise. */
export class Inquiries1764700000000 implements MigrationInterface {
  name = 'Inquiries1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inquiries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id),
        -- Denormalised from the product at creation (products never change enterprise): the inbox
        -- and the per-enterprise statistics read by enterprise.
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        buyer_user_id uuid REFERENCES users(id),
        buyer_name text NOT NULL CHECK (length(buyer_name) BETWEEN 1 AND 100),
        -- Canonical 0XXXXXXXXX; required when the buyer is not signed in.
        buyer_phone text CHECK (buyer_phone ~ '^0[0-9]{9}$'),
        quantity int NOT NULL CHECK (quantity > 0),
        -- Plain text, never HTML (escaped when shown).
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','read','answered','closed','spam')),
        -- Keyed hashes only: the raw IP address and user agent are never stored.
        client_hash text NOT NULL,
        user_agent_hash text,
        notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (buyer_user_id IS NOT NULL OR buyer_phone IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX inquiries_enterprise_idx ON inquiries (enterprise_id, created_at DESC)`);
    await q.query(`CREATE INDEX inquiries_created_idx ON inquiries (created_at)`);
    // Duplicate suppression looks up the same phone + product within the last hour.
    await q.query(`CREATE INDEX inquiries_duplicate_idx ON inquiries (product_id, buyer_phone, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inquiries`);
  }
}
