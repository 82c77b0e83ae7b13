import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units and sales per product and week (Monday to Sunday of the shop's local days) over counted
 * TikTok orders, kept by the import beside the per-day product summary: top products of a window
 * read its whole weeks here and only the days at its two ends per day, about a third of the rows
 * of a month's window. Filled here from the per-day summary, which holds the same sums.
 */
export class WeeklyProductSummary1764270000000 implements MigrationInterface {
  name = 'WeeklyProductSummary1764270000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE weekly_product_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        product_id bigint NOT NULL,
        units_sold bigint NOT NULL,
        total_sales_cents bigint NOT NULL,
        PRIMARY KEY (shop_id, week_start, product_id) INCLUDE (units_sold, total_sales_cents)
      )`);
    await db.query(`
      INSERT INTO weekly_product_summary (shop_id, week_start, product_id, units_sold, total_sales_cents)
      SELECT shop_id, day - (extract(isodow FROM day)::int - 1), product_id, sum(units_sold)::bigint, sum(total_sales_cents)::bigint
        FROM daily_product_summary
       GROUP BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS weekly_product_summary`);
  }
}
