import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog search: the PostgreSQL engine's denormalised tables (maintained by the same durable
 * jobs that feed Meilisearch), its vocabulary for typo correction, OCOP expiry bookkeeping and
 * the engine state (applied settings version, per index).
 *
 * Text columns hold Vietnamese text already folded and tokenised by libs/search (one space
 * between tokens, ASCII where the text is Vietnamese), so the `simple` configuration suffices and
 * the tsvectors can be generated columns. `exact_name`/`exact_text` hold the diacritic-preserving encoding
 * (see libs/search/README.md) so accented queries can rank exact matches first.
 */
export class Search1764440000000 implements MigrationInterface {
  name = 'Search1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_products (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        name text NOT NULL,
        price_vnd bigint NOT NULL,
        unit text NOT NULL,
        ocop_stars smallint NOT NULL DEFAULT 0,
        enterprise_id uuid NOT NULL,
        enterprise_name text NOT NULL,
        enterprise_kind text NOT NULL,
        commune_code text NOT NULL,
        province_code text,
        thumbnail_url text,
        category_ids uuid[] NOT NULL,
        certifications text[] NOT NULL,
        in_stock boolean NOT NULL,
        published_at bigint NOT NULL,
        name_folded text NOT NULL,
        keywords_folded text NOT NULL,
        enterprise_folded text NOT NULL,
        description_folded text NOT NULL,
        exact_name text NOT NULL,
        exact_text text NOT NULL,
        hash text NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple'::regconfig, name_folded), 'A') ||
          setweight(to_tsvector('simple'::regconfig, keywords_folded), 'B') ||
          setweight(to_tsvector('simple'::regconfig, enterprise_folded), 'C') ||
          setweight(to_tsvector('simple'::regconfig, description_folded), 'D')) STORED,
        tsv_exact tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple'::regconfig, exact_name), 'A') ||
          setweight(to_tsvector('simple'::regconfig, exact_text), 'C')) STORED
      )`);
    await q.query(`CREATE INDEX search_products_tsv_idx ON search_products USING gin (tsv)`);
    await q.query(`CREATE INDEX search_products_tsv_exact_idx ON search_products USING gin (tsv_exact)`);
    await q.query(`CREATE INDEX search_products_categories_idx ON search_products USING gin (category_ids)`);
    await q.query(`CREATE INDEX search_products_price_idx ON search_products (price_vnd)`);
    await q.query(`CREATE INDEX search_products_published_idx ON search_products (published_at)`);
    await q.query(`CREATE INDEX search_products_ocop_idx ON search_products (ocop_stars)`);
    await q.query(`CREATE INDEX search_products_enterprise_idx ON search_products (enterprise_id)`);
    await q.query(`CREATE INDEX search_products_commune_idx ON search_products (commune_code)`);

    await q.query(`
      CREATE TABLE search_enterprises (
        id uuid PRIMARY KEY,
        slug text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        commune_code text NOT NULL,
        province_code text,
        name_folded text NOT NULL,
        description_folded text NOT NULL,
        exact_text text NOT NULL,
        hash text NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple'::regconfig, name_folded), 'A') ||
          setweight(to_tsvector('simple'::regconfig, description_folded), 'D')) STORED,
        tsv_exact tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, exact_text)) STORED
      )`);
    await q.query(`CREATE INDEX search_enterprises_tsv_idx ON search_enterprises USING gin (tsv)`);

    // Folded words seen in product and enterprise names: typo correction and split of joined
    // syllables for the PostgreSQL engine. "C" collation so prefix LIKE can use the primary key.
    await q.query(`CREATE TABLE search_terms (term text COLLATE "C" PRIMARY KEY)`);
    await q.query(`CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)`);

    // When a product's best OCOP certificate lapses, no write happens: a sweep re-indexes these.
    await q.query(`CREATE TABLE search_ocop_expiry (product_id uuid PRIMARY KEY, valid_until date NOT NULL)`);
    await q.query(`CREATE INDEX search_ocop_expiry_idx ON search_ocop_expiry (valid_until)`);

    await q.query(`
      CREATE TABLE search_state (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['search_state', 'search_ocop_expiry', 'search_terms', 'search_enterprises', 'search_products']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
