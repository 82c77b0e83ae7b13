import { expect, it } from 'vitest';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { MIGRATIONS } from './data-source.js';
import { TikTokBuyerSummaries1764190000000 } from './migrations/1764190000000-tiktok-buyer-summaries.js';
import { AddressStoreDaySummary1764290000000 } from './migrations/1764290000000-address-store-day-summary.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

it('applies every migration, and reverts and reapplies the last ones cleanly', async () => {
  const applied = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
  expect(applied.map((m: { name: string }) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  await db.dataSource.undoLastMigration();
  await db.dataSource.undoLastMigration();
  expect(await db.dataSource.runMigrations()).toHaveLength(2);
});

it('deletes a shop with all of its data in one statement', async () => {
  const { shopId, token } = await api.createShop();
  const other = await api.createShop();
  const orders = [makeOrder(), makeOrder({ channel: 'WEBSITE' })];
  await api.gql(IMPORT_MUTATION, { orders }, token);
  await api.gql(IMPORT_MUTATION, { orders }, other.token);
  await db.dataSource.query(`DELETE FROM shop WHERE shop_id = $1`, [shopId]);
  const [{ left }] = await db.dataSource.query(
    `SELECT (SELECT count(*) FROM sales_order WHERE shop_id = $1) + (SELECT count(*) FROM order_line WHERE shop_id = $1)
          + (SELECT count(*) FROM customer WHERE shop_id = $1) + (SELECT count(*) FROM product WHERE shop_id = $1) AS left`,
    [shopId],
  );
  expect(Number(left)).toBe(0);
  const [{ kept }] = await db.dataSource.query(`SELECT count(*)::int AS kept FROM sales_order WHERE shop_id = $1`, [other.shopId]);
  expect(kept).toBe(2);
});

it('fills the buyer summaries from the orders already there when their migration runs', async () => {
  const { shopId, token } = await api.createShop();
  const orders = [
    makeOrder({ customer: { externalId: 'tt-a' }, placedAt: '2025-03-01T12:00:00-06:00' }),
    makeOrder({ customer: { externalId: 'tt-a' }, placedAt: '2025-03-01T18:00:00-06:00' }),
    makeOrder({ customer: { externalId: 'tt-a' }, placedAt: '2025-03-04T12:00:00-06:00' }),
    makeOrder({ customer: { externalId: 'tt-b' }, placedAt: '2025-03-04T12:00:00-06:00' }),
    makeOrder({ customer: { externalId: 'tt-b' }, placedAt: '2025-03-09T12:00:00-06:00', status: 'CANCELLED' }),
  ];
  await api.gql(IMPORT_MUTATION, { orders }, token);
  const stored = () =>
    db.dataSource.query(
      `SELECT 'buyers' AS t, day::text, NULL AS previous_day, customers FROM daily_tiktok_buyer_summary WHERE shop_id = $1
       UNION ALL
       SELECT 'returns', day::text, previous_day::text, customers FROM tiktok_return_summary WHERE shop_id = $1
       ORDER BY 1, 2, 3`,
      [shopId],
    );
  const byImport = await stored();
  expect(byImport).toEqual([
    { t: 'buyers', day: '2025-03-01', previous_day: null, customers: 1 },
    { t: 'buyers', day: '2025-03-04', previous_day: null, customers: 2 },
    { t: 'returns', day: '2025-03-04', previous_day: '2025-03-01', customers: 1 },
  ]);
  // Back to before the buyer summaries' migration (and the ones after it), then forward again.
  const undone = MIGRATIONS.length - MIGRATIONS.indexOf(TikTokBuyerSummaries1764190000000);
  for (let i = 0; i < undone; i++) await db.dataSource.undoLastMigration();
  expect(await db.dataSource.runMigrations()).toHaveLength(undone);
  expect(await stored()).toEqual(byImport);
});

it('fills the per-day store summary from the orders already there when its migration runs', async () => {
  const { shopId, token } = await api.createShop();
  const pine = { line1: '9 Pine St', line2: null, postalCode: '60601' };
  const store = (externalId: string, placedAt: string, status: 'PAID' | 'CANCELLED' = 'PAID') =>
    makeOrder({ externalId, channel: 'WEBSITE', placedAt, status, customer: { externalId: 'st-a', address: pine } });
  const orders = [
    makeOrder({ customer: { externalId: 'tt-a', address: pine }, placedAt: '2025-03-01T12:00:00-06:00' }),
    store('s-1', '2025-03-02T09:00:00-06:00'),
    store('s-2', '2025-03-02T19:00:00-06:00'),
    store('s-3', '2025-03-05T12:00:00-06:00'),
    store('s-4', '2025-03-06T12:00:00-06:00', 'CANCELLED'),
  ];
  expect((await api.gql(IMPORT_MUTATION, { orders }, token)).errors).toBeUndefined();
  const stored = () =>
    db.dataSource.query(
      `SELECT day::text, store_orders, store_net_receipts_cents::text AS cents FROM address_store_day_summary
        WHERE shop_id = $1 ORDER BY day`,
      [shopId],
    );
  const byImport = await stored();
  expect(byImport.map((d: { day: string; store_orders: number }) => [d.day, d.store_orders])).toEqual([
    ['2025-03-02', 2],
    ['2025-03-05', 1],
  ]);
  const undone = MIGRATIONS.length - MIGRATIONS.indexOf(AddressStoreDaySummary1764290000000);
  for (let i = 0; i < undone; i++) await db.dataSource.undoLastMigration();
  expect(await db.dataSource.runMigrations()).toHaveLength(undone);
  expect(await stored()).toEqual(byImport);
});
