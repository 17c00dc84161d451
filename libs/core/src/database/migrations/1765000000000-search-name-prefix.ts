import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL search engine, issue 12 §4: a product whose name starts with the query's words ranks
 * above one that merely contains them, and such names are gathered first for broad queries. The
 * ranking tests `name_folded LIKE 'dua sap %'`; text_pattern_ops lets that prefix use an index
 * whatever the database collation.
 */
export class SearchNamePrefix1765000000000 implements MigrationInterface {
  name = 'SearchNamePrefix1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS search_products_name_prefix_idx ON search_products (name_folded text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS search_products_name_prefix_idx`);
  }
}
