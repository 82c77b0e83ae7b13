import type { DataSource } from 'typeorm';
import { last7Days, previousWindow, defaultWeekRange, type WeekStart } from '@tiktok-insights/shared';

/**
 * The dashboard's figures as a BI tool pointed at the database would get them: plain SQL over
 * the raw order and line tables (net receipts from the lines, days by AT TIME ZONE, first orders
 * by aggregation), no summary tables. Each statement answers one data set.
 */
const ORDERS = `
  SELECT o.order_id, o.customer_id, o.channel, o.placed_at,
         (o.placed_at AT TIME ZONE $2)::date AS day,
         o.status IN ('PAID', 'SHIPPED', 'DELIVERED') AS counted,
         (SELECT sum(l.quantity::bigint * l.unit_price_cents) FROM order_line l
           WHERE l.shop_id = o.shop_id AND l.order_id = o.order_id)
           + o.tax_cents + o.shipping_cents - o.discount_cents - o.credit_cents AS net
    FROM sales_order o
   WHERE o.shop_id = $1`;

const SUMMARY = (from: string, to: string) => `
  WITH o AS (${ORDERS})
  SELECT count(*) AS orders, sum(net) AS net, count(DISTINCT customer_id) AS customers
    FROM o WHERE counted AND channel = 'TIKTOK' AND day BETWEEN ${from} AND ${to}`;

const SERIES = (trunc: string) => `
  WITH o AS (${ORDERS}),
  firsts AS (SELECT customer_id, min(day) AS first_day FROM o WHERE counted AND channel = 'TIKTOK' GROUP BY customer_id)
  SELECT ${trunc} AS bucket,
         count(*) FILTER (WHERE o.channel = 'TIKTOK') AS orders,
         sum(net) FILTER (WHERE o.channel = 'TIKTOK') AS tiktok_net,
         sum(net) AS all_net,
         count(DISTINCT o.customer_id) FILTER (WHERE o.channel = 'TIKTOK') AS customers,
         count(DISTINCT o.customer_id) FILTER (WHERE o.channel = 'TIKTOK' AND ${trunc.replace(/o\.day/g, 'f.first_day')} = ${trunc}) AS first_time
    FROM o LEFT JOIN firsts f ON f.customer_id = o.customer_id
   WHERE o.counted AND o.day BETWEEN $3 AND $4
   GROUP BY 1 ORDER BY 1`;

const TOP_PRODUCTS = `
  SELECT p.product_id, p.name, sum(l.quantity) AS units, sum(l.quantity::bigint * l.unit_price_cents) AS sales
    FROM sales_order o
    JOIN order_line l ON l.shop_id = o.shop_id AND l.order_id = o.order_id
    JOIN product p ON p.shop_id = l.shop_id AND p.product_id = l.product_id
   WHERE o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.status IN ('PAID', 'SHIPPED', 'DELIVERED')
     AND (o.placed_at AT TIME ZONE $2)::date BETWEEN $3 AND $4
   GROUP BY p.product_id, p.name
   ORDER BY units DESC, sales DESC, p.name LIMIT 10`;

const CUSTOMERS = `
  WITH o AS (${ORDERS})
  SELECT c.customer_id, c.external_id, c.name, count(*) AS orders, sum(o.net) AS net, min(o.placed_at), max(o.placed_at),
         count(*) OVER () AS total
    FROM o JOIN customer c ON c.shop_id = $1 AND c.customer_id = o.customer_id
   WHERE o.counted AND o.channel = 'TIKTOK' AND o.day <= $3
   GROUP BY c.customer_id, c.external_id, c.name
   ORDER BY net DESC LIMIT 50`;

