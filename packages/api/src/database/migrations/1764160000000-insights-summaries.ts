import type { MigrationInterface, QueryRunner } from 'typeorm';

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

async function backfill(db: QueryRunner): Promise<void> {
  await db.query(`
    INSERT INTO daily_new_customer_summary (shop_id, day, tiktok_customers)
    SELECT shop_id, first_counted_day, count(*)::int FROM customer
     WHERE space = 'TIKTOK' AND first_counted_day IS NOT NULL
     GROUP BY shop_id, first_counted_day`);
  await db.query(`
    INSERT INTO address_store_summary (shop_id, address_key, store_orders, store_net_receipts_cents,
                                       first_store_order_at, first_store_day, crossover_customers)
    SELECT c.shop_id, c.address_key, count(*)::int, sum(o.net_receipts_cents)::bigint, min(o.placed_at), min(o.local_day), 0
      FROM customer c
      JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
     WHERE c.space = 'STORE'
     GROUP BY c.shop_id, c.address_key`);
  await db.query(`
    UPDATE customer t SET
      sourced_day = CASE WHEN a.first_store_order_at IS NULL OR t.first_counted_order_at < a.first_store_order_at
                         THEN t.first_counted_day END,
      crossover_orders = CASE WHEN t.first_counted_order_at < a.first_store_order_at THEN a.store_orders ELSE 0 END,
      crossover_net_receipts_cents = CASE WHEN t.first_counted_order_at < a.first_store_order_at THEN a.store_net_receipts_cents ELSE 0 END,
      first_crossover_order_at = CASE WHEN t.first_counted_order_at < a.first_store_order_at THEN a.first_store_order_at END,
      first_crossover_day = CASE WHEN t.first_counted_order_at < a.first_store_order_at THEN a.first_store_day END
    FROM customer c
    LEFT JOIN address_store_summary a ON a.shop_id = c.shop_id AND a.address_key = c.address_key
    WHERE t.shop_id = c.shop_id AND t.customer_id = c.customer_id AND t.space = 'TIKTOK'`);
  await db.query(`
    UPDATE address_store_summary a SET crossover_customers = x.n
      FROM (SELECT shop_id, address_key, count(*)::int AS n FROM customer
             WHERE space = 'TIKTOK' AND crossover_orders > 0 GROUP BY shop_id, address_key) x
     WHERE a.shop_id = x.shop_id AND a.address_key = x.address_key`);
  await db.query(`
    INSERT INTO daily_crossover_summary (shop_id, day, sourced_customers, crossover_customers)
    SELECT shop_id, day, sum(sourced)::int, sum(crossover)::int FROM (
      SELECT shop_id, sourced_day AS day, 1 AS sourced, 0 AS crossover FROM customer WHERE space = 'TIKTOK' AND sourced_day IS NOT NULL
      UNION ALL
      SELECT shop_id, first_crossover_day, 0, 1 FROM customer WHERE space = 'TIKTOK' AND crossover_orders > 0
    ) d GROUP BY shop_id, day`);
  await db.query(`
    INSERT INTO shop_crossover_summary (shop_id, sourced_customers, none_customers, one_customers, two_customers,
                                        three_or_more_customers, crossover_net_receipts_cents)
    SELECT s.shop_id,
           count(c.customer_id) FILTER (WHERE c.sourced_day IS NOT NULL)::int,
           count(c.customer_id) FILTER (WHERE c.sourced_day IS NOT NULL AND c.crossover_orders = 0)::int,
           count(c.customer_id) FILTER (WHERE c.crossover_orders = 1)::int,
           count(c.customer_id) FILTER (WHERE c.crossover_orders = 2)::int,
           count(c.customer_id) FILTER (WHERE c.crossover_orders >= 3)::int,
           coalesce((SELECT sum(a.store_net_receipts_cents) FROM address_store_summary a
                      WHERE a.shop_id = s.shop_id AND a.crossover_customers > 0), 0)::bigint
      FROM shop s
      LEFT JOIN customer c ON c.shop_id = s.shop_id AND c.space = 'TIKTOK'
     GROUP BY s.shop_id`);
}
