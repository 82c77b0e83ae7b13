import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many orders each shop has imported, so that growing shops get fresh planner statistics. */
export class ShopImportedOrders1764180000000 implements MigrationInterface {
  name = 'ShopImportedOrders1764180000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shop ADD COLUMN imported_orders bigint NOT NULL DEFAULT 0`);
    await db.query(`
      UPDATE shop s SET imported_orders = o.n
        FROM (SELECT shop_id, count(*) AS n FROM sales_order GROUP BY shop_id) o
       WHERE o.shop_id = s.shop_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shop DROP COLUMN imported_orders`);
  }
}
