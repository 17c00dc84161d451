import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activity over time for the statistics dashboard (issue 8): views per Vietnam calendar day.
 * - bulletin_view_days: written by the bulletin view flush with the views that counted
 *   (bulletin_views only keeps the last hours for de-duplication). Seeded from what it still holds.
 * - product_view_days: product page views, buffered in memory and added in batches.
 * - trace_stamp_scans gets an index on scanned_at for province-wide scans per day.
 */
export class ActivitySeries1764810000000 implements MigrationInterface {
  name = 'ActivitySeries1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bulletin_view_days (
        bulletin_id uuid NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
        day date NOT NULL,
        views int NOT NULL CHECK (views >= 0),
        PRIMARY KEY (bulletin_id, day)
      )`);
    await q.query(`CREATE INDEX bulletin_view_days_day_idx ON bulletin_view_days (day)`);
    await q.query(`
      INSERT INTO bulletin_view_days (bulletin_id, day, views)
      SELECT bulletin_id, (hour AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*) FROM bulletin_views GROUP BY 1, 2`);

    await q.query(`
      CREATE TABLE product_view_days (
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        day date NOT NULL,
        views int NOT NULL CHECK (views >= 0),
        PRIMARY KEY (product_id, day)
      )`);
    await q.query(`CREATE INDEX product_view_days_day_idx ON product_view_days (day)`);

    await q.query(`CREATE INDEX trace_stamp_scans_scanned_at_idx ON trace_stamp_scans (scanned_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trace_stamp_scans_scanned_at_idx`);
    await q.query(`DROP TABLE product_view_days`);
    await q.query(`DROP TABLE bulletin_view_days`);
  }
}
