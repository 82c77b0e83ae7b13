import type { CohortPeriodKind, CrossoverBucketKind } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination/cursor.js';
import { summariesCover } from '../insights/daily-summaries.projection.js';

/**
 * Every TikTok customer with a counted TikTok order up to asOf ($2), classified against the
 * counted store orders (up to asOf) of store customers at the same address key. Sourced: the
 * first TikTok order is earlier than every such store order, so all of them come after it;
 * crossover: sourced with at least one. ($1 is the shop.) Each step is materialized once, so
 * a plan built on stale row estimates cannot re-run the store aggregation per customer.
 */
export const CLASSIFIED_CUSTOMERS = `
  tiktok AS MATERIALIZED (
    SELECT c.customer_id, c.address_key, c.first_counted_order_at AS first_at, c.first_counted_day AS first_day
      FROM customer c
     WHERE c.shop_id = $1 AND c.space = 'TIKTOK' AND c.first_counted_day <= $2::date
  ),
  store_at_address AS MATERIALIZED (
    SELECT s.address_key, min(o.placed_at) AS first_store_at, min(o.local_day) AS first_store_day,
           count(*)::int AS store_orders, sum(o.net_receipts_cents)::bigint AS store_net
      FROM customer s
      JOIN sales_order o ON o.shop_id = $1 AND o.customer_id = s.customer_id AND o.counted
     WHERE s.shop_id = $1 AND s.space = 'STORE' AND o.local_day <= $2::date
       AND s.address_key IN (SELECT address_key FROM tiktok)
     GROUP BY s.address_key
  ),
  classified AS MATERIALIZED (
    SELECT t.customer_id, t.address_key, t.first_at, t.first_day,
           (a.first_store_at IS NULL OR t.first_at < a.first_store_at) AS sourced,
           a.first_store_at, a.first_store_day, coalesce(a.store_orders, 0) AS store_orders,
           coalesce(a.store_net, 0) AS store_net
      FROM tiktok t
      LEFT JOIN store_at_address a ON a.address_key = t.address_key
  )`;

export interface CrossoverAnalysis {
  /** Whether asOf covers every counted order, so the kept summaries are the answer. */
  current: boolean;
  sourced: number;
  crossover: number;
  buckets: Record<CrossoverBucketKind, number>;
  crossoverNetReceiptsCents: number;
  firstTikTokDay: string | null;
  /** New sourced customers per day of their first TikTok order, by day. */
  sourcedByDay: Array<[day: string, customers: number]>;
  /** New crossover customers per crossover date, by day. */
  crossoverByDay: Array<[day: string, customers: number]>;
  /** Crossover customers by the days from their first TikTok order's day to their crossover date. */
  crossoverLags: Array<[days: number, customers: number]>;
  /**
   * Crossover customers per (day of the first TikTok order, crossover date), when computed from
   * the orders (`current` false); when current, `loadKeptCohortCrossover` reads them by period.
   */
  crossoverDays: Array<[firstDay: string, crossoverDay: string, customers: number]> | null;
}

/** Whether the crossover summaries answer for asOf ($2): no counted order of any channel after it. */
const CROSSOVER_SUMMARIES_COVER = summariesCover('$2::date', { channel: 'any' });

/**
 * The crossover figures at asOf. When asOf is on or after the shop's last counted order day (the
 * dashboard's usual question), they are read from the summaries the import keeps; for an
 * earlier asOf they are computed from the orders up to that day.
 */
