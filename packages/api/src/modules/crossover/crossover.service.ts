import type { CohortPeriodKind, CrossoverBucketKind } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination/cursor.js';
import { summariesCover } from '../insights/daily-summaries.projection.js';

/**
 * The crossover customers as of asOf ($2; $1 is the shop), from the state the import keeps, as
 * `crossover_as_of` (CrossoverCustomerRow's columns, with first_day and first_store_day):
 *
 * - A customer sourced now was sourced at asOf (store orders up to asOf are fewer), and one not
 *   sourced now whose first TikTok order is on or before asOf was not sourced then either (the
 *   store order that came first is before asOf too). So the crossover customers at asOf are the
 *   kept ones whose crossover date is on or before asOf, with the same first orders.
 * - Their store orders up to asOf are the kept ones, except at an address key whose last store
 *   order is after asOf: there the key's store orders on the days after asOf are taken out.
 */
/** The store orders at an address key on the days after asOf ($2) and their net receipts. */
const STORE_ORDERS_AT_KEY_AFTER = (key: string) => `
  SELECT sum(d.store_orders)::int AS later_orders, sum(d.store_net_receipts_cents)::bigint AS later_net
    FROM address_store_day_summary d
   WHERE d.shop_id = $1 AND d.address_key = ${key} AND d.day > $2::date`;

