import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unique TikTok customers of any range of days, exactly, without counting distinct customers over
 * the orders. A customer's "buying days" are the days with a counted TikTok order. In a range, a
 * customer's first buying day is the one whose previous buying day lies before the range; every
 * later one has its previous buying day inside it. So
 *
 *   unique customers in [s, e] = buying days in [s, e] − buying days in [s, e] whose previous one is ≥ s
 *
 * The first term sums `daily_tiktok_buyer_summary` over the range; the second sums
 * `tiktok_return_summary` over pairs (day, previous_day) that both lie in the range, which for a
 * dashboard's weeks is a few hundred rows however many orders the shop has.
 */
export class TikTokBuyerSummaries1764190000000 implements MigrationInterface {
  name = 'TikTokBuyerSummaries1764190000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE daily_tiktok_buyer_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        customers integer NOT NULL,
        PRIMARY KEY (shop_id, day)
      )`);
    await db.query(`
      CREATE TABLE tiktok_return_summary (
        shop_id uuid NOT NULL REFERENCES shop (shop_id) ON DELETE CASCADE,
        day date NOT NULL,
        previous_day date NOT NULL,
        customers integer NOT NULL,
        PRIMARY KEY (shop_id, day, previous_day),
        CHECK (previous_day < day)
      )`);
    await db.query(`
      CREATE TEMPORARY TABLE tiktok_buying_day ON COMMIT DROP AS
      SELECT shop_id, day, lag(day) OVER (PARTITION BY shop_id, customer_id ORDER BY day) AS previous_day
        FROM (SELECT DISTINCT shop_id, customer_id, local_day AS day FROM sales_order
               WHERE channel = 'TIKTOK' AND counted) d`);
    await db.query(`
      INSERT INTO daily_tiktok_buyer_summary (shop_id, day, customers)
      SELECT shop_id, day, count(*)::int FROM tiktok_buying_day GROUP BY shop_id, day`);
    await db.query(`
      INSERT INTO tiktok_return_summary (shop_id, day, previous_day, customers)
      SELECT shop_id, day, previous_day, count(*)::int FROM tiktok_buying_day
       WHERE previous_day IS NOT NULL GROUP BY shop_id, day, previous_day`);
    await db.query(`DROP TABLE tiktok_buying_day`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS tiktok_return_summary, daily_tiktok_buyer_summary`);
  }
}