export async function analyzeCrossover(shop: ShopScope, asOf: string): Promise<CrossoverAnalysis> {
  const [kept] = await shop.read(
    `SELECT ${CROSSOVER_SUMMARIES_COVER} AS current,
            (SELECT row_to_json(s) FROM shop_crossover_summary s WHERE s.shop_id = $1) AS totals,
            (SELECT min(n.day)::text FROM daily_new_customer_summary n
              WHERE n.shop_id = $1 AND n.tiktok_customers > 0) AS first_day,
            (SELECT coalesce(json_agg(json_build_array(x.day::text, x.sourced_customers, x.crossover_customers) ORDER BY x.day), '[]')
               FROM daily_crossover_summary x
              WHERE x.shop_id = $1 AND (x.sourced_customers <> 0 OR x.crossover_customers <> 0)) AS days,
            (SELECT coalesce(json_agg(json_build_array(l.days, l.customers)), '[]') FROM (
               SELECT g.crossover_day - g.first_day AS days, sum(g.customers)::int AS customers
                 FROM crossover_lag_summary g WHERE g.shop_id = $1 AND g.customers <> 0
                GROUP BY 1) l) AS lags`,
    [asOf],
  );
  if (!kept.current) return analyzeCrossoverUpTo(shop, asOf);
  const totals = kept.totals ?? {};
  const buckets = {
    NONE: totals.none_customers ?? 0,
    ONE: totals.one_customers ?? 0,
    TWO: totals.two_customers ?? 0,
    THREE_OR_MORE: totals.three_or_more_customers ?? 0,
  };
  const days: Array<[string, number, number]> = kept.days;
  return {
    current: true,
    sourced: totals.sourced_customers ?? 0,
    crossover: buckets.ONE + buckets.TWO + buckets.THREE_OR_MORE,
    buckets,
    crossoverNetReceiptsCents: Number(totals.crossover_net_receipts_cents ?? 0),
    firstTikTokDay: kept.first_day,
    sourcedByDay: days.filter(([, sourced]) => sourced !== 0).map(([day, sourced]) => [day, sourced]),
    crossoverByDay: days.filter(([, , crossover]) => crossover !== 0).map(([day, , crossover]) => [day, crossover]),
    crossoverLags: kept.lags,
    crossoverDays: null,
  };
}

async function analyzeCrossoverUpTo(shop: ShopScope, asOf: string): Promise<CrossoverAnalysis> {
  const [row] = await shop.read(
    `WITH ${CLASSIFIED_CUSTOMERS}
     SELECT
       (SELECT count(*) FILTER (WHERE sourced) FROM classified)::int AS sourced,
       (SELECT count(*) FILTER (WHERE sourced AND store_orders = 0) FROM classified)::int AS none,
       (SELECT count(*) FILTER (WHERE sourced AND store_orders = 1) FROM classified)::int AS one,
       (SELECT count(*) FILTER (WHERE sourced AND store_orders = 2) FROM classified)::int AS two,
       (SELECT count(*) FILTER (WHERE sourced AND store_orders >= 3) FROM classified)::int AS three_or_more,
       (SELECT coalesce(sum(store_net), 0) FROM (
          SELECT DISTINCT address_key, store_net FROM classified WHERE sourced AND store_orders > 0) k)::bigint AS crossover_net,
       (SELECT min(first_day) FROM classified)::text AS first_day,
       (SELECT coalesce(json_agg(json_build_array(d, n) ORDER BY d), '[]') FROM (
          SELECT first_day::text AS d, count(*)::int AS n FROM classified WHERE sourced GROUP BY first_day) s) AS sourced_by_day,
       (SELECT coalesce(json_agg(json_build_array(d, n) ORDER BY d), '[]') FROM (
          SELECT first_store_day::text AS d, count(*)::int AS n FROM classified
           WHERE sourced AND store_orders > 0 GROUP BY first_store_day) x) AS crossover_by_day,
       (SELECT coalesce(json_agg(json_build_array(days, n)), '[]') FROM (
          SELECT first_store_day - first_day AS days, count(*)::int AS n FROM classified
           WHERE sourced AND store_orders > 0 GROUP BY 1) l) AS lags,
       (SELECT coalesce(json_agg(json_build_array(f, c, n)), '[]') FROM (
          SELECT first_day::text AS f, first_store_day::text AS c, count(*)::int AS n FROM classified
           WHERE sourced AND store_orders > 0 GROUP BY 1, 2) p) AS crossover_days`,
    [asOf],
  );
  const buckets = { NONE: row.none, ONE: row.one, TWO: row.two, THREE_OR_MORE: row.three_or_more };
  return {
    current: false,
    sourced: row.sourced,
    crossover: row.one + row.two + row.three_or_more,
    buckets,
    crossoverNetReceiptsCents: row.crossover_net,
    firstTikTokDay: row.first_day,
    sourcedByDay: row.sourced_by_day,
    crossoverByDay: row.crossover_by_day,
    crossoverLags: row.lags,
    crossoverDays: row.crossover_days,
  };
}

/** New crossover customers of the cohort starting `cohortStart` whose crossover date falls in the period starting `periodStart`. */
export type CohortCrossover = [cohortStart: string, periodStart: string, customers: number];

/**
 * The crossover customers by the cohort period of their first TikTok order's day and the period
 * of their crossover date, for cohorts starting on or after `firstStart`, from the kept (first
 * day, crossover date) counts: only when the crossover summaries are current for asOf (otherwise
 * the analysis computed from the orders holds them, `crossoverDays`).
 */
