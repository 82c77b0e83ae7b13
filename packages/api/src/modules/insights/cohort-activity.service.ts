import type { CohortPeriodKind, DayWindow } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';

/** Customers of the cohort starting `cohortStart` with a counted TikTok order in the period starting `periodStart`. */
export type CohortActivity = [cohortStart: string, periodStart: string, customers: number];

/**
 * The cohorts' activity from the cohort summary the import keeps, for the cohorts starting on or
 * after `firstStart` and the periods up to `last` (the period that holds asOf). The summary's
 * last period holds the whole period; when a counted TikTok order falls after asOf in it, that
 * period alone is counted from the orders from its start to asOf (one period's orders).
 */
export async function loadCohortActivity(
  shop: ShopScope,
  request: { asOf: string; by: CohortPeriodKind; firstStart: string; last: DayWindow },
): Promise<CohortActivity[]> {
  const rows: Array<{ cohort_start: string; period_start: string; customers: number }> = await shop.read(
    `WITH partial AS (
       SELECT EXISTS (SELECT 1 FROM daily_channel_summary d
                       WHERE d.shop_id = $1 AND d.channel = 'TIKTOK' AND d.orders > 0
                         AND d.day > $2::date AND d.day <= $6::date) AS partial
     )
     SELECT s.cohort_start::text AS cohort_start, s.period_start::text AS period_start, s.customers
       FROM tiktok_cohort_summary s
      WHERE s.shop_id = $1 AND s.period = $3 AND s.cohort_start >= $4::date AND s.customers <> 0
        AND (s.period_start < $5::date OR (s.period_start = $5::date AND NOT (SELECT partial FROM partial)))
     UNION ALL
     SELECT cohort_period_start($3, c.first_counted_day, w.week_starts_on)::text, $5::date::text, count(*)::int
       FROM (SELECT DISTINCT o.customer_id FROM sales_order o
              WHERE (SELECT partial FROM partial) AND o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.counted
                AND o.local_day BETWEEN $5::date AND $2::date) k
      -- Each of the period's buyers by its key: the shop's other customers are never read.
      CROSS JOIN LATERAL (SELECT c.first_counted_day FROM customer c
                           WHERE c.shop_id = $1 AND c.customer_id = k.customer_id OFFSET 0) c
      CROSS JOIN (SELECT week_starts_on FROM shop WHERE shop_id = $1) w
      WHERE c.first_counted_day >= $4::date
      GROUP BY 1`,
    [request.asOf, request.by, request.firstStart, request.last.start, request.last.end],
  );
  return rows.map((row) => [row.cohort_start, row.period_start, row.customers]);
}
