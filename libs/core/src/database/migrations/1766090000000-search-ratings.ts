import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL search engine's copy of each product's published rating (libs/search, issue 17):
 * the average product stars and the count of published reviews, written by the indexer from
 * `Reviews.ratingsOf` like every other denormalised column, for `sort=rating`. 0 / 0 without a
 * published review. Existing rows are filled by the rebuild that the new document version
 * (search-4) enqueues at the next start.
 */
export class SearchRatings1766090000000 implements MigrationInterface {
  name = 'SearchRatings1766090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_products ADD COLUMN rating_average numeric(3,2) NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE search_products ADD COLUMN rating_count integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_products DROP COLUMN rating_count`);
    await q.query(`ALTER TABLE search_products DROP COLUMN rating_average`);
  }
}
