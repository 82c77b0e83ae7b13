/**
 * The summary fills of the InsightsSummaries and TikTokBuyerSummaries migrations, frozen as those
 * migrations ran them: a migration must give the same result whatever the code does later. The
 * live fills (a shop's rebuild when its time zone changes) belong to the modules that own each
 * summary; a change there never reaches here.
 */

/** A migration's QueryRunner or a transaction's EntityManager. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Which shops a fill covers: every shop (a migration's backfill) or one. */
export type SummaryScope = 'all shops' | { shopId: string };

/** `column = $1` for one shop (with the shop as the statement's first parameter), else `true`. */
function scoped(scope: SummaryScope): { where: (column: string) => string; parameters: unknown[] } {
  if (scope === 'all shops') return { where: () => 'true', parameters: [] };
  return { where: (column) => `${column} = $1`, parameters: [scope.shopId] };
}



/** New TikTok customers per day of their first counted TikTok order (first-time customers). */
export async function fillNewCustomerSummary(db: SqlRunner, scope: SummaryScope): Promise<void> {
  const { where, parameters } = scoped(scope);
  await db.query(
    `INSERT INTO daily_new_customer_summary (shop_id, day, tiktok_customers)
     SELECT shop_id, first_counted_day, count(*)::int FROM customer
      WHERE ${where('shop_id')} AND space = 'TIKTOK' AND first_counted_day IS NOT NULL
      GROUP BY shop_id, first_counted_day`,
    parameters,
  );
}

/**
 * Each address key's counted store orders, each TikTok customer's crossover state, and the
 * crossover counts per day and per shop (see the InsightsSummaries migration). Expects the
 * customers' counted totals (first order and its day) to be current and the scope's
 * address_store_summary, daily_crossover_summary and shop_crossover_summary rows to be absent.
 */
export async function fillCrossoverSummaries(db: SqlRunner, scope: SummaryScope): Promise<void> {
  const { where, parameters } = scoped(scope);
  await db.query(
    `INSERT INTO address_store_summary (shop_id, address_key, store_orders, store_net_receipts_cents,
                                        first_store_order_at, first_store_day, crossover_customers)
     SELECT c.shop_id, c.address_key, count(*)::int, sum(o.net_receipts_cents)::bigint, min(o.placed_at), min(o.local_day), 0
       FROM customer c
       JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
      WHERE ${where('c.shop_id')} AND ${where('o.shop_id')} AND c.space = 'STORE'
      GROUP BY c.shop_id, c.address_key`,
    parameters,
  );
  // Only customers whose state differs are written (a zone change moves few of them by a day).
  await db.query(
    `UPDATE customer t SET
       sourced_day = n.sourced_day, crossover_orders = n.crossover_orders,
       crossover_net_receipts_cents = n.crossover_net_receipts_cents,
       first_crossover_order_at = n.first_crossover_order_at, first_crossover_day = n.first_crossover_day
     FROM (
       SELECT c.shop_id, c.customer_id,
              CASE WHEN a.first_store_order_at IS NULL OR c.first_counted_order_at < a.first_store_order_at
                   THEN c.first_counted_day END AS sourced_day,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.store_orders ELSE 0 END AS crossover_orders,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.store_net_receipts_cents ELSE 0 END
                AS crossover_net_receipts_cents,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.first_store_order_at END AS first_crossover_order_at,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.first_store_day END AS first_crossover_day
         FROM customer c
         LEFT JOIN address_store_summary a ON a.shop_id = c.shop_id AND a.address_key = c.address_key
        WHERE ${where('c.shop_id')} AND c.space = 'TIKTOK'
     ) n
     WHERE ${where('t.shop_id')} AND t.shop_id = n.shop_id AND t.customer_id = n.customer_id
       AND (t.sourced_day, t.crossover_orders, t.crossover_net_receipts_cents, t.first_crossover_order_at, t.first_crossover_day)
           IS DISTINCT FROM (n.sourced_day, n.crossover_orders, n.crossover_net_receipts_cents, n.first_crossover_order_at, n.first_crossover_day)`,
    parameters,
  );
  await db.query(
    `UPDATE address_store_summary a SET crossover_customers = x.n
       FROM (SELECT shop_id, address_key, count(*)::int AS n FROM customer
              WHERE ${where('shop_id')} AND space = 'TIKTOK' AND crossover_orders > 0 GROUP BY shop_id, address_key) x
      WHERE ${where('a.shop_id')} AND a.shop_id = x.shop_id AND a.address_key = x.address_key`,
    parameters,
  );
  await db.query(
    `INSERT INTO daily_crossover_summary (shop_id, day, sourced_customers, crossover_customers)
     SELECT shop_id, day, sum(sourced)::int, sum(crossover)::int FROM (
       SELECT shop_id, sourced_day AS day, 1 AS sourced, 0 AS crossover FROM customer
        WHERE ${where('shop_id')} AND space = 'TIKTOK' AND sourced_day IS NOT NULL
       UNION ALL
       SELECT shop_id, first_crossover_day, 0, 1 FROM customer
        WHERE ${where('shop_id')} AND space = 'TIKTOK' AND crossover_orders > 0
     ) d GROUP BY shop_id, day`,
    parameters,
  );
  await db.query(
    `INSERT INTO shop_crossover_summary (shop_id, sourced_customers, none_customers, one_customers, two_customers,
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
      WHERE ${where('s.shop_id')}
      GROUP BY s.shop_id`,
    parameters,
  );
}

/**
 * Buying days (days with a counted TikTok order) per day, and pairs of a buying day and the same
 * customer's previous one, for unique customers of any range (see the TikTokBuyerSummaries migration).
 */
export async function fillTikTokBuyerSummaries(db: SqlRunner, scope: SummaryScope): Promise<void> {
  const { where, parameters } = scoped(scope);
  await db.query(
    `WITH buying_day AS MATERIALIZED (
       SELECT shop_id, day, lag(day) OVER (PARTITION BY shop_id, customer_id ORDER BY day) AS previous_day
         FROM (SELECT DISTINCT shop_id, customer_id, local_day AS day FROM sales_order
                WHERE ${where('shop_id')} AND channel = 'TIKTOK' AND counted) d
     ),
     buyers AS (
       INSERT INTO daily_tiktok_buyer_summary (shop_id, day, customers)
       SELECT shop_id, day, count(*)::int FROM buying_day GROUP BY shop_id, day
     )
     INSERT INTO tiktok_return_summary (shop_id, day, previous_day, customers)
     SELECT shop_id, day, previous_day, count(*)::int FROM buying_day
      WHERE previous_day IS NOT NULL GROUP BY shop_id, day, previous_day`,
    parameters,
  );
}
