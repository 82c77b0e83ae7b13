import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShop } from '../shops/shop.service.js';
import { makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { importOrdersOfShop as importOrders } from '../../test-support/import-orders-of-shop.js';
import { crossedStatisticsThreshold, plannerStatisticsRefresh } from './planner-statistics.js';

it('asks for fresh statistics when a shop passes 1,000 × 4^k orders, and not in between', () => {
  expect(crossedStatisticsThreshold(0, 999)).toBe(false);
  expect(crossedStatisticsThreshold(0, 1_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_000, 3_999)).toBe(false);
  expect(crossedStatisticsThreshold(3_999, 4_000)).toBe(true);
  expect(crossedStatisticsThreshold(5_000, 10_000)).toBe(false);
  expect(crossedStatisticsThreshold(10_000, 20_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_020_000, 1_025_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_100_000, 1_105_000)).toBe(false);
  expect(crossedStatisticsThreshold(7, 7)).toBe(false);
});

describe('an import that takes a shop past 1,000 orders', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await plannerStatisticsRefresh();
    await db?.drop();
  });

  it('refreshes the statistics of the order tables', async () => {
    const { shop } = await createShop(db.dataSource, { name: 'Growing', timezone: 'America/Chicago' });
    await importOrders(db.dataSource, shop.id, Array.from({ length: 999 }, () => makeOrder()));
    expect(plannerStatisticsRefresh()).toBeNull();
    await importOrders(db.dataSource, shop.id, [makeOrder()]);
    await plannerStatisticsRefresh();
    const [{ analyzed }] = await db.dataSource.query(
      `SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE relname = 'sales_order'`,
    );
    expect(analyzed).toBe(true);
  });
});
