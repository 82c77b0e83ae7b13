/**
 * `topProducts(orderBy:)`: the top N by total sales are chosen on the server, not the top N by
 * units re-sorted. The fixture's top 10 by units and top 10 by sales are different sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { observeQueries } from '../../platform/database/query-observer.js';
import type { OrderLineData } from '../orders/order-input.js';
import { type TestApi } from '../../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';

let api: TestApi;
let token: string;
useTestApiPerFile((started) => ({ api } = started));

/** [external id, name, units, unit price]: units × price is each product's total sales. */
const PRODUCTS: Array<[string, string, number, number]> = [
  ['p-clip', 'Hair Clip', 40, 300], // 12,000
  ['p-scrunchie', 'Scrunchie', 35, 200], // 7,000
  ['p-sticker', 'Sticker', 30, 100], // 3,000
  ['p-keychain', 'Keychain', 25, 500], // 12,500
  ['p-socks', 'Socks', 20, 800], // 16,000
  ['p-bracelet', 'Bracelet', 18, 1000], // 18,000
  ['p-tote', 'Tote', 15, 1500], // 22,500
  ['p-mug', 'Mug', 12, 1200], // 14,400
  ['p-candle', 'Candle', 10, 2000], // 20,000
  ['p-earrings', 'Earrings', 9, 2500], // 22,500: the same sales as Tote, fewer units
  ['p-necklace', 'Necklace', 8, 4000], // 32,000
  ['p-z-beret', 'Beret', 5, 2000], // 10,000: the same units and sales as Belt; "Belt" < "Beret"
  ['p-a-belt', 'Belt', 5, 2000], // 10,000
  ['p-dress', 'Silk Dress', 3, 15000], // 45,000
  ['p-bag', 'Leather Bag', 2, 25000], // 50,000
];

const BY_UNITS = ['Hair Clip', 'Scrunchie', 'Sticker', 'Keychain', 'Socks', 'Bracelet', 'Tote', 'Mug', 'Candle', 'Earrings', 'Necklace', 'Belt', 'Beret', 'Silk Dress', 'Leather Bag'];
const BY_SALES = ['Leather Bag', 'Silk Dress', 'Necklace', 'Tote', 'Earrings', 'Candle', 'Bracelet', 'Socks', 'Mug', 'Keychain', 'Hair Clip', 'Belt', 'Beret', 'Scrunchie', 'Sticker'];

const TOP = `rank unitsSold totalSales { cents } product { name }`;
const QUERY = `query ($asOf: Date, $first: Int) { shop { tiktokInsights(asOf: $asOf) { last7Days {
  byDefault: topProducts { ${TOP} }
  byUnits: topProducts(orderBy: UNITS_SOLD) { ${TOP} }
  bySales: topProducts(orderBy: TOTAL_SALES) { ${TOP} }
  allBySales: topProducts(first: $first, orderBy: TOTAL_SALES) { ${TOP} }
  allByUnits: topProducts(first: $first) { ${TOP} }
} } } }`;

interface Top {
  rank: number;
  unitsSold: number;
  totalSales: { cents: number };
  product: { name: string };
}

const names = (list: Top[]) => list.map((t) => t.product.name);

beforeAll(async () => {
  ({ token } = await api.createShop({ timezone: 'America/Chicago' }));
  // Each product's units are spread over two orders on two days of the window, plus a cancelled
  // order and a store order that must count nowhere.
  const lines = (part: (units: number) => number): OrderLineData[] =>
    PRODUCTS.map(([id, name, units, price]) => ({ productExternalId: id, productName: name, sku: null, quantity: part(units), unitPriceCents: price })).filter(
      (line) => line.quantity > 0,
    );
  const orders = [
    makeOrder({ externalId: 'a', placedAt: '2025-03-04T12:00:00-06:00', lines: lines((units) => Math.ceil(units / 2)) }),
    makeOrder({ externalId: 'b', placedAt: '2025-03-06T12:00:00-06:00', lines: lines((units) => Math.floor(units / 2)) }),
    makeOrder({
      externalId: 'cancelled',
      status: 'CANCELLED',
      placedAt: '2025-03-05T12:00:00-06:00',
      lines: [{ productExternalId: 'p-sticker', productName: 'Sticker', sku: null, quantity: 1000, unitPriceCents: 99_999 }],
    }),
    makeOrder({
      externalId: 'store',
      channel: 'WEBSITE',
      placedAt: '2025-03-05T12:00:00-06:00',
      lines: [{ productExternalId: 'p-scrunchie', productName: 'Scrunchie', sku: null, quantity: 1000, unitPriceCents: 99_999 }],
    }),
  ];
  const result = await api.gql(IMPORT_MUTATION, { orders }, token);
  expect(result.errors).toBeUndefined();
});

