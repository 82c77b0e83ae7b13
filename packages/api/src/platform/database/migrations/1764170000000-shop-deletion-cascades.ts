import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deleting a shop removes everything of it in one statement: the lines' link to products and the
 * orders' link to customers cascade too, so no constraint check can run between the shop's
 * products going and its lines going.
 */
export class ShopDeletionCascades1764170000000 implements MigrationInterface {
  name = 'ShopDeletionCascades1764170000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_line DROP CONSTRAINT order_line_shop_id_product_id_fkey`);
    await db.query(`
      ALTER TABLE order_line ADD CONSTRAINT order_line_shop_id_product_id_fkey
        FOREIGN KEY (shop_id, product_id) REFERENCES product (shop_id, product_id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE sales_order DROP CONSTRAINT sales_order_shop_id_customer_id_fkey`);
    await db.query(`
      ALTER TABLE sales_order ADD CONSTRAINT sales_order_shop_id_customer_id_fkey
        FOREIGN KEY (shop_id, customer_id) REFERENCES customer (shop_id, customer_id) ON DELETE CASCADE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_line DROP CONSTRAINT order_line_shop_id_product_id_fkey`);
    await db.query(`
      ALTER TABLE order_line ADD CONSTRAINT order_line_shop_id_product_id_fkey
        FOREIGN KEY (shop_id, product_id) REFERENCES product (shop_id, product_id)`);
    await db.query(`ALTER TABLE sales_order DROP CONSTRAINT sales_order_shop_id_customer_id_fkey`);
    await db.query(`
      ALTER TABLE sales_order ADD CONSTRAINT sales_order_shop_id_customer_id_fkey
        FOREIGN KEY (shop_id, customer_id) REFERENCES customer (shop_id, customer_id)`);
  }
}
