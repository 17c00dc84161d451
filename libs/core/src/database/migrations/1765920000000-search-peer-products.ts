import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL search engine's index of peer floors' products (libs/search, issue 16): apart
 * from `search_products`, so our own index, its drift checks and rebuilds never see a peer item.
 * Filled by the `search.peer-products` jobs the federation pull enqueues in its transaction.
 */
export class SearchPeerProducts1765920000000 implements MigrationInterface {
  name = 'SearchPeerProducts1765920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_peer_products (
        id text PRIMARY KEY,
        peer_id uuid NOT NULL,
        peer_name text NOT NULL,
        remote_id text NOT NULL,
        name text NOT NULL,
        seller_name text NOT NULL DEFAULT '',
        province_code text NOT NULL DEFAULT '',
        price_vnd bigint,
        ocop_stars smallint NOT NULL DEFAULT 0,
        ocop_certificate text,
        ocop_valid_until text,
        image_url text,
        page_url text NOT NULL,
        modified_at bigint NOT NULL,
        name_folded text NOT NULL,
        keywords_folded text NOT NULL,
        description_folded text NOT NULL,
        hash text NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', name_folded), 'A') || setweight(to_tsvector('simple', keywords_folded), 'B') ||
          setweight(to_tsvector('simple', description_folded), 'C')) STORED
      )`);
    await q.query(`CREATE INDEX search_peer_products_tsv_idx ON search_peer_products USING gin (tsv)`);
    await q.query(`CREATE INDEX search_peer_products_peer_idx ON search_peer_products (peer_id)`);
    await q.query(`CREATE INDEX search_peer_products_province_idx ON search_peer_products (province_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_peer_products`);
  }
}
