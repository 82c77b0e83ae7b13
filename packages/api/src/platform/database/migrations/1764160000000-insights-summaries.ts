import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillCrossoverSummaries, fillNewCustomerSummary } from './frozen-summary-fills.js';

/**
 * Summaries that let the dashboard answer from a handful of small reads on a shop with millions
 * of orders: new TikTok customers per day, each address key's store orders, each TikTok
 * customer's crossover state, and the crossover counts per day and per shop; plus the indexes of
 * the marketing list's sort orders. The import keeps them in its transaction; this migration
 * fills them for the data already there.
 */
export class InsightsSummaries1764160000000 implements MigrationInterface {
  name = 'InsightsSummaries1764160000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE daily_new_customer_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        tiktok_customers integer NOT NULL,
        PRIMARY KEY (shop_id, day)
      )`);

    await db.query(`
      CREATE TABLE address_store_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        address_key text NOT NULL,
        store_orders integer NOT NULL,
        store_net_receipts_cents bigint NOT NULL,
        first_store_order_at timestamptz NOT NULL,
        first_store_day date NOT NULL,
        crossover_customers integer NOT NULL,
        PRIMARY KEY (shop_id, address_key)
      )`);

    await db.query(`
      ALTER TABLE customer
        ADD COLUMN sourced_day date,
        ADD COLUMN crossover_orders integer NOT NULL DEFAULT 0,
        ADD COLUMN crossover_net_receipts_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN first_crossover_order_at timestamptz,
        ADD COLUMN first_crossover_day date`);

    await db.query(`
      CREATE TABLE daily_crossover_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        sourced_customers integer NOT NULL,
        crossover_customers integer NOT NULL,
        PRIMARY KEY (shop_id, day)
      )`);

    await db.query(`
      CREATE TABLE shop_crossover_summary (
        shop_id uuid PRIMARY KEY REFERENCES shop (shop_id) ON DELETE CASCADE,
        sourced_customers integer NOT NULL,
        none_customers integer NOT NULL,
        one_customers integer NOT NULL,
        two_customers integer NOT NULL,
        three_or_more_customers integer NOT NULL,
        crossover_net_receipts_cents bigint NOT NULL
      )`);

    // The crossover list, latest crossover first.
    await db.query(`
      CREATE INDEX customer_crossover_idx ON customer (shop_id, first_crossover_order_at DESC, customer_id DESC)
      WHERE space = 'TIKTOK' AND crossover_orders > 0`);
    // The marketing list's sort orders (scanned forwards or backwards).
    for (const [name, column] of [
      ['net', 'counted_net_receipts_cents'],
      ['orders', 'counted_orders'],
      ['first', 'first_counted_order_at'],
      ['last', 'last_counted_order_at'],
      ['name', 'name COLLATE "C"'],
    ]) {
      await db.query(`
        CREATE INDEX customer_list_${name}_idx ON customer (shop_id, ${column}, customer_id)
        WHERE space = 'TIKTOK' AND counted_orders > 0`);
    }

    await backfill(db);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of ['net', 'orders', 'first', 'last', 'name']) await db.query(`DROP INDEX IF EXISTS customer_list_${name}_idx`);
    await db.query(`DROP INDEX IF EXISTS customer_crossover_idx`);
    await db.query(`DROP TABLE IF EXISTS shop_crossover_summary, daily_crossover_summary, address_store_summary, daily_new_customer_summary`);
    await db.query(`
      ALTER TABLE customer
        DROP COLUMN sourced_day, DROP COLUMN crossover_orders, DROP COLUMN crossover_net_receipts_cents,
        DROP COLUMN first_crossover_order_at, DROP COLUMN first_crossover_day`);
  }
}

/** The fills as this migration ran them (./frozen-summary-fills.ts). */
async function backfill(db: QueryRunner): Promise<void> {
  await fillNewCustomerSummary(db, 'all shops');
  await fillCrossoverSummaries(db, 'all shops');
}
