import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import { PROJECTIONS } from './projections.js';

/**
 * Every table that holds a shop's figures by its local day, or is filled together with one: the
 * tables of every kept summary, emptied for the shop and filled again by `rebuildShopDaySummaries`.
 */
export const DAY_SUMMARY_TABLES: readonly string[] = PROJECTIONS.flatMap((projection) => projection.tables);

/**
 * Moves a shop to another time zone: every order's local day, and every kept summary (each
 * projection's tables, and the day columns the customers' projections keep) are computed again
 * for `timeZone`, in SQL (aggregates only; no order row reaches Node), giving what the imports'
 * deltas give. Run it in the transaction that changes the shop's zone, with the shop row locked,
 * so that readers see the old days or the new ones, never a mix, and no import interleaves.
 * (The migrations that added summaries keep frozen copies of their fills.)
 */
export async function rebuildShopDaySummaries(tx: ShopTransaction, timeZone: string): Promise<void> {
  await tx.query(
    `UPDATE sales_order SET local_day = (placed_at AT TIME ZONE $2)::date
      WHERE shop_id = $1 AND local_day <> (placed_at AT TIME ZONE $2)::date`,
    [timeZone],
  );
  for (const projection of PROJECTIONS) {
    for (const table of projection.tables) await tx.query(`DELETE FROM ${table} WHERE shop_id = $1`);
    await projection.rebuild(tx, timeZone);
  }
}
