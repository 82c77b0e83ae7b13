import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Summaries for the insights of spec section 11, kept by the import in its transaction and filled
 * here for the data already there (the fills are frozen in this file, as this migration ran them):
 *
 * - `tiktok_hour_summary`: TikTok orders per local day and hour of the shop's clock, counted ones
 *   (orders, net receipts) and lost ones (cancelled, refunded, their net receipts). The best hours
 *   to go live and the cancellations of any window are sums over the window's days.
 * - `tiktok_cohort_summary`: per cohort (the month or week of a TikTok customer's first counted
 *   TikTok order) and later period, the cohort's customers with a counted TikTok order then. Weeks
 *   start on the shop's `week_starts_on`; a change of it fills the weeks again.
 * - `crossover_lag_summary`: crossover customers per (day of the first TikTok order, crossover
 *   date), for the time to crossover and the cohorts' crossover.
 */
export class MoreInsights1764240000000 implements MigrationInterface {
  name = 'MoreInsights1764240000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tiktok_hour_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        orders integer NOT NULL,
        net_receipts_cents bigint NOT NULL,
        cancelled_orders integer NOT NULL,
        refunded_orders integer NOT NULL,
        lost_net_receipts_cents bigint NOT NULL,
        PRIMARY KEY (shop_id, day, hour)
      )`);
    await db.query(`
      CREATE TABLE tiktok_cohort_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period IN ('MONTH', 'WEEK')),
        cohort_start date NOT NULL,
        period_start date NOT NULL,
        customers integer NOT NULL,
        PRIMARY KEY (shop_id, period, cohort_start, period_start),
        CHECK (period_start >= cohort_start)
      )`);
    await db.query(`
      CREATE TABLE crossover_lag_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        first_day date NOT NULL,
        crossover_day date NOT NULL,
        customers integer NOT NULL,
        PRIMARY KEY (shop_id, first_day, crossover_day)
      )`);
    // The first day of the month or week (starting on MONDAY or SUNDAY) that holds a day: integer
    // day arithmetic from a known Monday (2000-01-03) or Sunday, not STRICT, so that PostgreSQL
    // inlines it into the statements that call it.
    await db.query(`
      CREATE FUNCTION cohort_period_start(p_period text, p_day date, p_week_starts_on text) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE p_period
                 WHEN 'MONTH' THEN date_trunc('month', p_day::timestamp)::date
                 ELSE p_day - ((p_day - CASE p_week_starts_on WHEN 'MONDAY' THEN DATE '2000-01-03' ELSE DATE '2000-01-02' END) % 7 + 7) % 7
               END
      $$`);

    await db.query(`
      INSERT INTO tiktok_hour_summary (shop_id, day, hour, orders, net_receipts_cents, cancelled_orders, refunded_orders,
                                       lost_net_receipts_cents)
      SELECT o.shop_id, o.local_day, extract(hour FROM o.placed_at AT TIME ZONE s.timezone)::smallint,
             count(*) FILTER (WHERE o.counted)::int,
             coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.counted), 0)::bigint,
             count(*) FILTER (WHERE o.status = 'CANCELLED')::int,
             count(*) FILTER (WHERE o.status = 'REFUNDED')::int,
             coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.status IN ('CANCELLED', 'REFUNDED')), 0)::bigint
        FROM sales_order o
        JOIN shop s ON s.shop_id = o.shop_id
       WHERE o.channel = 'TIKTOK' AND o.status <> 'UNPAID'
       GROUP BY 1, 2, 3`);
    await db.query(`
      INSERT INTO tiktok_cohort_summary (shop_id, period, cohort_start, period_start, customers)
      SELECT shop_id, period, cohort_start, period_start, count(*)::int FROM (
        SELECT DISTINCT b.shop_id, b.customer_id, k.period,
               cohort_period_start(k.period, b.first_day, s.week_starts_on) AS cohort_start,
               cohort_period_start(k.period, b.day, s.week_starts_on) AS period_start
          FROM (SELECT shop_id, customer_id, local_day AS day,
                       min(local_day) OVER (PARTITION BY shop_id, customer_id) AS first_day
                  FROM sales_order WHERE channel = 'TIKTOK' AND counted) b
          JOIN shop s ON s.shop_id = b.shop_id
         CROSS JOIN (VALUES ('MONTH'), ('WEEK')) AS k(period)
      ) pairs
      GROUP BY 1, 2, 3, 4`);
    await db.query(`
      INSERT INTO crossover_lag_summary (shop_id, first_day, crossover_day, customers)
      SELECT shop_id, sourced_day, first_crossover_day, count(*)::int FROM customer
       WHERE space = 'TIKTOK' AND crossover_orders > 0
       GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS crossover_lag_summary, tiktok_cohort_summary, tiktok_hour_summary`);
    await db.query(`DROP FUNCTION IF EXISTS cohort_period_start(text, date, text)`);
  }
}
