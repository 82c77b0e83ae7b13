import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per address key and day, the key's counted store orders and their net receipts. A read as of a
 * past day takes the orders after it out of the key's kept totals (address_store_summary) with one
 * short index range per key, instead of finding the key's store customers and then their orders.
 * Filled here from the orders. The index of the keys with crossover customers by their last store
 * day carries their first store day too, which is their crossover customers' crossover date.
 */
export class AddressStoreDaySummary1764290000000 implements MigrationInterface {
  name = 'AddressStoreDaySummary1764290000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE address_store_day_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        address_key text NOT NULL,
        day date NOT NULL,
        store_orders integer NOT NULL CHECK (store_orders > 0),
        store_net_receipts_cents bigint NOT NULL,
        PRIMARY KEY (shop_id, address_key, day) INCLUDE (store_orders, store_net_receipts_cents)
      )`);
    await db.query(`
      INSERT INTO address_store_day_summary (shop_id, address_key, day, store_orders, store_net_receipts_cents)
      SELECT c.shop_id, c.address_key, o.local_day, count(*)::int, sum(o.net_receipts_cents)::bigint
        FROM customer c
        JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
       WHERE c.space = 'STORE'
       GROUP BY c.shop_id, c.address_key, o.local_day`);
    // Without statistics the planner takes each key's range for a large one (a bitmap scan per key).
    await db.query(`ANALYZE address_store_day_summary`);
    await this.lastStoreDayIndex(db, 'address_key, store_orders, store_net_receipts_cents, crossover_customers, first_store_day');
  }

  async down(db: QueryRunner): Promise<void> {
    await this.lastStoreDayIndex(db, 'address_key, store_orders, store_net_receipts_cents, crossover_customers');
    await db.query(`DROP TABLE IF EXISTS address_store_day_summary`);
  }

  private async lastStoreDayIndex(db: QueryRunner, included: string): Promise<void> {
    await db.query(`DROP INDEX address_store_summary_last_store_day_idx`);
    await db.query(`
      CREATE INDEX address_store_summary_last_store_day_idx ON address_store_summary (shop_id, last_store_day)
       INCLUDE (${included}) WHERE crossover_customers > 0`);
  }
}
