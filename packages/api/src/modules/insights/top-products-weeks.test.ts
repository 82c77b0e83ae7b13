/**
 * Top products read whole Monday-to-Sunday weeks from the weekly product summary and only the
 * days at a window's ends from the daily one. Every window start (each weekday) and length, with
 * its previous period, gives what the daily summary alone gives.
 */
import { addDays } from '@tiktok-insights/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION } from '../../test-support/order-factory.js';
import { randomOrders } from '../../test-support/random-orders.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import { loadTopProducts, summaryRanges, type TopProductOrder } from './top-products.service.js';

let db: TestDatabase;
let api: TestApi;
let shop: ShopScope;
useTestApiPerFile((started) => ({ db, api } = started));

const FIRST_DAY = '2026-03-02';
const DAYS = 70;

beforeAll(async () => {
  const { shopId, token } = await api.createShop({ timezone: 'America/Chicago' });
  for (const orders of randomOrders({ seed: 31, timeZone: 'America/Chicago', firstDay: FIRST_DAY, days: DAYS, orders: 700 })) {
    expect((await api.gql(IMPORT_MUTATION, { orders }, token)).errors).toBeUndefined();
  }
  shop = new ShopScope(db.dataSource, shopId);
});

/** The window's products from the daily summary alone, ranked as the spec orders them. */
async function reference(start: string, end: string, orderBy: TopProductOrder) {
  const rows: Array<{ product_id: number; units: number; sales: number; name: string; external_id: string }> = await shop.read(
    `SELECT d.product_id, sum(d.units_sold)::bigint AS units, sum(d.total_sales_cents)::bigint AS sales, p.name, p.external_id
       FROM daily_product_summary d JOIN product p ON p.shop_id = d.shop_id AND p.product_id = d.product_id
      WHERE d.shop_id = $1 AND d.day BETWEEN $2::date AND $3::date
      GROUP BY 1, 4, 5 HAVING sum(d.units_sold) > 0`,
    [start, end],
  );
  const key = (r: (typeof rows)[number]) => (orderBy === 'TOTAL_SALES' ? [r.sales, r.units] : [r.units, r.sales]);
  const codePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => key(b)[0]! - key(a)[0]! || key(b)[1]! - key(a)[1]! || codePoints(a.name, b.name) || codePoints(a.external_id, b.external_id));
  return rows.map((r, i) => ({ productId: r.product_id, unitsSold: r.units, totalSalesCents: r.sales, rank: i + 1 }));
}

describe('the product summaries by week and by day', () => {
  it('split a window into its whole weeks and the days around them, covering each day once', () => {
    expect(summaryRanges('2026-11-02', '2026-12-01')).toEqual({
      headStart: '2026-11-02',
      headEnd: '2026-11-01',
      weekFirst: '2026-11-02',
      weekLast: '2026-11-23',
      tailStart: '2026-11-30',
      tailEnd: '2026-12-01',
    });
    // Wednesday to the next Tuesday: no whole week, all days.
    expect(summaryRanges('2026-11-04', '2026-11-10')).toMatchObject({ headStart: '2026-11-04', headEnd: '2026-11-10' });
    for (let offset = 0; offset < 7; offset++) {
      for (let length = 0; length <= 40; length++) {
        const start = addDays('2026-11-02', offset);
        const end = addDays(start, length - 1);
        const r = summaryRanges(start, end);
        const covered: string[] = [];
        for (let day = r.headStart; day <= r.headEnd; day = addDays(day, 1)) covered.push(day);
        for (let week = r.weekFirst; week <= r.weekLast; week = addDays(week, 7)) {
          for (let i = 0; i < 7; i++) covered.push(addDays(week, i));
        }
        for (let day = r.tailStart; day <= r.tailEnd; day = addDays(day, 1)) covered.push(day);
        const expected = Array.from({ length }, (_, i) => addDays(start, i));
        expect(covered, `${start} … ${end}`).toEqual(expected);
      }
    }
  });

  it('rank every window as the daily summary alone does, with its previous period', async () => {
    const requests = [];
    for (let offset = 0; offset < 7; offset++) {
      for (const length of [1, 6, 7, 8, 13, 14, 15, 30, 45]) {
        const start = addDays(FIRST_DAY, 14 + offset);
        const end = addDays(start, length - 1);
        for (const orderBy of ['UNITS_SOLD', 'TOTAL_SALES'] as const) {
          requests.push({ start, end, previousStart: addDays(start, -length), previousEnd: addDays(start, -1), first: 500, orderBy });
        }
      }
    }
    const results = await loadTopProducts(shop, requests);
    let products = 0;
    for (const [i, request] of requests.entries()) {
      const now = await reference(request.start, request.end, request.orderBy);
      const previous = new Map((await reference(request.previousStart, request.previousEnd, request.orderBy)).map((p) => [p.productId, p]));
      const expected = now.map((p) => ({ ...p, previousUnitsSold: previous.get(p.productId)?.unitsSold ?? 0, previousRank: previous.get(p.productId)?.rank ?? null }));
      expect(results[i], `${request.start} … ${request.end} by ${request.orderBy}`).toEqual(expected);
      products += expected.length;
    }
    expect(products).toBeGreaterThan(1000);
  });
});
