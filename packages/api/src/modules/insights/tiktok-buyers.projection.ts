import type { CohortPeriodKind } from '@tiktok-insights/shared';
import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { Projection } from '../orders/projection.js';

/**
 * Buying days (days with a counted TikTok order) per day, and pairs of a buying day and the same
 * customer's previous one, for unique and returning customers of any range (see the
 * TikTokBuyerSummaries migration). The range metrics read them. From the same buying days, the
 * cohorts: per (month or week of a customer's first buying day, month or week of a buying day),
 * the customers (see the MoreInsights migration), and per (cohort, day) the customers whose first
 * buying day of the day's period it is (see the CohortDaySummary migration).
 */

/**
 * Each customer's first buying day in each period (per period kind, cohort start and period
 * start), from rows `days` (customer_id, day, first_day: the customer's first buying day, n: the
 * side, 1 or −1). Weeks start on the shop's week start. Counted by (cohort, period start) they are
 * the cohorts; by (cohort, day), the cohorts by day (a period's customers up to any of its days).
 */
function cohortFirstDaysOf(days: string, periods: readonly CohortPeriodKind[] = ['MONTH', 'WEEK']): string {
  const firsts = (period: CohortPeriodKind) => `
    SELECT d.customer_id, d.n, '${period}' AS period,
           cohort_period_start('${period}', d.first_day, w.week_starts_on) AS cohort_start,
           cohort_period_start('${period}', d.day, w.week_starts_on) AS period_start,
           min(d.day) AS day
      FROM ${days} d CROSS JOIN (SELECT week_starts_on FROM shop WHERE shop_id = $1) w
     GROUP BY 1, 2, 3, 4, 5`;
  return periods.map(firsts).join('\n    UNION ALL');
}

/** Inserts (or adds to) both cohort summaries from the first days `firsts` (a WITH query, see cohortFirstDaysOf). */
const COHORT_INSERTS = (firsts: string) => `
     cohorts AS (
       INSERT INTO tiktok_cohort_summary AS s (shop_id, period, cohort_start, period_start, customers)
       SELECT $1, period, cohort_start, period_start, sum(n)::int FROM ${firsts}
        GROUP BY period, cohort_start, period_start HAVING sum(n) <> 0
       ON CONFLICT (shop_id, period, cohort_start, period_start) DO UPDATE SET customers = s.customers + excluded.customers
     ),
     cohort_days AS (
       INSERT INTO tiktok_cohort_day_summary AS s (shop_id, period, day, cohort_start, customers)
       SELECT $1, period, day, cohort_start, sum(n)::int FROM ${firsts}
        GROUP BY period, day, cohort_start HAVING sum(n) <> 0
       ON CONFLICT (shop_id, period, day, cohort_start) DO UPDATE SET customers = s.customers + excluded.customers
     )`;

/** The days on which some customers had a counted TikTok order, one entry per customer and day. */
export interface BuyingDays {
  customerIds: number[];
  days: string[];
}

// Only the customer's counted orders are looked up (sales_order_customer_idx); the channel is
// tested outside the lookup: inside it, stale statistics can make an index on (shop, channel)
// look cheaper, and that reads all of the shop's TikTok orders once per customer.
const BUYING_DAYS_OF = `
  SELECT DISTINCT o.customer_id, o.local_day
    FROM unnest($2::bigint[]) AS k(id)
   CROSS JOIN LATERAL (SELECT o.customer_id, o.local_day, o.channel FROM sales_order o
                        WHERE o.shop_id = $1 AND o.customer_id = k.id AND o.counted OFFSET 0) o
   WHERE o.channel = 'TIKTOK'`;

/** The customers' buying days as the orders stand now: read before the import writes its orders. */
async function readBuyingDays(tx: ShopTransaction, customerIds: number[]): Promise<BuyingDays> {
  if (customerIds.length === 0) return { customerIds: [], days: [] };
  const rows: Array<{ customer_id: number; local_day: string }> = await tx.query(
    `SELECT d.customer_id, d.local_day::text AS local_day FROM (${BUYING_DAYS_OF}) d`,
    [customerIds],
  );
  return { customerIds: rows.map((r) => r.customer_id), days: rows.map((r) => r.local_day) };
}

/**
 * Brings the buyer summaries (see the TikTokBuyerSummaries migration) from the customers' buying
 * days `before` the import to the ones the orders give now: each side is turned into buyers per
 * day and (day, previous buying day) pairs, and only the difference is written.
 */