export const CROSSOVER_AS_OF = `
  crossover_as_of AS (
    SELECT c.customer_id, c.address_key, c.first_counted_order_at AS first_at, c.first_crossover_order_at AS first_store_at,
           c.crossover_orders - coalesce(r.later_orders, 0) AS store_orders,
           c.crossover_net_receipts_cents - coalesce(r.later_net, 0) AS store_net,
           c.sourced_day AS first_day, c.first_crossover_day AS first_store_day
      FROM customer c
      JOIN address_store_summary a ON a.shop_id = $1 AND a.address_key = c.address_key
      LEFT JOIN LATERAL (${STORE_ORDERS_AT_KEY_AFTER('c.address_key')}) r ON a.last_store_day > $2::date
     WHERE c.shop_id = $1 AND c.space = 'TIKTOK' AND c.crossover_orders > 0 AND c.first_crossover_day <= $2::date
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
}

/** A shop_crossover_summary row. */
interface KeptCrossoverTotals {
  sourced_customers: number;
  none_customers: number;
  one_customers: number;
  two_customers: number;
  three_or_more_customers: number;
  crossover_net_receipts_cents: number;
}

async function readTotalsAsOf(shop: ShopScope, asOf: string): Promise<CrossoverTotalsAsOf> {
  const [row] = await shop.read(CROSSOVER_TOTALS_AS_OF, [asOf]);
  return row;
}

/** Whether the crossover summaries answer for asOf ($2): no counted order of any channel after it. */
const CROSSOVER_SUMMARIES_COVER = summariesCover('$2::date', { channel: 'any' });

/**
 * The crossover figures at asOf. When asOf is on or after the shop's last counted order day (the
 * dashboard's usual question), they are the per-shop summaries the import keeps; for an earlier
 * asOf, the kept state as of that day (CROSSOVER_AS_OF).
 */
export async function analyzeCrossover(shop: ShopScope, asOf: string, today: string): Promise<CrossoverAnalysis> {
  // Before today the kept figures rarely answer: the totals as of asOf are read on another
  // connection meanwhile (when the kept ones do answer, that read finds no key to correct).
  const totalsAsOf = asOf < today ? readTotalsAsOf(shop, asOf) : null;
  totalsAsOf?.catch(() => {}); // awaited below when needed; not an unhandled rejection when not
  // The kept figures are read only when they answer (PostgreSQL runs a CASE branch's subquery
  // only when the branch is taken); a past asOf reads its own instead, in the same statement.
  const [kept] = await shop.read(
    `SELECT k.current,
            CASE WHEN k.current THEN (SELECT row_to_json(s) FROM shop_crossover_summary s WHERE s.shop_id = $1) END AS totals,
            CASE WHEN k.current THEN (SELECT min(n.day)::text FROM daily_new_customer_summary n
                                       WHERE n.shop_id = $1 AND n.tiktok_customers > 0) END AS first_day,
            CASE WHEN k.current THEN (
              SELECT coalesce(json_agg(json_build_array(x.day::text, x.sourced_customers, x.crossover_customers) ORDER BY x.day), '[]')
                FROM daily_crossover_summary x
               WHERE x.shop_id = $1 AND (x.sourced_customers <> 0 OR x.crossover_customers <> 0)) END AS days,
            CASE WHEN k.current THEN (
              SELECT coalesce(json_agg(json_build_array(l.days, l.customers)), '[]') FROM (
                SELECT g.crossover_day - g.first_day AS days, sum(g.customers)::int AS customers
                  FROM crossover_lag_summary g WHERE g.shop_id = $1 AND g.customers <> 0
                 GROUP BY 1) l) END AS lags,
            CASE WHEN NOT k.current THEN (SELECT row_to_json(f) FROM (${CROSSOVER_DAYS_AS_OF}) f) END AS as_of
       FROM (SELECT ${CROSSOVER_SUMMARIES_COVER} AS current) k`,
    [asOf],
  );
  if (!kept.current) return crossoverAsOf(kept.as_of, await (totalsAsOf ?? readTotalsAsOf(shop, asOf)));
  const totals: Partial<KeptCrossoverTotals> = kept.totals ?? {};
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
  };
}

/**
 * The crossover totals at an asOf before the shop's last counted order: the kept shop totals,
 * corrected at the only address keys where they can differ (CROSSOVER_AS_OF): keys with crossover
 * customers now and a store order after asOf (an index on last_store_day finds them). At each,
 * its crossover customers' kept buckets and net receipts are taken out and, for those already
 * crossover at asOf (all but those whose crossover date is later), the bucket and net receipts
 * of the key's store orders up to asOf (its kept ones less those of its days after asOf) put in.
 * The work follows the keys with recent store orders, not the shop's history.
 */
const CROSSOVER_TOTALS_AS_OF = `WITH changed AS MATERIALIZED (
       -- A key's crossover customers all crossed on its first store order's day: at asOf they are
       -- all still crossover, or (that day being later) none of them.
       SELECT a.address_key, a.store_orders AS now_orders, a.store_net_receipts_cents AS now_net,
              a.crossover_customers AS now_customers,
              CASE WHEN a.first_store_day <= $2::date THEN a.crossover_customers ELSE 0 END AS as_of_customers
         FROM address_store_summary a
        WHERE a.shop_id = $1 AND a.crossover_customers > 0 AND a.last_store_day > $2::date
     ),
     recounted AS (
       SELECT ch.*, ch.now_orders - coalesce(r.later_orders, 0) AS store_orders, ch.now_net - coalesce(r.later_net, 0) AS store_net
         FROM changed ch
         LEFT JOIN LATERAL (${STORE_ORDERS_AT_KEY_AFTER('ch.address_key')} AND ch.as_of_customers > 0) r ON true
     ),
     correction AS (
       -- Every crossover customer at a key has the key's store orders (crossover_orders = store_orders).
       SELECT coalesce(sum(CASE WHEN store_orders = 1 THEN as_of_customers ELSE 0 END
                         - CASE WHEN now_orders = 1 THEN now_customers ELSE 0 END), 0) AS one,
              coalesce(sum(CASE WHEN store_orders = 2 THEN as_of_customers ELSE 0 END
                         - CASE WHEN now_orders = 2 THEN now_customers ELSE 0 END), 0) AS two,
              coalesce(sum(CASE WHEN store_orders >= 3 THEN as_of_customers ELSE 0 END
                         - CASE WHEN now_orders >= 3 THEN now_customers ELSE 0 END), 0) AS three_or_more,
              coalesce(sum(CASE WHEN as_of_customers > 0 THEN store_net ELSE 0 END - now_net), 0) AS net
         FROM recounted
     )
     SELECT
       (SELECT coalesce(sum(x.sourced_customers), 0) FROM daily_crossover_summary x
         WHERE x.shop_id = $1 AND x.day <= $2::date)::int AS sourced,
       (coalesce(k.one_customers, 0) + x.one)::int AS one,
       (coalesce(k.two_customers, 0) + x.two)::int AS two,
       (coalesce(k.three_or_more_customers, 0) + x.three_or_more)::int AS three_or_more,
       (coalesce(k.crossover_net_receipts_cents, 0) + x.net)::bigint AS crossover_net
       FROM correction x
       LEFT JOIN shop_crossover_summary k ON k.shop_id = $1`;

/** The crossover series at asOf: from the per-day summaries. */
const CROSSOVER_DAYS_AS_OF = `SELECT
       (SELECT min(n.day)::text FROM daily_new_customer_summary n
         WHERE n.shop_id = $1 AND n.tiktok_customers > 0 AND n.day <= $2::date) AS first_day,
       (SELECT coalesce(json_agg(json_build_array(x.day::text, x.sourced_customers, x.crossover_customers) ORDER BY x.day), '[]')
          FROM daily_crossover_summary x
         WHERE x.shop_id = $1 AND x.day <= $2::date AND (x.sourced_customers <> 0 OR x.crossover_customers <> 0)) AS days,
       (SELECT coalesce(json_agg(json_build_array(l.days, l.customers)), '[]') FROM (
          SELECT g.crossover_day - g.first_day AS days, sum(g.customers)::int AS customers
            FROM crossover_lag_summary g WHERE g.shop_id = $1 AND g.crossover_day <= $2::date AND g.customers <> 0
           GROUP BY 1) l) AS lags`;

interface CrossoverDaysAsOf {
  first_day: string | null;
  days: Array<[string, number, number]>;
  lags: Array<[number, number]>;
}

/** The crossover totals at asOf, read in one snapshot (the buckets add up to the sourced customers). */
interface CrossoverTotalsAsOf {
  sourced: number;
  one: number;
  two: number;
  three_or_more: number;
  crossover_net: number;
}

function crossoverAsOf(row: CrossoverDaysAsOf, totals: CrossoverTotalsAsOf): CrossoverAnalysis {
  const crossover = totals.one + totals.two + totals.three_or_more;
  return {
    current: false,
    sourced: totals.sourced,
    crossover,
    buckets: { NONE: totals.sourced - crossover, ONE: totals.one, TWO: totals.two, THREE_OR_MORE: totals.three_or_more },
    crossoverNetReceiptsCents: Number(totals.crossover_net),
    firstTikTokDay: row.first_day,
    sourcedByDay: row.days.filter(([, sourced]) => sourced !== 0).map(([day, sourced]) => [day, sourced]),
    crossoverByDay: row.days.filter(([, , crossover]) => crossover !== 0).map(([day, , crossover]) => [day, crossover]),
    crossoverLags: row.lags,
  };
}

/** New crossover customers of the cohort starting `cohortStart` whose crossover date falls in the period starting `periodStart`. */
export type CohortCrossover = [cohortStart: string, periodStart: string, customers: number];

/**
 * The crossover customers as of asOf by the cohort period of their first TikTok order's day and
 * the period of their crossover date, for cohorts starting on or after `firstStart`, from the kept
 * (first day, crossover date) counts: a customer's crossover date is the same at any asOf that
 * follows it (see CROSSOVER_AS_OF).
 */
export async function loadCohortCrossover(
  shop: ShopScope,
  request: { asOf: string; by: CohortPeriodKind; firstStart: string },
): Promise<CohortCrossover[]> {
  const rows: Array<{ cohort_start: string; period_start: string; customers: number }> = await shop.read(
    // Grouped by the periods as dates, made text once per cell (not once per summary row).
    `SELECT c.cohort_start::text AS cohort_start, c.period_start::text AS period_start, c.customers
       FROM (SELECT cohort_period_start($2, x.first_day, w.week_starts_on) AS cohort_start,
                    cohort_period_start($2, x.crossover_day, w.week_starts_on) AS period_start,
                    sum(x.customers)::int AS customers
               FROM crossover_lag_summary x
              CROSS JOIN (SELECT week_starts_on FROM shop WHERE shop_id = $1) w
              WHERE x.shop_id = $1 AND x.first_day >= $3::date AND x.crossover_day <= $4::date AND x.customers <> 0
              GROUP BY 1, 2) c`,
    [request.by, request.firstStart, request.asOf],
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

/**
 * Where the crossover customers at asOf ($2) are read: the state the import keeps on each
 * customer (`kept`, when the summaries are current for asOf: its index serves the list's order),
 * or that state as of asOf (`as of`, any asOf; see CROSSOVER_AS_OF).
 */
export type CrossoverCustomersSource = 'kept' | 'as of';

/**
 * The WITH list of a statement reading the crossover customers at asOf ($2; $1 is the shop) as
 * `crossover_customers` (CrossoverCustomerRow's columns). The GraphQL list and the CSV export
 * both read them through it.
 */
export function crossoverCustomersWith(source: CrossoverCustomersSource): string {
  if (source === 'kept') return `crossover_customers AS (${KEPT_CROSSOVER_CUSTOMERS})`;
  return `${CROSSOVER_AS_OF},
  crossover_customers AS (SELECT customer_id, first_at, first_store_at, store_orders, store_net FROM crossover_as_of)`;
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
    `WITH ${crossoverCustomersWith(request.current ? 'kept' : 'as of')}
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
