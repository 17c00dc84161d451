import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews (issue 17 "After delivery"), owned by libs/reviews: a buyer's review of a product and its
 * seller after a completed sub-order — one per (sub-order, product) —, the seller's single reply,
 * reports from anyone, and each product's published-ratings aggregate kept in the same transaction
 * as every publish/hide.
 */
export class Reviews1766080000000 implements MigrationInterface {
  name = 'Reviews1766080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sub_order_code text NOT NULL,
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
        author_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        author_name text NOT NULL,
        product_stars smallint NOT NULL CHECK (product_stars BETWEEN 1 AND 5),
        seller_stars smallint NOT NULL CHECK (seller_stars BETWEEN 1 AND 5),
        text text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','published','rejected','hidden')),
        screening jsonb NOT NULL DEFAULT '[]',
        reply_text text,
        replied_at timestamptz,
        report_count int NOT NULL DEFAULT 0,
        moderated_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT reviews_one_per_line UNIQUE (sub_order_code, product_id)
      )`);
    await q.query(`CREATE INDEX reviews_product_idx ON reviews (product_id, created_at DESC) WHERE status = 'published'`);
    await q.query(`CREATE INDEX reviews_enterprise_idx ON reviews (enterprise_id, created_at DESC) WHERE status = 'published'`);
    await q.query(`CREATE INDEX reviews_status_idx ON reviews (status, created_at)`);
    await q.query(`CREATE INDEX reviews_author_idx ON reviews (author_user_id) WHERE author_user_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE review_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        reporter_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        reporter_hash text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT review_reports_once UNIQUE (review_id, reporter_hash)
      )`);
    await q.query(`
      CREATE TABLE product_ratings (
        product_id uuid PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
        review_count int NOT NULL,
        stars_sum int NOT NULL,
        average numeric(3,2) NOT NULL,
        distribution int[] NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX product_ratings_enterprise_idx ON product_ratings (enterprise_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_ratings`);
    await q.query(`DROP TABLE review_reports`);
    await q.query(`DROP TABLE reviews`);
  }
}
