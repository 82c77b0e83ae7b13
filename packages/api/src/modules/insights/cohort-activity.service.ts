import type { CohortPeriodKind, DayWindow } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';

/** Customers of the cohort starting `cohortStart` with a counted TikTok order in the period starting `periodStart`. */
export type CohortActivity = [cohortStart: string, periodStart: string, customers: number];

/**
 * The cohorts' activity from the cohort summaries the import keeps, for the cohorts starting on or
 * after `firstStart` and the periods up to `last` (the period that holds asOf). The periods before
 * it are whole; the period that holds asOf is its days up to asOf from the cohorts by day (each
 * customer counted on its first buying day of the period), so any asOf reads about a period's
 * days per cohort, never its buyers.
 */
export async function loadCohortActivity(
  shop: ShopScope,
  request: { asOf: string; by: CohortPeriodKind; firstStart: string; last: DayWindow },
): Promise<CohortActivity[]> {
  const rows: Array<{ cohort_start: string; period_start: string; customers: number }> = await shop.read(
    `SELECT s.cohort_start::text AS cohort_start, s.period_start::text AS period_start, s.customers
       FROM tiktok_cohort_summary s
      WHERE s.shop_id = $1 AND s.period = $3 AND s.cohort_start >= $4::date AND s.customers <> 0
        AND s.period_start < $5::date
     UNION ALL
     SELECT d.cohort_start::text, $5::date::text, sum(d.customers)::int
       FROM tiktok_cohort_day_summary d
      WHERE d.shop_id = $1 AND d.period = $3 AND d.day BETWEEN $5::date AND $2::date AND d.cohort_start >= $4::date
      GROUP BY d.cohort_start HAVING sum(d.customers) <> 0`,
    [request.asOf, request.by, request.firstStart, request.last.start],
  );
  return rows.map((row) => [row.cohort_start, row.period_start, row.customers]);
}
