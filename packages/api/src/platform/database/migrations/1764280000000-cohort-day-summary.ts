import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per cohort (the month or week of a TikTok customer's first counted TikTok order) and day, the
 * cohort's customers whose first counted TikTok order in that day's month or week is on that day.
 * Summed over a period's days up to asOf, it gives the cohort's customers of the period as of
 * asOf; summed over the whole period, the `tiktok_cohort_summary` row. A past asOf's cohorts read
 * the period that holds asOf here instead of looking up each of the period's buyers. Filled here
 * from the orders.
 */
export class CohortDaySummary1764280000000 implements MigrationInterface {
  name = 'CohortDaySummary1764280000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tiktok_cohort_day_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period IN ('MONTH', 'WEEK')),
        day date NOT NULL,
        cohort_start date NOT NULL,
        customers integer NOT NULL,
        PRIMARY KEY (shop_id, period, day, cohort_start) INCLUDE (customers),
        CHECK (day >= cohort_start)
      )`);
    await db.query(`
      INSERT INTO tiktok_cohort_day_summary (shop_id, period, day, cohort_start, customers)
      SELECT shop_id, period, day, cohort_start, count(*)::int FROM (
        SELECT b.shop_id, k.period, cohort_period_start(k.period, b.first_day, s.week_starts_on) AS cohort_start,
               min(b.day) AS day
          FROM (SELECT shop_id, customer_id, local_day AS day,
                       min(local_day) OVER (PARTITION BY shop_id, customer_id) AS first_day
                  FROM sales_order WHERE channel = 'TIKTOK' AND counted) b
          JOIN shop s ON s.shop_id = b.shop_id
         CROSS JOIN (VALUES ('MONTH'), ('WEEK')) AS k(period)
         GROUP BY b.shop_id, b.customer_id, k.period, 3, cohort_period_start(k.period, b.day, s.week_starts_on)
      ) firsts
      GROUP BY 1, 2, 3, 4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS tiktok_cohort_day_summary`);
  }
}
