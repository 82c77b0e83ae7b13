import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadRangeMetrics } from './range-metrics.service.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { type TestApi } from '../../test-support/api-client.js';
import { makeOrder } from '../../test-support/order-factory.js';
import { summariesMatchOrders } from '../../test-support/table-checksum.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { importOrdersOfShop as importOrders } from '../../test-support/import-orders-of-shop.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const day = (n: number) => `2025-01-${String(n).padStart(2, '0')}`;

/** A version of one of a few orders: re-sending an id moves it between days, customers, statuses and channels. */
const orderVersion = fc.record({
  id: fc.integer({ min: 1, max: 10 }),
  customer: fc.integer({ min: 1, max: 4 }),
  day: fc.integer({ min: 1, max: 20 }),
  hour: fc.integer({ min: 8, max: 20 }),
  status: fc.constantFrom('PAID', 'DELIVERED', 'CANCELLED', 'UNPAID'),
  channel: fc.constantFrom('TIKTOK', 'TIKTOK', 'TIKTOK', 'WEBSITE'),
});

const range = fc
  .tuple(fc.integer({ min: 1, max: 21 }), fc.integer({ min: 0, max: 21 }))
  .map(([start, length]) => ({ start: day(start), end: day(Math.min(start + length, 28)) }));

it('keeps every summary and customer total equal to the orders, and unique customers of any range exact, through corrections', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uniqueArray(orderVersion, { minLength: 1, maxLength: 6, selector: (v) => `${v.channel}|${v.id}` }), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.array(range, { minLength: 1, maxLength: 6 }),
      async (batches, ranges) => {
        const { shopId } = await api.createShop({ timezone: 'America/Chicago' });
        for (const batch of batches) {
          const orders = batch.map((v) =>
            makeOrder({
              externalId: `o-${v.id}`,
              channel: v.channel,
              status: v.status,
              placedAt: `${day(v.day)}T${String(v.hour).padStart(2, '0')}:00:00-06:00`,
              customer: { externalId: `${v.channel === 'TIKTOK' ? 'tt' : 'cus'}-${v.customer}`, name: `C ${v.customer}` },
            }),
          );
          await importOrders(db.dataSource, shopId, orders);
          expect(await summariesMatchOrders(db.dataSource, shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
        }
        const metrics = await loadRangeMetrics(new ShopScope(db.dataSource, shopId), ranges);
        const expected: Array<{ n: number }> = await Promise.all(
          ranges.map(async (r) =>
            (
              await db.dataSource.query(
                `SELECT count(DISTINCT customer_id)::int AS n FROM sales_order
                  WHERE shop_id = $1 AND channel = 'TIKTOK' AND counted AND local_day BETWEEN $2 AND $3`,
                [shopId, r.start, r.end],
              )
            )[0],
          ),
        );
        expect(metrics.map((m) => m.uniqueCustomers)).toEqual(expected.map((e) => e.n));
      },
    ),
    { numRuns: 40 },
  );
});
