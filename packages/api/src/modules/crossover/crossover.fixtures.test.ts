/**
 * Crossover (TikTok buyers who later buy in the shop's own store at the same address) through
 * the GraphQL API over a real PostgreSQL, on a hand-built fixture. Expected values are worked out
 * by hand in the comments; every query passes an explicit `asOf`.
 *
 * Chicago: noon CST (−06:00, before 2025-03-09) = 18:00Z; noon CDT (−05:00) = 17:00Z.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressData, OrderData, OrderStatus, SalesChannel } from '../orders/order-input.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let token: string;

// The same place written differently: suffix, directional, unit designator, case, ZIP+4.
const MAIN_4_TIKTOK = { line1: '123 N Main Street Apt 4', line2: null, postalCode: '60614' };
const MAIN_4_STORE = { line1: '123 north main st #4', line2: null, postalCode: '60614-1234' };
// Same street, another unit.
const MAIN_5 = { line1: '123 N Main St', line2: 'Apt 5', postalCode: '60614' };
const ELM_TIKTOK = { line1: '500 Elm Avenue', postalCode: '60610' };
const ELM_STORE = { line1: '500 Elm Ave', postalCode: '60610' };
const PINE_TIKTOK = { line1: '77 Pine Rd', postalCode: '60601' };
const PINE_STORE = { line1: '77 Pine Road', postalCode: '60601' };
const MAPLE = { line1: '9 Maple Dr', postalCode: '60602' };
const BIRCH = { line1: '31 Birch Ln', postalCode: '60603' };
const BIRCH_LANE = { line1: '31 Birch Lane', postalCode: '60603' };
const CEDAR = { line1: '8 Cedar Ct', postalCode: '60604' };
const SPRUCE = { line1: '4 Spruce St', postalCode: '60606' };
const WILLOW = { line1: '12 Willow Way', postalCode: '60605' };

function noon(day: string): string {
  return `${day}T12:00:00${day < '2025-03-09' ? '-06:00' : '-05:00'}`;
}

function order(
  id: string,
  channel: SalesChannel,
  customer: string,
  at: string,
  address: Partial<AddressData>,
  cents: number,
  status: OrderStatus = 'PAID',
): OrderData {
  return makeOrder({
    externalId: id,
    channel,
    placedAt: at,
    status,
    customer: { externalId: customer, name: `Name of ${customer}`, address: { line2: null, ...address } },
    lines: [{ productExternalId: 'p-1', productName: 'Top', sku: null, quantity: 1, unitPriceCents: cents }],
  });
}

const tiktok = (id: string, customer: string, day: string, address: Partial<AddressData>, cents = 2000) =>
  order(id, 'TIKTOK', customer, noon(day), address, cents);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  token = (await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' })).token;
  const orders: OrderData[] = [
    // T1 at Main #4. st-1 at the same place spelled otherwise: a cancelled order before T1's first
    // TikTok order (not counted, so T1 stays sourced), then 2 store orders after: TWO, 1100 + 1200 = 2300.
    order('s1-x', 'WEBSITE', 'st-1', noon('2025-03-01'), MAIN_4_STORE, 5555, 'CANCELLED'),
    tiktok('t1', 'tt-1', '2025-03-03', MAIN_4_TIKTOK),
    order('s1-a', 'WEBSITE', 'st-1', noon('2025-03-10'), MAIN_4_STORE, 1100),
    order('s1-b', 'APP', 'st-1', noon('2025-04-02'), MAIN_4_STORE, 1200),
    tiktok('t1-b', 'tt-1', '2025-04-15', MAIN_4_TIKTOK, 3000),
    // T2 on the same street, unit 5: st-1's orders at #4 are not its: sourced, NONE.
    tiktok('t2', 'tt-2', '2025-03-04', MAIN_5),
    // T3: a store order at Elm before T3's first TikTok order: not sourced (despite a later one).
    order('s3-a', 'FACEBOOK', 'st-3', noon('2025-02-01'), ELM_STORE, 1300),
    tiktok('t3', 'tt-3', '2025-03-05', ELM_TIKTOK),
    order('s3-b', 'WEBSITE', 'st-3', noon('2025-04-01'), ELM_STORE, 1400),
    // T4 and T5, two TikTok accounts at Pine, both before st-4's orders: both crossover, TWO,
    // 5000 + 3000 = 8000 each; the shop's crossover receipts count those two orders once.
    tiktok('t4', 'tt-4', '2025-04-01', PINE_TIKTOK),
    tiktok('t5', 'tt-5', '2025-04-05', PINE_TIKTOK),
    order('s4-a', 'WEBSITE', 'st-4', noon('2025-04-10'), PINE_STORE, 5000),
    order('s4-b', 'INSTAGRAM', 'st-4', noon('2025-05-01'), PINE_STORE, 3000),
    order('s4-late', 'WEBSITE', 'st-4', noon('2025-07-01'), PINE_STORE, 99999), // after asOf 06-30
    // T6 at Maple: one store order at 23:00 CDT on 06-30 (= 07-01T04:00Z): ONE, 700, crossover date 06-30.
    tiktok('t6', 'tt-6', '2025-05-10', MAPLE),
    order('s6-a', 'OTHER', 'st-6', '2025-06-30T23:00:00-05:00', MAPLE, 700),
    // T7 at Birch: 5 store orders by two store customers (Ln / Lane): THREE_OR_MORE, 100 + … + 500 = 1500.
    tiktok('t7', 'tt-7', '2025-03-20', BIRCH),
    order('s7-a', 'WEBSITE', 'st-7', noon('2025-03-21'), BIRCH, 100),
    order('s7-b', 'APP', 'st-7', noon('2025-03-28'), BIRCH, 200),
    order('s7-c', 'WEBSITE', 'st-7b', noon('2025-04-04'), BIRCH_LANE, 300),
    order('s7-d', 'WEBSITE', 'st-7', noon('2025-04-11'), BIRCH, 400),
    order('s7-e', 'APP', 'st-7b', noon('2025-04-18'), BIRCH_LANE, 500),
    // T8 at Cedar: a store order at the very same instant (noon CDT = 17:00Z): not earlier, so not sourced.
    tiktok('t8', 'tt-8', '2025-05-05', CEDAR),
    order('s8-a', 'WEBSITE', 'st-8', '2025-05-05T17:00:00Z', CEDAR, 800),
    // T9 first ordered at Pine, then moved to Spruce (latest address): no store order there: sourced, NONE.
    tiktok('t9-a', 'tt-9', '2025-03-06', PINE_TIKTOK),
    tiktok('t9-b', 'tt-9', '2025-03-08', SPRUCE),
    // T10 at Willow, no store order: sourced, NONE.
    tiktok('t10', 'tt-10', '2025-05-20', WILLOW),
  ];
  const result = await api.gql(IMPORT_MUTATION, { orders }, token);
  expect(result.errors).toBeUndefined();
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const CROSSOVER = `query ($asOf: Date, $first: Int, $after: String, $from: Date, $to: Date) { shop { tiktokInsights(asOf: $asOf) { crossover {
  sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents formatted }
  orderBreakdown { bucket customers share }
  cumulativeByWeek(from: $from, to: $to) { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
  customers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents }
      customer { id tiktokCustomerId name orders netReceipts { cents } firstOrderAt lastOrderAt address { line1 line2 postalCode } }
    } }
  }
} } } }`;

async function crossover(variables: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await api.gql(CROSSOVER, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!.shop.tiktokInsights.crossover;
}

const customerIds = (c: Record<string, any>): string[] => c.customers.edges.map((e: any) => e.node.customer.tiktokCustomerId);
const weeks = (c: Record<string, any>) =>
  c.cumulativeByWeek.map((w: any) => [w.start, w.end, w.cumulativeSourcedCustomers, w.cumulativeCrossoverCustomers]);

describe('crossover', () => {
  it('finds sourced and crossover customers, buckets them and counts shared store orders once', async () => {
    const c = await crossover({ asOf: '2025-06-30' });
    // Sourced: T1, T2, T4, T5, T6, T7, T9, T10 = 8 (T3 had a store order first; T8's came at the same instant).
    // Crossover: T1, T4, T5, T6, T7 = 5 → 5 / 8 = 0.625.
    expect(c.sourcedCustomers).toBe(8);
    expect(c.crossoverCustomers).toBe(5);
    expect(c.crossoverRate).toBe(0.625);
    // Distinct store orders: T1 2300 + Pine 8000 (shared by T4 and T5, once) + T6 700 + T7 1500 = 12500.
    expect(c.crossoverNonTikTokNetReceipts).toEqual({ cents: 12500, formatted: '$125.00' });
    expect(c.orderBreakdown).toEqual([
      { bucket: 'NONE', customers: 3, share: 0.375 }, // T2, T9, T10
      { bucket: 'ONE', customers: 1, share: 0.125 }, // T6
      { bucket: 'TWO', customers: 3, share: 0.375 }, // T1, T4, T5
      { bucket: 'THREE_OR_MORE', customers: 1, share: 0.125 }, // T7 (5 orders)
    ]);
  });

  it('matches the same place written differently, and not another unit of the same street', async () => {
    const c = await crossover({ asOf: '2025-06-30' });
    const ids = customerIds(c);
    // "123 N Main Street Apt 4" 60614 = "123 north main st #4" 60614-1234: T1 is a crossover.
    expect(ids).toContain('tt-1');
    // "123 N Main St" + "Apt 5": another address; Elm Avenue = Elm Ave but its store order came first;
    // Cedar's store order is not after T8's first order; T9 now lives on Spruce.
    for (const id of ['tt-2', 'tt-3', 'tt-8', 'tt-9', 'tt-10']) expect(ids).not.toContain(id);
    // Pine Rd = Pine Road, Birch Ln = Birch Lane.
    expect([...ids].sort()).toEqual(['tt-1', 'tt-4', 'tt-5', 'tt-6', 'tt-7']);
  });

  it('lists crossover customers latest crossover first, pages with after, and gives each one its figures', async () => {
    const whole = await crossover({ asOf: '2025-06-30', first: 50 });
    expect(whole.customers.totalCount).toBe(5);
    expect(whole.customers.pageInfo.hasNextPage).toBe(false);
    const nodes = whole.customers.edges.map((e: any) => e.node);
    // First crossover orders: T6 07-01T04:00Z, T4 and T5 04-10T17:00Z (the same order), T7 03-21T17:00Z, T1 03-10T17:00Z.
    const ids = customerIds(whole);
    expect(ids[0]).toBe('tt-6');
    expect([...ids.slice(1, 3)].sort()).toEqual(['tt-4', 'tt-5']);
    expect(ids.slice(3)).toEqual(['tt-7', 'tt-1']);
    const byId = new Map<string, any>(nodes.map((n: any) => [n.customer.tiktokCustomerId, n]));
    const figures = (id: string) => {
      const n = byId.get(id);
      return [n.firstTikTokOrderAt, n.firstCrossoverOrderAt, n.nonTikTokOrders, n.nonTikTokNetReceipts.cents];
    };
    expect(figures('tt-1')).toEqual(['2025-03-03T18:00:00.000Z', '2025-03-10T17:00:00.000Z', 2, 2300]);
    // Each of the two Pine accounts counts the two shared store orders.
    expect(figures('tt-4')).toEqual(['2025-04-01T17:00:00.000Z', '2025-04-10T17:00:00.000Z', 2, 8000]);
    expect(figures('tt-5')).toEqual(['2025-04-05T17:00:00.000Z', '2025-04-10T17:00:00.000Z', 2, 8000]);
    expect(figures('tt-6')).toEqual(['2025-05-10T17:00:00.000Z', '2025-07-01T04:00:00.000Z', 1, 700]);
    expect(figures('tt-7')).toEqual(['2025-03-20T17:00:00.000Z', '2025-03-21T17:00:00.000Z', 5, 1500]);
    // The node's customer: T1's two TikTok orders, 2000 + 3000 (03-03 18:00Z and 04-15 17:00Z), latest address.
    const { id, ...t1 } = byId.get('tt-1').customer;
    expect(id).toMatch(/\S/);
    expect(t1).toEqual({
      tiktokCustomerId: 'tt-1',
      name: 'Name of tt-1',
      orders: 2,
      netReceipts: { cents: 5000 },
      firstOrderAt: '2025-03-03T18:00:00.000Z',
      lastOrderAt: '2025-04-15T17:00:00.000Z',
      address: { line1: '123 N Main Street Apt 4', line2: null, postalCode: '60614' },
    });

    // Pages of 2: 2, 2, 1, the last without a next page, together the whole list.
    const seen: string[] = [];
    const hasNext: boolean[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const c = await crossover({ asOf: '2025-06-30', first: 2, after });
      expect(c.customers.totalCount).toBe(5);
      seen.push(...customerIds(c));
      hasNext.push(c.customers.pageInfo.hasNextPage);
      if (!c.customers.pageInfo.hasNextPage) break;
      after = c.customers.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect(hasNext).toEqual([true, true, false]);

    const bad = await api.gql(CROSSOVER, { asOf: '2025-06-30', first: 2, after: 'not-a-cursor' }, token);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('counts only store and TikTok orders up to asOf', async () => {
    // asOf 06-29: s6-a (06-30) is not in: T6 is NONE. 4 of 8; 12500 − 700 = 11800.
    const before = await crossover({ asOf: '2025-06-29' });
    expect([before.sourcedCustomers, before.crossoverCustomers, before.crossoverRate]).toEqual([8, 4, 0.5]);
    expect(before.crossoverNonTikTokNetReceipts.cents).toBe(11800);
    expect(before.orderBreakdown).toEqual([
      { bucket: 'NONE', customers: 4, share: 0.5 },
      { bucket: 'ONE', customers: 0, share: 0 },
      { bucket: 'TWO', customers: 3, share: 0.375 },
      { bucket: 'THREE_OR_MORE', customers: 1, share: 0.125 },
    ]);
    expect(customerIds(before)).not.toContain('tt-6');

    // asOf 07-01: s4-late (99999) is in: T4 and T5 have 3 store orders each, 5000 + 3000 + 99999 = 107999;
    // distinct receipts 2300 + 107999 + 700 + 1500 = 112499.
    const later = await crossover({ asOf: '2025-07-01' });
    expect([later.sourcedCustomers, later.crossoverCustomers]).toEqual([8, 5]);
    expect(later.crossoverNonTikTokNetReceipts.cents).toBe(112499);
    expect(later.orderBreakdown).toEqual([
      { bucket: 'NONE', customers: 3, share: 0.375 },
      { bucket: 'ONE', customers: 1, share: 0.125 }, // T6
      { bucket: 'TWO', customers: 1, share: 0.125 }, // T1
      { bucket: 'THREE_OR_MORE', customers: 3, share: 0.375 }, // T4, T5, T7
    ]);

    // asOf 04-10: sourced T1, T2, T7, T9, T4, T5 = 6 (T6, T8, T10 have no TikTok order yet).
    // Crossover: T1 (03-10, 04-02: 2300), T7 (03-21, 03-28, 04-04: 600), T4 and T5 (04-10, on asOf: 5000).
    const april = await crossover({ asOf: '2025-04-10' });
    expect([april.sourcedCustomers, april.crossoverCustomers]).toEqual([6, 4]);
    expect(april.crossoverRate).toBeCloseTo(4 / 6, 12);
    expect(april.crossoverNonTikTokNetReceipts.cents).toBe(2300 + 600 + 5000);
    expect(april.orderBreakdown.map((b: any) => [b.bucket, b.customers])).toEqual([
      ['NONE', 2], // T2, T9
      ['ONE', 2], // T4, T5
      ['TWO', 1], // T1
      ['THREE_OR_MORE', 1], // T7
    ]);
    const nodes = new Map<string, any>(april.customers.edges.map((e: any) => [e.node.customer.tiktokCustomerId, e.node]));
    expect([...nodes.keys()].sort()).toEqual(['tt-1', 'tt-4', 'tt-5', 'tt-7']);
    expect([nodes.get('tt-7').nonTikTokOrders, nodes.get('tt-7').nonTikTokNetReceipts.cents]).toEqual([3, 600]);
    expect([nodes.get('tt-4').nonTikTokOrders, nodes.get('tt-4').nonTikTokNetReceipts.cents]).toEqual([1, 5000]);
    // The node's customer has its figures up to asOf: T1's 04-15 order is not in yet.
    expect(nodes.get('tt-1').customer).toMatchObject({ orders: 1, netReceipts: { cents: 2000 }, lastOrderAt: '2025-03-03T18:00:00.000Z' });
  });

  it('accumulates sourced and crossover customers week by week from the first TikTok week to the week of asOf', async () => {
    const c = await crossover({ asOf: '2025-06-30' });
    // Sourced on: T1 03-03, T2 03-04, T9 03-06, T7 03-20, T4 04-01, T5 04-05, T6 05-10, T10 05-20.
    // Crossover on: T1 03-10, T7 03-21, T4 and T5 04-10, T6 06-30.
    // Weeks from Mon 03-03 (T1) to the week of Mon 06-30: 126 days = 18 weeks.
    expect(weeks(c)).toEqual([
      ['2025-03-03', '2025-03-09', 3, 0],
      ['2025-03-10', '2025-03-16', 3, 1],
      ['2025-03-17', '2025-03-23', 4, 2],
      ['2025-03-24', '2025-03-30', 4, 2],
      ['2025-03-31', '2025-04-06', 6, 2],
      ['2025-04-07', '2025-04-13', 6, 4],
      ['2025-04-14', '2025-04-20', 6, 4],
      ['2025-04-21', '2025-04-27', 6, 4],
      ['2025-04-28', '2025-05-04', 6, 4],
      ['2025-05-05', '2025-05-11', 7, 4],
      ['2025-05-12', '2025-05-18', 7, 4],
      ['2025-05-19', '2025-05-25', 8, 4],
      ['2025-05-26', '2025-06-01', 8, 4],
      ['2025-06-02', '2025-06-08', 8, 4],
      ['2025-06-09', '2025-06-15', 8, 4],
      ['2025-06-16', '2025-06-22', 8, 4],
      ['2025-06-23', '2025-06-29', 8, 4],
      ['2025-06-30', '2025-07-06', 8, 5],
    ]);
    const rates = [0, 1 / 3, 0.5, 0.5, 1 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 4 / 7, 4 / 7, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.625];
    c.cumulativeByWeek.forEach((w: any, i: number) => expect(w.crossoverRate).toBeCloseTo(rates[i]!, 12));

    // Explicit bounds snap to weeks: Wed 03-05 → Mon 03-03, Tue 03-25 → Sun 03-30.
    const march = await crossover({ asOf: '2025-06-30', from: '2025-03-05', to: '2025-03-25' });
    expect(weeks(march)).toEqual([
      ['2025-03-03', '2025-03-09', 3, 0],
      ['2025-03-10', '2025-03-16', 3, 1],
      ['2025-03-17', '2025-03-23', 4, 2],
      ['2025-03-24', '2025-03-30', 4, 2],
    ]);
    // Weeks before the first order are zeros.
    const early = await crossover({ asOf: '2025-06-30', from: '2025-02-01', to: '2025-02-05' });
    expect(early.cumulativeByWeek).toEqual([
      { start: '2025-01-27', end: '2025-02-02', cumulativeSourcedCustomers: 0, cumulativeCrossoverCustomers: 0, crossoverRate: 0 },
      { start: '2025-02-03', end: '2025-02-09', cumulativeSourcedCustomers: 0, cumulativeCrossoverCustomers: 0, crossoverRate: 0 },
    ]);
    // to before from.
    const inverted = await api.gql(CROSSOVER, { asOf: '2025-06-30', from: '2025-03-10', to: '2025-03-01' }, token);
    expect(inverted.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  // The default cumulativeByWeek ("first TikTok week … asOf's week", spec section 5) covers the whole
  // history; the 520-week limit is for bounds a client asks for.
  it('defaults cumulativeByWeek to the whole history, also beyond 520 weeks', async () => {
    const shop = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const imported = await api.gql(
      IMPORT_MUTATION,
      { orders: [tiktok('old', 'tt-old', '2015-01-05', WILLOW), tiktok('new', 'tt-new', '2025-06-02', SPRUCE)] },
      shop.token,
    );
    expect(imported.errors).toBeUndefined();
    const result = await api.gql(
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { crossover { sourcedCustomers
        cumulativeByWeek { start end cumulativeSourcedCustomers } } } } }`,
      { asOf: '2025-06-30' },
      shop.token,
    );
    expect(result.errors).toBeUndefined();
    const c = result.data!.shop.tiktokInsights.crossover;
    expect(c.sourcedCustomers).toBe(2);
    // Mon 2015-01-05 … Sun 2025-07-06 = 3836 days = 548 weeks.
    expect(c.cumulativeByWeek).toHaveLength(548);
    expect(c.cumulativeByWeek[0]).toEqual({ start: '2015-01-05', end: '2015-01-11', cumulativeSourcedCustomers: 1 });
    expect(c.cumulativeByWeek[547]).toEqual({ start: '2025-06-30', end: '2025-07-06', cumulativeSourcedCustomers: 2 });
  });

  it('takes a store order changed or cancelled after it was imported out of a past asOf, day by day', async () => {
    const shop = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const OAK = { line1: '6 Oak St', postalCode: '60607' };
    const store = (id: string, day: string, cents: number, status: OrderStatus = 'PAID') =>
      order(id, 'WEBSITE', 'st-oak', noon(day), OAK, cents, status);
    const load = async (orders: OrderData[]) => expect((await api.gql(IMPORT_MUTATION, { orders }, shop.token)).errors).toBeUndefined();
    const at = async (asOf: string) => {
      const result = await api.gql(CROSSOVER, { asOf, first: 10 }, shop.token);
      expect(result.errors).toBeUndefined();
      const c = result.data!.shop.tiktokInsights.crossover;
      return {
        crossover: c.crossoverCustomers,
        cents: c.crossoverNonTikTokNetReceipts.cents,
        buckets: c.orderBreakdown.filter((b: any) => b.customers > 0).map((b: any) => b.bucket),
        nodes: c.customers.edges.map((e: any) => [e.node.nonTikTokOrders, e.node.nonTikTokNetReceipts.cents]),
      };
    };
    const days = () =>
      db.dataSource.query(
        `SELECT day::text, store_orders, store_net_receipts_cents::int AS cents FROM address_store_day_summary
          WHERE shop_id = $1 ORDER BY day`,
        [shop.shopId],
      );

    // Two store orders on 03-10, one on 03-20, one on 04-05 (after asOf 03-31).
    await load([tiktok('oak-t', 'tt-oak', '2025-03-01', OAK), store('oak-1', '2025-03-10', 1000), store('oak-2', '2025-03-10', 500),
      store('oak-3', '2025-03-20', 2000), store('oak-4', '2025-04-05', 4000)]);
    expect(await days()).toEqual([
      { day: '2025-03-10', store_orders: 2, cents: 1500 },
      { day: '2025-03-20', store_orders: 1, cents: 2000 },
      { day: '2025-04-05', store_orders: 1, cents: 4000 },
    ]);
    expect(await at('2025-03-31')).toEqual({ crossover: 1, cents: 3500, buckets: ['THREE_OR_MORE'], nodes: [[3, 3500]] });

    // 03-20's order cancelled and 04-05's changed: 03-20's day goes, 04-05's is rewritten.
    await load([store('oak-3', '2025-03-20', 2000, 'CANCELLED'), store('oak-4', '2025-04-05', 4500)]);
    expect(await days()).toEqual([
      { day: '2025-03-10', store_orders: 2, cents: 1500 },
      { day: '2025-04-05', store_orders: 1, cents: 4500 },
    ]);
    expect(await at('2025-03-31')).toEqual({ crossover: 1, cents: 1500, buckets: ['TWO'], nodes: [[2, 1500]] });
    expect(await at('2025-04-05')).toEqual({ crossover: 1, cents: 6000, buckets: ['THREE_OR_MORE'], nodes: [[3, 6000]] });
    expect(await at('2025-03-09')).toEqual({ crossover: 0, cents: 0, buckets: ['NONE'], nodes: [] });
  });
});
