import type { DataSource } from 'typeorm';

/** Every table of the public schema with a shop_id column: all that a shop owns. */
async function shopTables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'shop_id' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`,
  );
  return rows.map((row) => row.table_name);
}

/**
 * One md5 per table over every row of the shop (every table holding a shop_id), to prove a call
 * wrote nothing. An API key's or shared link's `last_used_at` is left out (every request updates
 * it), and so are `ignoredColumns`.
 */
export async function shopChecksum(dataSource: DataSource, shopId: string, ignoredColumns: readonly string[] = []): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const rowText = `(to_jsonb(t) - $2::text[])::text`;
  for (const table of await shopTables(dataSource)) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(${rowText}, '|' ORDER BY ${rowText})), '') AS digest
         FROM ${table} t WHERE t.shop_id = $1`,
      [shopId, ['last_used_at', ...ignoredColumns]],
    );
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}

/** The daily summaries as they should be, recomputed from the orders themselves. */
export async function summariesMatchOrders(
  dataSource: DataSource,
  shopId: string,
): Promise<{
  channel: unknown[];
  product: unknown[];
  buyers: unknown[];
  returns: unknown[];
  customers: unknown[];
  newCustomers: unknown[];
  hours: unknown[];
  cohorts: unknown[];
}> {
  const channel = await dataSource.query(
    `SELECT coalesce(s.day, o.day) AS day, coalesce(s.channel, o.channel) AS channel,
            s.orders AS stored_orders, o.orders AS actual_orders, s.net AS stored_net, o.net AS actual_net
       FROM (SELECT day, channel, orders, net_receipts_cents AS net FROM daily_channel_summary
              WHERE shop_id = $1 AND (orders <> 0 OR net_receipts_cents <> 0)) s
       FULL JOIN (SELECT local_day AS day, channel, count(*)::int AS orders, sum(net_receipts_cents) AS net
                    FROM sales_order WHERE shop_id = $1 AND counted GROUP BY 1, 2) o
         ON o.day = s.day AND o.channel = s.channel
      WHERE s.orders IS DISTINCT FROM o.orders OR s.net IS DISTINCT FROM o.net`,
    [shopId],
  );
  const product = await dataSource.query(
    `SELECT coalesce(s.day, o.day) AS day, coalesce(s.product_id, o.product_id) AS product_id,
            s.units, o.units AS actual_units, s.sales, o.sales AS actual_sales
       FROM (SELECT day, product_id, units_sold AS units, total_sales_cents AS sales FROM daily_product_summary
              WHERE shop_id = $1 AND (units_sold <> 0 OR total_sales_cents <> 0)) s
       FULL JOIN (SELECT o.local_day AS day, l.product_id, sum(l.quantity) AS units,
                         sum(l.quantity::bigint * l.unit_price_cents) AS sales
                    FROM sales_order o JOIN order_line l ON l.shop_id = o.shop_id AND l.order_id = o.order_id
                   WHERE o.shop_id = $1 AND o.counted AND o.channel = 'TIKTOK' GROUP BY 1, 2) o
         ON o.day = s.day AND o.product_id = s.product_id
      WHERE s.units IS DISTINCT FROM o.units OR s.sales IS DISTINCT FROM o.sales
     UNION ALL
     -- The weekly product summary: the same sums by the Monday that starts each day's week.
     SELECT coalesce(s.week, o.week), coalesce(s.product_id, o.product_id), s.units, o.units, s.sales, o.sales
       FROM (SELECT week_start AS week, product_id, units_sold AS units, total_sales_cents AS sales FROM weekly_product_summary
              WHERE shop_id = $1 AND (units_sold <> 0 OR total_sales_cents <> 0)) s
       FULL JOIN (SELECT o.local_day - (extract(isodow FROM o.local_day)::int - 1) AS week, l.product_id, sum(l.quantity) AS units,
                         sum(l.quantity::bigint * l.unit_price_cents) AS sales
                    FROM sales_order o JOIN order_line l ON l.shop_id = o.shop_id AND l.order_id = o.order_id
                   WHERE o.shop_id = $1 AND o.counted AND o.channel = 'TIKTOK' GROUP BY 1, 2) o
         ON o.week = s.week AND o.product_id = s.product_id
      WHERE s.units IS DISTINCT FROM o.units OR s.sales IS DISTINCT FROM o.sales`,
    [shopId],
  );
  const buyingDays = `SELECT local_day AS day, lag(local_day) OVER (PARTITION BY customer_id ORDER BY local_day) AS previous_day
                        FROM (SELECT DISTINCT customer_id, local_day FROM sales_order
                               WHERE shop_id = $1 AND channel = 'TIKTOK' AND counted) d`;
  const buyers = await dataSource.query(
    `SELECT coalesce(s.day, o.day) AS day, s.customers AS stored, o.customers AS actual
       FROM (SELECT day, customers FROM daily_tiktok_buyer_summary WHERE shop_id = $1 AND customers <> 0) s
       FULL JOIN (SELECT day, count(*)::int AS customers FROM (${buyingDays}) b GROUP BY day) o ON o.day = s.day
      WHERE s.customers IS DISTINCT FROM o.customers`,
    [shopId],
  );
  const returns = await dataSource.query(
    `SELECT coalesce(s.day, o.day) AS day, coalesce(s.previous_day, o.previous_day) AS previous_day,
            s.customers AS stored, o.customers AS actual
       FROM (SELECT day, previous_day, customers FROM tiktok_return_summary WHERE shop_id = $1 AND customers <> 0) s
       FULL JOIN (SELECT day, previous_day, count(*)::int AS customers FROM (${buyingDays}) b
                   WHERE previous_day IS NOT NULL GROUP BY day, previous_day) o
         ON o.day = s.day AND o.previous_day = s.previous_day
      WHERE s.customers IS DISTINCT FROM o.customers`,
    [shopId],
  );
  const customers = await dataSource.query(
    `SELECT c.external_id, c.counted_orders, o.orders AS actual_orders
       FROM customer c
       LEFT JOIN (SELECT customer_id, count(*)::int AS orders, sum(net_receipts_cents) AS net, min(placed_at) AS first_at,
                         min(local_day) AS first_day, max(placed_at) AS last_at
                    FROM sales_order WHERE shop_id = $1 AND counted GROUP BY customer_id) o ON o.customer_id = c.customer_id
      WHERE c.shop_id = $1
        AND (c.counted_orders, c.counted_net_receipts_cents, c.first_counted_order_at, c.first_counted_day, c.last_counted_order_at)
            IS DISTINCT FROM (coalesce(o.orders, 0), coalesce(o.net, 0), o.first_at, o.first_day, o.last_at)`,
    [shopId],
  );
  const newCustomers = await dataSource.query(
    `SELECT coalesce(s.day, c.day) AS day, s.customers AS stored, c.customers AS actual
       FROM (SELECT day, tiktok_customers AS customers FROM daily_new_customer_summary
              WHERE shop_id = $1 AND tiktok_customers <> 0) s
       FULL JOIN (SELECT first_counted_day AS day, count(*)::int AS customers FROM customer
                   WHERE shop_id = $1 AND space = 'TIKTOK' AND first_counted_day IS NOT NULL GROUP BY 1) c ON c.day = s.day
      WHERE s.customers IS DISTINCT FROM c.customers`,
    [shopId],
  );
  const hours = await dataSource.query(
    `SELECT coalesce(s.day, o.day) AS day, coalesce(s.hour, o.hour) AS hour, row(s.*) AS stored, row(o.*) AS actual
       FROM (SELECT day, hour, orders, net_receipts_cents AS net, cancelled_orders AS cancelled, refunded_orders AS refunded,
                    lost_net_receipts_cents AS lost
               FROM tiktok_hour_summary
              WHERE shop_id = $1 AND (orders, net_receipts_cents, cancelled_orders, refunded_orders, lost_net_receipts_cents)
                                     <> (0, 0, 0, 0, 0)) s
       FULL JOIN (SELECT o.local_day AS day, date_part('hour', timezone(z.timezone, o.placed_at))::int AS hour,
                         count(*) FILTER (WHERE o.counted)::int AS orders,
                         coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.counted), 0) AS net,
                         count(*) FILTER (WHERE o.status = 'CANCELLED')::int AS cancelled,
                         count(*) FILTER (WHERE o.status = 'REFUNDED')::int AS refunded,
                         coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.status IN ('CANCELLED', 'REFUNDED')), 0) AS lost
                    FROM sales_order o JOIN shop z ON z.shop_id = o.shop_id
                   WHERE o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.status IN ('PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')
                   GROUP BY 1, 2) o
         ON o.day = s.day AND o.hour = s.hour
      WHERE (s.orders, s.net, s.cancelled, s.refunded, s.lost) IS DISTINCT FROM (o.orders, o.net, o.cancelled, o.refunded, o.lost)`,
    [shopId],
  );
  // Each customer's buying days, by calendar month and by week of the shop's week start.
  const cohorts = await dataSource.query(
    `WITH buying AS (
       SELECT DISTINCT o.customer_id, o.local_day AS day, z.week_starts_on FROM sales_order o JOIN shop z ON z.shop_id = o.shop_id
        WHERE o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.counted
     ),
     buying_periods AS (
       SELECT customer_id, 'MONTH' AS period, date_trunc('month', day::timestamp)::date AS start, day FROM buying
       UNION ALL
       SELECT customer_id, 'WEEK', day - CASE week_starts_on WHEN 'SUNDAY' THEN extract(dow FROM day)::int
                                                             ELSE extract(isodow FROM day)::int - 1 END, day FROM buying
     ),
     -- Each customer's periods with their first buying day in each.
     periods AS (SELECT customer_id, period, start, min(day) AS first_day FROM buying_periods GROUP BY 1, 2, 3),
     actual AS (
       SELECT p.period, f.start AS cohort_start, p.start AS period_start, count(*)::int AS customers
         FROM periods p
         JOIN (SELECT customer_id, period, min(start) AS start FROM periods GROUP BY 1, 2) f
           ON f.customer_id = p.customer_id AND f.period = p.period
        GROUP BY 1, 2, 3
     )
     SELECT coalesce(s.period, a.period) AS period, coalesce(s.cohort_start, a.cohort_start) AS cohort_start,
            coalesce(s.period_start, a.period_start) AS period_start, s.customers AS stored, a.customers AS actual
       FROM (SELECT period, cohort_start, period_start, customers FROM tiktok_cohort_summary
              WHERE shop_id = $1 AND customers <> 0) s
       FULL JOIN actual a ON a.period = s.period AND a.cohort_start = s.cohort_start AND a.period_start = s.period_start
      WHERE s.customers IS DISTINCT FROM a.customers
     UNION ALL
     -- The cohorts by day: per cohort, the customers whose first buying day of a period is that day.
     SELECT coalesce(s.period, a.period), coalesce(s.cohort_start, a.cohort_start), coalesce(s.day, a.day), s.customers, a.customers
       FROM (SELECT period, cohort_start, day, customers FROM tiktok_cohort_day_summary
              WHERE shop_id = $1 AND customers <> 0) s
       FULL JOIN (SELECT p.period, f.start AS cohort_start, p.first_day AS day, count(*)::int AS customers
                    FROM periods p
                    JOIN (SELECT customer_id, period, min(start) AS start FROM periods GROUP BY 1, 2) f
                      ON f.customer_id = p.customer_id AND f.period = p.period
                   GROUP BY 1, 2, 3) a
         ON a.period = s.period AND a.cohort_start = s.cohort_start AND a.day = s.day
      WHERE s.customers IS DISTINCT FROM a.customers`,
    [shopId],
  );
  return { channel, product, buyers, returns, customers, newCustomers, hours, cohorts };
}
