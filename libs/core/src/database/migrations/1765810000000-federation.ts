import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Federation between provincial floors (libs/federation, issue 16).
 * - `federation_feed_entries`: the change log behind the open feed (`/open/v1/*`): one row per
 *   published-or-once-published subject, its position `changed_at` moved forward on every change
 *   (under an advisory lock, so positions grow in commit order and a cursor never skips a row).
 * - `federation_peers`: other floors whose product feeds we pull, with their cursor and health.
 * - `federation_peer_products`: their products as they stated them, read-only, one row per item.
 */
export class Federation1765810000000 implements MigrationInterface {
  name = 'Federation1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE federation_feed_entries (
        kind text NOT NULL CHECK (kind IN ('product','enterprise','bulletin')),
        subject_id uuid NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id)
      )`);
    await q.query(`CREATE INDEX federation_feed_entries_position_idx ON federation_feed_entries (kind, changed_at, subject_id)`);
    await q.query(`CREATE INDEX federation_feed_entries_changed_idx ON federation_feed_entries (changed_at)`);
    await q.query(`
      CREATE TABLE federation_peers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        province_code text NOT NULL,
        feed_url text NOT NULL UNIQUE,
        cursor text,
        next_pull_at timestamptz NOT NULL DEFAULT now(),
        failures int NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        last_error_at timestamptz,
        last_rejected int NOT NULL DEFAULT 0,
        pull_lease_until timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE federation_peer_products (
        peer_id uuid NOT NULL REFERENCES federation_peers(id) ON DELETE CASCADE,
        remote_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        gtin text,
        price_vnd bigint,
        availability text,
        seller_name text,
        seller_tax_code text,
        province_code text,
        commune_code text,
        ocop_stars smallint,
        ocop_certificate text,
        ocop_valid_until date,
        image_urls text[] NOT NULL DEFAULT '{}',
        page_url text NOT NULL,
        digital_link text,
        remote_modified_at timestamptz NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now(),
        search_text text NOT NULL,
        PRIMARY KEY (peer_id, remote_id)
      )`);
    await q.query(`CREATE INDEX federation_peer_products_search_idx ON federation_peer_products USING gin (to_tsvector('simple', search_text))`);
    await q.query(`CREATE INDEX federation_peer_products_province_idx ON federation_peer_products (province_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE federation_peer_products`);
    await q.query(`DROP TABLE federation_peers`);
    await q.query(`DROP TABLE federation_feed_entries`);
  }
}
