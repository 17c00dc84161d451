import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 §7: a product's reviewed content has a revision number, grown by every change of it, so
 * a moderator's approval can be pinned to the revision they saw (bulletins already have one).
 */
export class ProductRevision1765800001000 implements MigrationInterface {
  name = 'ProductRevision1765800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products ADD COLUMN revision int NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP COLUMN revision`);
  }
}