async function applyBuyingDayChanges(
  tx: ShopTransaction,
  customerIds: number[],
  before: BuyingDays,
): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `WITH after AS (${BUYING_DAYS_OF}),
     before AS (SELECT * FROM unnest($3::bigint[], $4::date[]) AS b(customer_id, local_day)),
     -- Each buying day with the customer's previous one and first one (one sort per side).
     sides AS (
       SELECT customer_id, local_day AS day, lag(local_day) OVER w AS previous_day, first_value(local_day) OVER w AS first_day, 1 AS n
         FROM after WINDOW w AS (PARTITION BY customer_id ORDER BY local_day)
       UNION ALL
       SELECT customer_id, local_day, lag(local_day) OVER w, first_value(local_day) OVER w, -1
         FROM before WINDOW w AS (PARTITION BY customer_id ORDER BY local_day)
     ),
     buyers AS (
       INSERT INTO daily_tiktok_buyer_summary AS s (shop_id, day, customers)
       SELECT $1, day, sum(n)::int FROM sides GROUP BY day HAVING sum(n) <> 0
       ON CONFLICT (shop_id, day) DO UPDATE SET customers = s.customers + excluded.customers
     ),
     firsts AS MATERIALIZED (${cohortFirstDaysOf('sides')}),${COHORT_INSERTS('firsts')}
     INSERT INTO tiktok_return_summary AS s (shop_id, day, previous_day, customers)
     SELECT $1, day, previous_day, sum(n)::int FROM sides
      WHERE previous_day IS NOT NULL
      GROUP BY day, previous_day HAVING sum(n) <> 0
     ON CONFLICT (shop_id, day, previous_day) DO UPDATE SET customers = s.customers + excluded.customers`,
    [customerIds, before.customerIds, before.days],
  );
}

/** The shop's cohorts (and cohorts by day) of one kind of period, or both, from its orders. */
async function fillCohorts(tx: ShopTransaction, periods: readonly CohortPeriodKind[]): Promise<void> {
  await tx.query(
    `WITH firsts AS MATERIALIZED (${cohortFirstDaysOf(
       `(SELECT customer_id, local_day AS day, min(local_day) OVER (PARTITION BY customer_id) AS first_day, 1 AS n
           FROM (SELECT DISTINCT customer_id, local_day FROM sales_order
                  WHERE shop_id = $1 AND channel = 'TIKTOK' AND counted) b)`,
       periods,
     )}),${COHORT_INSERTS('firsts')}
     SELECT 1`,
  );
}

/**
 * The weekly cohorts again, after the shop's week start changed (in the transaction that changes
 * it, with the shop row locked).
 */
export async function refillWeeklyCohorts(tx: ShopTransaction): Promise<void> {
  await tx.query(`DELETE FROM tiktok_cohort_summary WHERE shop_id = $1 AND period = 'WEEK'`);
  await tx.query(`DELETE FROM tiktok_cohort_day_summary WHERE shop_id = $1 AND period = 'WEEK'`);
  await fillCohorts(tx, ['WEEK']);
}

async function fillTikTokBuyerSummaries(tx: ShopTransaction): Promise<void> {
  await fillCohorts(tx, ['MONTH', 'WEEK']);
  await tx.query(
    `WITH buying_day AS MATERIALIZED (
       SELECT shop_id, day, lag(day) OVER (PARTITION BY shop_id, customer_id ORDER BY day) AS previous_day
         FROM (SELECT DISTINCT shop_id, customer_id, local_day AS day FROM sales_order
                WHERE shop_id = $1 AND channel = 'TIKTOK' AND counted) d
     ),
     buyers AS (
       INSERT INTO daily_tiktok_buyer_summary (shop_id, day, customers)
       SELECT shop_id, day, count(*)::int FROM buying_day GROUP BY shop_id, day
     )
     INSERT INTO tiktok_return_summary (shop_id, day, previous_day, customers)
     SELECT shop_id, day, previous_day, count(*)::int FROM buying_day
      WHERE previous_day IS NOT NULL GROUP BY shop_id, day, previous_day`,
  );
}

/** The customers whose buying days the import may change, and their buying days before it. */
interface Buyers {
  customerIds: number[];
  before: BuyingDays;
}

export const tiktokBuyersProjection: Projection<Buyers> = {
  name: 'TikTok buyer and cohort summaries',
  tables: ['daily_tiktok_buyer_summary', 'tiktok_return_summary', 'tiktok_cohort_summary', 'tiktok_cohort_day_summary'],
  async before(batch) {
    // Only TikTok customers have buying days; an updated order's old customer may be one.
    const tiktokCustomers = [...batch.customerIds].filter(([key]) => key.startsWith('TIKTOK|')).map(([, id]) => id);
    const customerIds = [...new Set([...tiktokCustomers, ...batch.updated.map((e) => e.customer_id)])];
    return { customerIds, before: await readBuyingDays(batch.tx, customerIds) };
  },
  async apply(batch, buyers) {
    await applyBuyingDayChanges(batch.tx, buyers.customerIds, buyers.before);
  },
  rebuild: fillTikTokBuyerSummaries,
};
