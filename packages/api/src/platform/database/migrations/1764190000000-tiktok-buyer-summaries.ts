import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillTikTokBuyerSummaries } from './frozen-summary-fills.js';

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
    // The fill as this migration ran it (./frozen-summary-fills.ts).
    await fillTikTokBuyerSummaries(db, 'all shops');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS tiktok_return_summary, daily_tiktok_buyer_summary`);
  }
}
