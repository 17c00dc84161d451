import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partner sync: channel connections (secrets sealed), listings per product × channel, attempts, rate buckets. */
export class PartnerSync1764450000000 implements MigrationInterface {
  name = 'PartnerSync1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        channel text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','active','needs_reauth','disconnected')),
        shop_id text,
        secrets text,
        token_version int NOT NULL DEFAULT 0,
        access_expires_at timestamptz,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        settings_version int NOT NULL DEFAULT 1,
        feed_token_hash text,
        paused_until timestamptz,
        last_error text,
        last_reconciled_at timestamptz,
        reconcile_summary jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enterprise_id, channel)
      )`);
    await q.query(`CREATE INDEX channel_connections_shop_idx ON channel_connections (channel, shop_id)`);
    await q.query(`
      CREATE TABLE channel_auth_states (
        nonce_hash text PRIMARY KEY,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        channel text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE listings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        channel text NOT NULL,
        selected boolean NOT NULL DEFAULT true,
        state text NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued','syncing','listed','rejected','failed','delisting','delisted')),
        external_id text,
        external_url text,
        remote_status text,
        pushed_hash text,
        pushed_price bigint,
        pushed_stock int,
        create_started_at timestamptz,
        create_hash text,
        needs_verify boolean NOT NULL DEFAULT false,
        lease_owner text,
        lease_until timestamptz,
        throttle_streak int NOT NULL DEFAULT 0,
        error_class text,
        last_error text,
        dead_lettered_at timestamptz,
        last_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (product_id, channel)
      )`);
    await q.query(`CREATE INDEX listings_enterprise_channel_idx ON listings (enterprise_id, channel)`);
    await q.query(`CREATE INDEX listings_state_idx ON listings (channel, state)`);
    await q.query(`CREATE INDEX listings_external_idx ON listings (channel, external_id) WHERE external_id IS NOT NULL`);
    await q.query(`CREATE INDEX listings_dead_idx ON listings (dead_lettered_at) WHERE dead_lettered_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE listing_attempts (
        id bigserial PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok','error')),
        error_class text,
        message text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX listing_attempts_listing_idx ON listing_attempts (listing_id, id DESC)`);
    await q.query(`
      CREATE TABLE sync_rate_buckets (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        granted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sync_rate_buckets', 'listing_attempts', 'listings', 'channel_auth_states', 'channel_connections']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