describe('topProducts(orderBy:)', () => {
  it('picks the top 10 by total sales on the server, ranked by sales, then units, then name', async () => {
    const result = await api.gql(QUERY, { asOf: '2025-03-10', first: 500 }, token);
    expect(result.errors).toBeUndefined();
    const week = result.data!.shop.tiktokInsights.last7Days;

    expect(names(week.byUnits)).toEqual(BY_UNITS.slice(0, 10));
    expect(names(week.bySales)).toEqual(BY_SALES.slice(0, 10));
    // Three of the top 10 by sales are not among the top 10 by units at all.
    expect(names(week.bySales).filter((name) => !names(week.byUnits).includes(name))).toEqual(['Leather Bag', 'Silk Dress', 'Necklace']);

    // rank follows the order asked for, with no gaps or shared ranks.
    expect(week.bySales.map((t: Top) => t.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(week.bySales.slice(0, 5).map((t: Top) => [t.rank, t.product.name, t.unitsSold, t.totalSales.cents])).toEqual([
      [1, 'Leather Bag', 2, 50_000],
      [2, 'Silk Dress', 3, 45_000],
      [3, 'Necklace', 8, 32_000],
      [4, 'Tote', 15, 22_500], // ties Earrings on sales; more units
      [5, 'Earrings', 9, 22_500],
    ]);
    for (let i = 1; i < week.bySales.length; i++) {
      expect(week.bySales[i].totalSales.cents).toBeLessThanOrEqual(week.bySales[i - 1].totalSales.cents);
    }

    // Every product, both ways: Belt and Beret tie on units and sales and go by name.
    expect(names(week.allBySales)).toEqual(BY_SALES);
    expect(names(week.allByUnits)).toEqual(BY_UNITS);
    expect(week.allBySales.map((t: Top) => t.rank)).toEqual(BY_SALES.map((_, i) => i + 1));
  });

  it('keeps the spec order by default (units sold, then total sales, then name)', async () => {
    const result = await api.gql(QUERY, { asOf: '2025-03-10', first: 500 }, token);
    const week = result.data!.shop.tiktokInsights.last7Days;
    expect(week.byDefault).toEqual(week.byUnits);
    expect(week.byDefault.slice(0, 3).map((t: Top) => [t.rank, t.product.name, t.unitsSold, t.totalSales.cents])).toEqual([
      [1, 'Hair Clip', 40, 12_000],
      [2, 'Scrunchie', 35, 7_000],
      [3, 'Sticker', 30, 3_000],
    ]);
  });

  it('answers both orders of every window with one statement for all top-product lists', async () => {
    const statements: string[] = [];
    const stop = observeQueries((sql) => statements.push(sql));
    try {
      const result = await api.gql(QUERY, { asOf: '2025-03-10', first: 500 }, token);
      expect(result.errors).toBeUndefined();
    } finally {
      stop();
    }
    expect(statements.filter((sql) => sql.includes('daily_product_summary'))).toHaveLength(1);
  });

  it('leaves the full dashboard at one top-products statement', async () => {
    const statements: string[] = [];
    const stop = observeQueries((sql) => statements.push(sql));
    try {
      const result = await api.gql(FULL_DASHBOARD_QUERY, { asOf: '2025-03-10', from: '2025-03-03', to: '2025-03-09' }, token);
      expect(result.errors).toBeUndefined();
      expect(names(result.data!.shop.tiktokInsights.dateRange.topProducts)).toEqual(BY_UNITS.slice(0, 10));
    } finally {
      stop();
    }
    expect(statements.filter((sql) => sql.includes('daily_product_summary'))).toHaveLength(1);
  });

  it('refuses an unknown order with BAD_USER_INPUT', async () => {
    const result = await api.gql(`{ shop { tiktokInsights { last7Days { topProducts(orderBy: PRICE) { rank } } } } }`, {}, token);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const variable = await api.gql(
      `query ($o: TopProductOrder) { shop { tiktokInsights { last7Days { topProducts(orderBy: $o) { rank } } } } }`,
      { o: 'PRICE' },
      token,
    );
    expect(variable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
