import { describe, expect, it } from 'vitest';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION } from '../../test-support/order-factory.js';
import { randomOrders } from '../../test-support/random-orders.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { PROJECTIONS } from './projections.js';
import { DAY_SUMMARY_TABLES, rebuildShopDaySummaries } from './summary-backfill.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

/** Every summary row of every shop, and the customers' kept days, zero rows left out (the import keeps some). */
async function summaries(): Promise<Record<string, unknown[]>> {
  const zero: Record<string, string> = {
    daily_channel_summary: 'orders = 0 AND net_receipts_cents = 0',
    daily_product_summary: 'units_sold = 0 AND total_sales_cents = 0',
    weekly_product_summary: 'units_sold = 0 AND total_sales_cents = 0',
    daily_new_customer_summary: 'tiktok_customers = 0',
    daily_tiktok_buyer_summary: 'customers = 0',
    tiktok_return_summary: 'customers = 0',
    daily_crossover_summary: 'sourced_customers = 0 AND crossover_customers = 0',
    tiktok_hour_summary: '(orders, net_receipts_cents, cancelled_orders, refunded_orders, lost_net_receipts_cents) = (0, 0, 0, 0, 0)',
    tiktok_cohort_summary: 'customers = 0',
    tiktok_cohort_day_summary: 'customers = 0',
    crossover_lag_summary: 'customers = 0',
  };
  const result: Record<string, unknown[]> = {};
  for (const table of DAY_SUMMARY_TABLES) {
    result[table] = await db.dataSource.query(`SELECT t::text AS row FROM ${table} t WHERE NOT (${zero[table] ?? 'false'}) ORDER BY 1`);
  }
  result.customer = await db.dataSource.query(
    `SELECT shop_id, customer_id, first_counted_day, sourced_day, crossover_orders, crossover_net_receipts_cents,
            first_crossover_order_at, first_crossover_day FROM customer ORDER BY 1, 2`,
  );
  return result;
}

async function importShop(seed: number, timeZone: string): Promise<string> {
  const { shopId, token } = await api.createShop({ timezone: timeZone });
  for (const orders of randomOrders({ seed, timeZone, firstDay: '2025-03-01', days: 40, orders: 400 })) {
    expect((await api.gql(IMPORT_MUTATION, { orders }, token)).errors).toBeUndefined();
  }
  return shopId;
}

describe('the summary fills', () => {
  it('give what the imports kept, for one shop in its own zone and for every shop in a migration', async () => {
    const chicago = await importShop(5, 'America/Chicago');
    await importShop(6, 'Asia/Tokyo');
    const kept = await summaries();
    expect(kept.daily_crossover_summary!.length).toBeGreaterThan(0);
    expect(kept.tiktok_return_summary!.length).toBeGreaterThan(0);
    expect(kept.tiktok_hour_summary!.length).toBeGreaterThan(0);
    expect(kept.tiktok_cohort_summary!.length).toBeGreaterThan(0);
    expect(kept.tiktok_cohort_day_summary!.length).toBeGreaterThan(0);
    expect(kept.crossover_lag_summary!.length).toBeGreaterThan(0);
    expect(kept.weekly_product_summary!.length).toBeGreaterThan(0);
    expect(kept.address_store_day_summary!.length).toBeGreaterThan(0);

    // Each kept summary on its own, emptied for one shop and rebuilt: what the imports' deltas kept.
    const shop = new ShopScope(db.dataSource, chicago);
    for (const projection of PROJECTIONS) {
      await shop.transaction(async (tx) => {
        for (const table of projection.tables) await tx.query(`DELETE FROM ${table} WHERE shop_id = $1`);
        await projection.rebuild(tx, 'America/Chicago');
      });
      expect(await summaries(), projection.name).toEqual(kept);
    }

    // One shop rebuilt in its own zone: nothing changes.
    await shop.transaction((tx) => rebuildShopDaySummaries(tx, 'America/Chicago'));
    expect(await summaries()).toEqual(kept);

    // The migrations that add the crossover and buyer summaries, run again over the data: the same.
    const undone: string[] = [];
    while (!undone.includes('InsightsSummaries1764160000000')) {
      const [last] = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      undone.push(last.name);
      await db.dataSource.undoLastMigration();
    }
    expect(await db.dataSource.runMigrations()).toHaveLength(undone.length);
    expect(await summaries()).toEqual(kept);
  });
});
