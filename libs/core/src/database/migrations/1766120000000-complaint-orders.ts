import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints about an order (issue 17): the kind `order_problem` and the sub-order the complaint
 * is about. The code is kept as text, not a key: orders are purged by their retention rule while
 * the complaint about one is kept by its own.
 */
export class ComplaintOrders1766120000000 implements MigrationInterface {
  name = 'ComplaintOrders1766120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints ADD COLUMN order_code text`);
    await q.query(`ALTER TABLE complaints DROP CONSTRAINT complaints_kind_check`);
    await q.query(
      `ALTER TABLE complaints ADD CONSTRAINT complaints_kind_check
       CHECK (kind IN ('counterfeit','wrong_information','intellectual_property','seller_conduct','order_problem','other'))`,
    );
    await q.query(`ALTER TABLE complaints ADD CONSTRAINT complaints_order_problem_has_order CHECK (kind <> 'order_problem' OR order_code IS NOT NULL)`);
    await q.query(`CREATE INDEX complaints_order_idx ON complaints (order_code) WHERE order_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM complaints WHERE kind = 'order_problem'`);
    await q.query(`DROP INDEX complaints_order_idx`);
    await q.query(`ALTER TABLE complaints DROP CONSTRAINT complaints_order_problem_has_order`);
    await q.query(`ALTER TABLE complaints DROP CONSTRAINT complaints_kind_check`);
    await q.query(
      `ALTER TABLE complaints ADD CONSTRAINT complaints_kind_check
       CHECK (kind IN ('counterfeit','wrong_information','intellectual_property','seller_conduct','other'))`,
    );
    await q.query(`ALTER TABLE complaints DROP COLUMN order_code`);
  }
}