const CROSSOVER = `
  WITH o AS (${ORDERS}),
  tiktok AS (SELECT o.customer_id, c.address_key, min(o.placed_at) AS first_at, min(o.day) AS first_day
               FROM o JOIN customer c ON c.shop_id = $1 AND c.customer_id = o.customer_id
              WHERE o.counted AND o.channel = 'TIKTOK' AND o.day <= $3 GROUP BY o.customer_id, c.address_key),
  store AS (SELECT c.address_key, o.order_id, o.placed_at, o.day, o.net
              FROM o JOIN customer c ON c.shop_id = $1 AND c.customer_id = o.customer_id
             WHERE o.counted AND o.channel <> 'TIKTOK' AND o.day <= $3),
  store_keys AS (SELECT address_key, min(placed_at) AS first_at, min(day) AS first_day, count(*) AS n, sum(net) AS net
                   FROM store GROUP BY address_key),
  classified AS (
    SELECT t.customer_id, t.first_day, t.address_key,
           k.first_at IS NULL OR t.first_at < k.first_at AS sourced,
           CASE WHEN t.first_at < k.first_at THEN k.n ELSE 0 END AS store_orders,
           CASE WHEN t.first_at < k.first_at THEN k.first_day END AS crossover_day,
           k.net AS store_net
      FROM tiktok t LEFT JOIN store_keys k ON k.address_key = t.address_key)
  SELECT count(*) FILTER (WHERE sourced) AS sourced,
         count(*) FILTER (WHERE sourced AND store_orders > 0) AS crossover,
         count(*) FILTER (WHERE sourced AND store_orders = 1) AS one,
         count(*) FILTER (WHERE sourced AND store_orders = 2) AS two,
         count(*) FILTER (WHERE sourced AND store_orders >= 3) AS three,
         (SELECT sum(store_net) FROM (SELECT DISTINCT address_key, store_net FROM classified
                                       WHERE sourced AND store_orders > 0) n) AS crossover_net,
         (SELECT json_agg(x) FROM (SELECT first_day, count(*) FROM classified WHERE sourced GROUP BY first_day) x) AS by_day,
         (SELECT json_agg(y) FROM (SELECT crossover_day, count(*) FROM classified
                                    WHERE sourced AND store_orders > 0 GROUP BY crossover_day) y) AS crossover_by_day
    FROM classified`;

export interface BaselineResult {
  totalMs: number;
  statements: Array<{ name: string; ms: number }>;
}

export async function runBaseline(
  db: DataSource,
  shop: { id: string; timezone: string; weekStartsOn: WeekStart },
  asOf: string,
): Promise<BaselineResult> {
  const week7 = last7Days(asOf);
  const range = defaultWeekRange(asOf, shop.weekStartsOn);
  const weekTrunc =
    shop.weekStartsOn === 'MONDAY' ? `date_trunc('week', o.day)::date` : `(date_trunc('week', o.day + 1)::date - 1)`;
  const statements: Array<[string, string, unknown[]]> = [
    ['all time', SUMMARY("'1970-01-01'", '$3'), [shop.id, shop.timezone, asOf]],
    ['last 7 days', SUMMARY('$3', '$4'), [shop.id, shop.timezone, week7.start, week7.end]],
    ['last 7 days, previous', SUMMARY('$3', '$4'), [shop.id, shop.timezone, previousWindow(week7).start, previousWindow(week7).end]],
    ['last 7 days, daily series', SERIES('o.day'), [shop.id, shop.timezone, week7.start, week7.end]],
    ['date range', SUMMARY('$3', '$4'), [shop.id, shop.timezone, range.start, range.end]],
    ['date range, previous', SUMMARY('$3', '$4'), [shop.id, shop.timezone, previousWindow(range).start, previousWindow(range).end]],
    ['date range, weekly series', SERIES(weekTrunc), [shop.id, shop.timezone, range.start, range.end]],
    ['top products', TOP_PRODUCTS, [shop.id, shop.timezone, range.start, range.end]],
    ['marketing list, first page', CUSTOMERS, [shop.id, shop.timezone, asOf]],
    ['crossover', CROSSOVER, [shop.id, shop.timezone, asOf]],
  ];
  const results: Array<{ name: string; ms: number }> = [];
  for (const [name, sql, parameters] of statements) {
    const started = performance.now();
    await db.query(sql, parameters);
    results.push({ name, ms: performance.now() - started });
  }
  return { totalMs: results.reduce((sum, r) => sum + r.ms, 0), statements: results };
}
