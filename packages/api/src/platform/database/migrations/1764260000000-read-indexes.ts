import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let two dashboard reads touch only what they answer from:
 * - the address keys with crossover customers by the day of their last store order: crossover as
 *   of a past day corrects the kept totals at the keys with a store order after that day, found
 *   here without reading the shop's other keys;
 * - the crossover index carrying each customer's address key and crossover date, so that the
 *   customers who crossed after a past day are counted per key from the index alone;
 * - the per-day product summary's key carrying its sums, so that top products of a window are an
 *   index-only range (each day's rows, updated by every import, end up scattered over the heap).
 */
export class ReadIndexes1764260000000 implements MigrationInterface {
  name = 'ReadIndexes1764260000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX address_store_summary_last_store_day_idx ON address_store_summary (shop_id, last_store_day)
       INCLUDE (address_key, store_orders, store_net_receipts_cents, crossover_customers)
       WHERE crossover_customers > 0`);
    await db.query(`DROP INDEX customer_crossover_idx`);
    await db.query(`
      CREATE INDEX customer_crossover_idx ON customer (shop_id, first_crossover_order_at DESC, customer_id DESC)
       INCLUDE (address_key, first_crossover_day)
       WHERE space = 'TIKTOK' AND crossover_orders > 0`);
    await db.query(`
      ALTER TABLE daily_product_summary
        DROP CONSTRAINT daily_product_summary_pkey,
        ADD CONSTRAINT daily_product_summary_pkey PRIMARY KEY (shop_id, day, product_id) INCLUDE (units_sold, total_sales_cents)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE daily_product_summary
        DROP CONSTRAINT daily_product_summary_pkey,
        ADD CONSTRAINT daily_product_summary_pkey PRIMARY KEY (shop_id, day, product_id)`);
    await db.query(`DROP INDEX customer_crossover_idx`);
    await db.query(`
      CREATE INDEX customer_crossover_idx ON customer (shop_id, first_crossover_order_at DESC, customer_id DESC)
       WHERE space = 'TIKTOK' AND crossover_orders > 0`);
    await db.query(`DROP INDEX address_store_summary_last_store_day_idx`);
  }
}