export async function loadKeptCohortCrossover(
  shop: ShopScope,
  request: { by: CohortPeriodKind; firstStart: string },
): Promise<CohortCrossover[]> {
  const rows: Array<{ cohort_start: string; period_start: string; customers: number }> = await shop.read(
    `SELECT cohort_period_start($2, x.first_day, w.week_starts_on)::text AS cohort_start,
            cohort_period_start($2, x.crossover_day, w.week_starts_on)::text AS period_start,
            sum(x.customers)::int AS customers
       FROM crossover_lag_summary x
      CROSS JOIN (SELECT week_starts_on FROM shop WHERE shop_id = $1) w
      WHERE x.shop_id = $1 AND x.first_day >= $3::date AND x.customers <> 0
      GROUP BY 1, 2`,
    [request.by, request.firstStart],
  );
  return rows.map((row) => [row.cohort_start, row.period_start, row.customers]);
}

export interface CrossoverCustomerRow {
  customer_id: number;
  first_at: Date;
  first_store_at: Date;
  store_orders: number;
  store_net: number;
}

const KEPT_CROSSOVER_CUSTOMERS = `
  SELECT customer_id, first_counted_order_at AS first_at, first_crossover_order_at AS first_store_at,
         crossover_orders AS store_orders, crossover_net_receipts_cents AS store_net
    FROM customer
   WHERE shop_id = $1 AND space = 'TIKTOK' AND crossover_orders > 0 AND $2::date IS NOT NULL`;

const CLASSIFIED_CROSSOVER_CUSTOMERS = `
  SELECT customer_id, first_at, first_store_at, store_orders, store_net
    FROM classified
   WHERE sourced AND store_orders > 0`;

/**
 * Where the crossover customers at asOf ($2) are read: the state the import keeps on each
 * customer (`kept`, when the summaries are current), the orders up to asOf (`orders`), or
 * whichever of the two the statement finds current (`kept when current`, for a statement that
 * decides on its own, such as the CSV export's).
 */
export type CrossoverCustomersSource = 'kept' | 'orders' | 'kept when current';

/**
 * The WITH list of a statement reading the crossover customers at asOf ($2; $1 is the shop) as
 * `crossover_customers` (CrossoverCustomerRow's columns). The GraphQL list and the CSV export
 * both read them through it. Each CTE is read once and inlined into the statement.
 */
export function crossoverCustomersWith(source: CrossoverCustomersSource): string {
  if (source === 'kept') return `crossover_customers AS (${KEPT_CROSSOVER_CUSTOMERS})`;
  if (source === 'orders') return `${CLASSIFIED_CUSTOMERS}, crossover_customers AS (${CLASSIFIED_CROSSOVER_CUSTOMERS})`;
  // Each branch is gated by a condition the statement evaluates once: the other is never run.
  return `${CLASSIFIED_CUSTOMERS},
  crossover_customers AS (
    ${KEPT_CROSSOVER_CUSTOMERS} AND ${CROSSOVER_SUMMARIES_COVER}
    UNION ALL
    ${CLASSIFIED_CROSSOVER_CUSTOMERS} AND NOT ${CROSSOVER_SUMMARIES_COVER}
  )`;
}

/** Crossover customers, latest crossover first (ties by customer id), keyset-paginated. */
export async function listCrossoverCustomers(
  shop: ShopScope,
  request: { asOf: string; first: number; after: string | null; current: boolean },
): Promise<{ rows: Array<{ row: CrossoverCustomerRow; cursor: string }>; hasNextPage: boolean }> {
  const scope = `crossover:${request.asOf}`;
  const after = request.after === null ? null : decodeCursor(request.after, scope, ['timestamptz', 'bigint']);
  if (request.first === 0) return { rows: [], hasNextPage: false };
  const rows: CrossoverCustomerRow[] = await shop.read(
    `WITH ${crossoverCustomersWith(request.current ? 'kept' : 'orders')}
     SELECT customer_id, first_at, first_store_at, store_orders, store_net
       FROM crossover_customers k
      ${after ? 'WHERE (k.first_store_at, k.customer_id) < ($4::timestamptz, $5::bigint)' : ''}
      ORDER BY k.first_store_at DESC, k.customer_id DESC
      LIMIT $3`,
    after ? [request.asOf, request.first + 1, after[0], after[1]] : [request.asOf, request.first + 1],
  );
  return {
    rows: rows.slice(0, request.first).map((row) => ({
      row,
      cursor: encodeCursor(scope, [row.first_store_at.toISOString(), row.customer_id]),
    })),
    hasNextPage: rows.length > request.first,
  };
}
