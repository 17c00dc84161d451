import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL search engine, issue 4: broad queries rank a capped candidate set instead of every
 * match, and candidates whose *name* matches are taken first. `exact_name` holds each name word's
 * folded token followed by its exact (diacritic-preserving) token, so one expression index on it
 * answers both "folded word in the name" and "exact word in the name".
 * `to_tsvector(regconfig, text)` is immutable, so no extra column (and no table rewrite) is needed.
 */
export class SearchNameIndex1764510000000 implements MigrationInterface {
  name = 'SearchNameIndex1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS search_products_name_tsv_idx ON search_products USING gin (to_tsvector('simple'::regconfig, exact_name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS search_products_name_tsv_idx`);
  }
}
