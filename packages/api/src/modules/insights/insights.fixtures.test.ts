/**
 * Hand-built fixtures of the insights graph, read through the GraphQL API over a real
 * PostgreSQL. Every expected value is a literal worked out by hand (the arithmetic is in the
 * comments), and every query passes an explicit `asOf`, so nothing depends on today's date.
 *
 * Chicago offsets used below: CST (−06:00) before 2025-03-09 02:00 and from 2025-11-02 02:00,
 * CDT (−05:00) in between. Noon CST = 18:00Z, noon CDT = 17:00Z.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderLineData } from '../orders/order-input.js';
import { type TestApi } from '../../test-support/api-client.js';
import { fixtureCalls, orderOf as order } from '../../test-support/order-spec.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';

let api: TestApi;
useTestApiPerFile((started) => ({ api } = started));
const { importOrders, read, readError } = fixtureCalls(() => api);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Noon in Chicago on a 2025 day (CST before 03-09, CDT from then to 11-01). */
function noon(day: string): string {
  return `${day}T12:00:00${day >= '2025-03-09' && day < '2025-11-02' ? '-05:00' : '-06:00'}`;
}

const SUMMARY = `totalOrders netReceipts { cents } averageOrderValue { cents } uniqueCustomers aovBelowTarget`;
const POINT = `start end orders netReceipts { cents } allChannelsNetReceipts { cents } nonTikTokNetReceipts { cents }
  tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers`;
const PERIOD = `start end previousStart previousEnd summary { ${SUMMARY} } previous { ${SUMMARY} } series { ${POINT} }`;

interface Summary {
  orders: number;
  net: number;
  aov: number | null;
  unique: number;
  below: boolean;
}

const summary = (s: any): Summary => ({
  orders: s.totalOrders,
  net: s.netReceipts.cents,
  aov: s.averageOrderValue === null ? null : s.averageOrderValue.cents,
  unique: s.uniqueCustomers,
  below: s.aovBelowTarget,
});

interface Point {
  start: string;
  end: string;
  orders: number;
  net: number;
  all: number;
  nonTikTok: number;
  share: number | null;
  unique: number;
  first: number;
  repeat: number;
}

const point = (p: any): Point => ({
  start: p.start,
  end: p.end,
  orders: p.orders,
  net: p.netReceipts.cents,
  all: p.allChannelsNetReceipts.cents,
  nonTikTok: p.nonTikTokNetReceipts.cents,
  share: p.tiktokShare,
  unique: p.uniqueCustomers,
  first: p.firstTimeCustomers,
  repeat: p.repeatCustomers,
});

const ZERO: Summary = { orders: 0, net: 0, aov: null, unique: 0, below: false };

function zeroPoint(start: string, end: string = start): Point {
  return { start, end, orders: 0, net: 0, all: 0, nonTikTok: 0, share: null, unique: 0, first: 0, repeat: 0 };
}

/** A point with TikTok figures only (every receipt is TikTok's). */
function tiktokPoint(start: string, end: string, orders: number, net: number, unique: number, first: number): Point {
  return { start, end, orders, net, all: net, nonTikTok: 0, share: 1, unique, first, repeat: unique - first };
}

const top = (t: any) => [t.rank, t.product.externalId, t.product.name, t.product.sku, t.unitsSold, t.totalSales.cents];

// ---------------------------------------------------------------------------------------------
// Counted orders
// ---------------------------------------------------------------------------------------------

describe('counted orders', () => {
  it('leaves cancelled, unpaid and refunded orders out of every metric, list and crossover figure', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const A = { line1: '10 Elm St', postalCode: '60601' };
    const B = { line1: '20 Oak St', postalCode: '60602' };
    const C = { line1: '30 Pine St', postalCode: '60603' };
    const shirt = (quantity: number, unitPriceCents: number): OrderLineData => ({ productExternalId: 'p-shirt', productName: 'Shirt', sku: 'SH', quantity, unitPriceCents });
    const hat = (quantity: number): OrderLineData => ({ productExternalId: 'p-hat', productName: 'Hat', sku: 'HT', quantity, unitPriceCents: 500 });
    const big: OrderLineData = { productExternalId: 'p-big', productName: 'Big Seller', sku: null, quantity: 50, unitPriceCents: 100 };
    const refundedLater = order({ id: 'z1', customer: 'tt-b', address: B, at: '2025-03-06T15:00:00-06:00', lines: [shirt(4, 2500)] });
    await importOrders(token, [
      // Counted TikTok orders, all on Thu 03-06: 3000 + 2 × 500 + 2000 = 6000.
      order({ id: 't1', customer: 'tt-a', address: A, at: '2025-03-06T12:00:00-06:00', lines: [shirt(1, 3000)] }),
      order({ id: 't2', customer: 'tt-a', address: A, at: '2025-03-06T13:00:00-06:00', status: 'DELIVERED', lines: [hat(2)] }),
      order({ id: 't3', customer: 'tt-b', address: B, at: '2025-03-06T14:00:00-06:00', status: 'SHIPPED', lines: [shirt(1, 2000)] }),
      refundedLater, // 4 × 2500 = 10000, PAID for now
      // TikTok orders never counted.
      order({ id: 'x1', customer: 'tt-a', address: A, at: '2025-03-07T12:00:00-06:00', status: 'REFUNDED', lines: [hat(9)] }),
      order({ id: 'x2', customer: 'tt-c', address: C, at: '2025-03-06T15:00:00-06:00', status: 'CANCELLED', lines: [big] }),
      order({ id: 'x3', customer: 'tt-c', address: C, at: '2025-03-07T15:00:00-06:00', status: 'UNPAID', lines: [big] }),
      order({ id: 'x4', customer: 'tt-c', address: C, at: '2025-02-05T12:00:00-06:00', status: 'REFUNDED', lines: [big] }),
      order({ id: 'x5', customer: 'tt-b', address: B, at: '2025-02-04T12:00:00-06:00', status: 'CANCELLED', lines: [shirt(1, 100)] }),
      // Counted store orders: at A after tt-a's first TikTok order (a crossover), and at C.
      order({ id: 's1', channel: 'WEBSITE', customer: 'st-1', address: A, at: '2025-03-07T12:00:00-06:00', cents: 5000 }),
      order({ id: 's2', channel: 'WEBSITE', customer: 'st-2', address: C, at: '2025-03-08T12:00:00-06:00', cents: 1000 }),
      // Store orders never counted: more at A, and one at B before tt-b's first TikTok order.
      order({ id: 'y2', channel: 'APP', customer: 'st-1', address: A, at: '2025-03-08T12:00:00-06:00', status: 'CANCELLED', cents: 7000 }),
      order({ id: 'y3', channel: 'WEBSITE', customer: 'st-1', address: A, at: '2025-03-08T13:00:00-06:00', status: 'REFUNDED', cents: 7100 }),
      order({ id: 'y4', channel: 'INSTAGRAM', customer: 'st-1', address: A, at: '2025-03-08T14:00:00-06:00', status: 'UNPAID', cents: 7200 }),
      order({ id: 'y5', channel: 'WEBSITE', customer: 'st-3', address: B, at: '2025-03-05T12:00:00-06:00', status: 'CANCELLED', cents: 6000 }),
    ]);

    const ALL_TIME = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { allTime { ${SUMMARY} } } } }`;
    // While z1 is PAID: 6000 + 10000 = 16000 over 4 orders.
    const paid = await read(token, ALL_TIME, { asOf: '2025-03-12' });
    expect(summary(paid.shop.tiktokInsights.allTime)).toEqual({ orders: 4, net: 16000, aov: 4000, unique: 2, below: false });
    // z1 is refunded: it leaves every figure.
    await importOrders(token, [{ ...refundedLater, status: 'REFUNDED' }]);

    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
        allTime { ${SUMMARY} }
        last7Days { ${PERIOD} topProducts { rank unitsSold totalSales { cents } product { externalId name sku } } }
        dateRange { ${PERIOD} topProducts { rank unitsSold totalSales { cents } product { externalId name sku } } }
        customers(first: 50) { totalCount edges { node { tiktokCustomerId orders netReceipts { cents } firstOrderAt lastOrderAt } } }
        crossover {
          sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents }
          orderBreakdown { bucket customers share }
          cumulativeByWeek { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
          customers { totalCount edges { node {
            firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents } customer { tiktokCustomerId }
          } } }
        }
      } } }`,
      { asOf: '2025-03-12' },
    );
    const insights = data.shop.tiktokInsights;

    // Counted TikTok: t1 3000 + t2 1000 + t3 2000 = 6000 over 3 orders → AOV 2000 < 4000; buyers tt-a, tt-b.
    const counted: Summary = { orders: 3, net: 6000, aov: 2000, unique: 2, below: true };
    expect(summary(insights.allTime)).toEqual(counted);
    // last7Days = 03-05 … 03-11 holds them all; the previous 7 days (02-26 … 03-04) nothing.
    expect(summary(insights.last7Days.summary)).toEqual(counted);
    expect(summary(insights.last7Days.previous)).toEqual(ZERO);
    expect(insights.last7Days.series.map(point)).toEqual([
      zeroPoint('2025-03-05'), // y5 is cancelled
      // tt-a and tt-b both have their first counted order here (x5 on 02-04 is cancelled).
      tiktokPoint('2025-03-06', '2025-03-06', 3, 6000, 2, 2),
      // s1 5000 only: x1 (refunded) brings neither an order nor a buyer.
      { ...zeroPoint('2025-03-07'), all: 5000, nonTikTok: 5000, share: 0 },
      // s2 1000 only: y2, y3, y4 are cancelled, refunded, unpaid.
      { ...zeroPoint('2025-03-08'), all: 1000, nonTikTok: 1000, share: 0 },
      zeroPoint('2025-03-09'),
      zeroPoint('2025-03-10'),
      zeroPoint('2025-03-11'),
    ]);

    // Default range: the 6 Monday weeks before asOf's week (03-10): 01-27 … 03-09.
    expect(summary(insights.dateRange.summary)).toEqual(counted);
    expect(summary(insights.dateRange.previous)).toEqual(ZERO);
    expect(insights.dateRange.series.map(point)).toEqual([
      zeroPoint('2025-01-27', '2025-02-02'),
      zeroPoint('2025-02-03', '2025-02-09'), // x4 (refunded) and x5 (cancelled)
      zeroPoint('2025-02-10', '2025-02-16'),
      zeroPoint('2025-02-17', '2025-02-23'),
      zeroPoint('2025-02-24', '2025-03-02'),
      // TikTok 6000 + store 5000 + 1000 = 12000; share 6000 / 12000 = 0.5.
      { start: '2025-03-03', end: '2025-03-09', orders: 3, net: 6000, all: 12000, nonTikTok: 6000, share: 0.5, unique: 2, first: 2, repeat: 0 },
    ]);

    // Shirt: t1 1 + t3 1 = 2 units, 3000 + 2000 = 5000; Hat: t2 2 units, 1000 (x1's 9 and z1's 4 do not count;
    // p-big only has uncounted orders, p-default only store orders).
    const topProducts = [
      [1, 'p-shirt', 'Shirt', 'SH', 2, 5000],
      [2, 'p-hat', 'Hat', 'HT', 2, 1000],
    ];
    expect(insights.last7Days.topProducts.map(top)).toEqual(topProducts);
    expect(insights.dateRange.topProducts.map(top)).toEqual(topProducts);

    // Marketing list: tt-a t1 + t2 = 4000 (12:00 and 13:00 CST), tt-b t3 = 2000 (14:00 CST); tt-c absent.
    expect(insights.customers.totalCount).toBe(2);
    expect(insights.customers.edges.map((e: any) => e.node)).toEqual([
      { tiktokCustomerId: 'tt-a', orders: 2, netReceipts: { cents: 4000 }, firstOrderAt: '2025-03-06T18:00:00.000Z', lastOrderAt: '2025-03-06T19:00:00.000Z' },
      { tiktokCustomerId: 'tt-b', orders: 1, netReceipts: { cents: 2000 }, firstOrderAt: '2025-03-06T20:00:00.000Z', lastOrderAt: '2025-03-06T20:00:00.000Z' },
    ]);

    // Crossover: tt-a sourced (no counted store order at A before 03-06) and crossover by s1 alone (ONE, 5000);
    // tt-b sourced (y5 is cancelled) with no counted store order at B (NONE); tt-c has no counted order at all,
    // so s2 at C makes nobody a crossover. 1 of 2 → 0.5.
    const crossover = insights.crossover;
    expect(crossover).toMatchObject({ sourcedCustomers: 2, crossoverCustomers: 1, crossoverRate: 0.5, crossoverNonTikTokNetReceipts: { cents: 5000 } });
    expect(crossover.orderBreakdown).toEqual([
      { bucket: 'NONE', customers: 1, share: 0.5 },
      { bucket: 'ONE', customers: 1, share: 0.5 },
      { bucket: 'TWO', customers: 0, share: 0 },
      { bucket: 'THREE_OR_MORE', customers: 0, share: 0 },
    ]);
    // From the week of the first counted TikTok order (03-06 → 03-03; x4 on 02-05 does not count) to asOf's week.
    expect(crossover.cumulativeByWeek).toEqual([
      { start: '2025-03-03', end: '2025-03-09', cumulativeSourcedCustomers: 2, cumulativeCrossoverCustomers: 1, crossoverRate: 0.5 },
      { start: '2025-03-10', end: '2025-03-16', cumulativeSourcedCustomers: 2, cumulativeCrossoverCustomers: 1, crossoverRate: 0.5 },
    ]);
    expect(crossover.customers.totalCount).toBe(1);
    expect(crossover.customers.edges.map((e: any) => e.node)).toEqual([
      {
        firstTikTokOrderAt: '2025-03-06T18:00:00.000Z',
        firstCrossoverOrderAt: '2025-03-07T18:00:00.000Z',
        nonTikTokOrders: 1,
        nonTikTokNetReceipts: { cents: 5000 },
        customer: { tiktokCustomerId: 'tt-a' },
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Days and weeks
// ---------------------------------------------------------------------------------------------

const DAILY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { last7Days { start end series { ${POINT} } } } } }`;
const dailyOrders = (data: Record<string, any>) =>
  data.shop.tiktokInsights.last7Days.series.map((p: any) => [p.start, p.orders, p.netReceipts.cents, p.uniqueCustomers]);

describe('days in the shop time zone', () => {
  it('puts a 23:30 order on the spring-forward day (Chicago 2025-03-09) on that day', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [
      order({ id: 'a', customer: 'tt-a', at: '2025-03-09T23:30:00-05:00', cents: 1000 }), // 23:30 CDT on 03-09 = 03-10T04:30Z
      order({ id: 'b', customer: 'tt-b', at: '2025-03-10T04:30:00Z', cents: 2000 }), // the same instant in UTC
      order({ id: 'c', customer: 'tt-c', at: '2025-03-09T01:30:00-06:00', cents: 4000 }), // 01:30 CST, before the jump
      order({ id: 'd', customer: 'tt-d', at: '2025-03-10T05:00:00Z', cents: 8000 }), // 00:00 CDT on 03-10
      order({ id: 'e', customer: 'tt-e', at: '2025-03-09T04:59:00Z', cents: 16000 }), // 22:59 CST on 03-08
    ]);
    // asOf 03-11: last7Days = 03-04 … 03-10.
    const data = await read(token, DAILY, { asOf: '2025-03-11' });
    expect([data.shop.tiktokInsights.last7Days.start, data.shop.tiktokInsights.last7Days.end]).toEqual(['2025-03-04', '2025-03-10']);
    expect(dailyOrders(data)).toEqual([
      ['2025-03-04', 0, 0, 0],
      ['2025-03-05', 0, 0, 0],
      ['2025-03-06', 0, 0, 0],
      ['2025-03-07', 0, 0, 0],
      ['2025-03-08', 1, 16000, 1], // e
      ['2025-03-09', 3, 7000, 3], // a + b + c = 1000 + 2000 + 4000
      ['2025-03-10', 1, 8000, 1], // d
    ]);
    // Sunday 03-09 closes the Monday week 03-03 … 03-09: e + a + b + c = 23000; d opens the next.
    const weeks = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { dateRange(from: "2025-03-03", to: "2025-03-10") { series { ${POINT} } } } } }`,
      { asOf: '2025-03-11' },
    );
    expect(weeks.shop.tiktokInsights.dateRange.series.map((p: any) => [p.start, p.end, p.orders, p.netReceipts.cents])).toEqual([
      ['2025-03-03', '2025-03-09', 4, 23000],
      ['2025-03-10', '2025-03-16', 1, 8000],
    ]);
  });

  it('puts a 23:30 order on the fall-back day (Chicago 2025-11-02) on that day', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [
      order({ id: 'f', customer: 'tt-f', at: '2025-11-02T23:30:00-06:00', cents: 1000 }), // 23:30 CST = 11-03T05:30Z
      order({ id: 'g', customer: 'tt-g', at: '2025-11-03T05:59:59Z', cents: 2000 }), // 23:59:59 CST on 11-02
      order({ id: 'h', customer: 'tt-h', at: '2025-11-03T06:00:00Z', cents: 4000 }), // 00:00 CST on 11-03
      order({ id: 'i', customer: 'tt-i', at: '2025-11-02T01:30:00-05:00', cents: 100 }), // the first 01:30 (CDT) on 11-02
      order({ id: 'j', customer: 'tt-j', at: '2025-11-02T04:59:00Z', cents: 200 }), // 23:59 CDT on 11-01
    ]);
    // asOf 11-04: last7Days = 10-28 … 11-03.
    const data = await read(token, DAILY, { asOf: '2025-11-04' });
    expect(dailyOrders(data)).toEqual([
      ['2025-10-28', 0, 0, 0],
      ['2025-10-29', 0, 0, 0],
      ['2025-10-30', 0, 0, 0],
      ['2025-10-31', 0, 0, 0],
      ['2025-11-01', 1, 200, 1], // j
      ['2025-11-02', 3, 3100, 3], // f + g + i = 1000 + 2000 + 100
      ['2025-11-03', 1, 4000, 1], // h
    ]);
  });
});

describe('weeks', () => {
  // s1 … s6 in both shops; asOf Wed 2025-03-12.
  const fixture = () => [
    order({ id: 's1', customer: 'tt-x', at: noon('2025-03-09'), cents: 1000 }), // Sunday
    order({ id: 's2', customer: 'tt-y', at: noon('2025-03-02'), cents: 2000 }), // Sunday
    order({ id: 's3', customer: 'tt-z', at: noon('2025-03-03'), cents: 4000 }), // Monday
    order({ id: 's4', customer: 'tt-v', at: noon('2025-01-25'), cents: 8000 }), // Saturday
    order({ id: 's5', customer: 'tt-w', at: noon('2025-01-26'), cents: 16000 }), // Sunday
    order({ id: 's6', customer: 'tt-u', at: noon('2025-03-13'), cents: 64000 }), // Thursday, after asOf
  ];
  const RANGE = `query ($asOf: Date, $from: Date, $to: Date) { shop { tiktokInsights(asOf: $asOf) { dateRange(from: $from, to: $to) { ${PERIOD} } } } }`;
  const weekly = (range: any) => range.series.map((p: any) => [p.start, p.end, p.orders, p.netReceipts.cents]);
  let monday: string;
  let sunday: string;

  beforeAll(async () => {
    monday = (await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' })).token;
    sunday = (await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'SUNDAY' })).token;
    await importOrders(monday, fixture());
    await importOrders(sunday, fixture());
  });

  it('defaults to the 6 full Monday weeks before the week of asOf', async () => {
    const range = (await read(monday, RANGE, { asOf: '2025-03-12' })).shop.tiktokInsights.dateRange;
    // asOf's week starts Mon 03-10; 6 weeks before: 01-27 … 03-09; previous: the 6 weeks before, 2024-12-16 … 2025-01-26.
    expect([range.start, range.end, range.previousStart, range.previousEnd]).toEqual(['2025-01-27', '2025-03-09', '2024-12-16', '2025-01-26']);
    expect(weekly(range)).toEqual([
      ['2025-01-27', '2025-02-02', 0, 0],
      ['2025-02-03', '2025-02-09', 0, 0],
      ['2025-02-10', '2025-02-16', 0, 0],
      ['2025-02-17', '2025-02-23', 0, 0],
      ['2025-02-24', '2025-03-02', 1, 2000], // s2: Sunday closes the Monday week
      ['2025-03-03', '2025-03-09', 2, 5000], // s3 + s1 = 4000 + 1000
    ]);
    // 2000 + 5000 = 7000 over 3 = 2333.33 → 2333.
    expect(summary(range.summary)).toEqual({ orders: 3, net: 7000, aov: 2333, unique: 3, below: true });
    // previous: s4 + s5 = 8000 + 16000 = 24000 over 2 = 12000.
    expect(summary(range.previous)).toEqual({ orders: 2, net: 24000, aov: 12000, unique: 2, below: false });
  });

  it('defaults to the 6 full Sunday weeks before the week of asOf', async () => {
    const range = (await read(sunday, RANGE, { asOf: '2025-03-12' })).shop.tiktokInsights.dateRange;
    // asOf's week starts Sun 03-09; 6 weeks before: 01-26 … 03-08; previous 2024-12-15 … 2025-01-25.
    expect([range.start, range.end, range.previousStart, range.previousEnd]).toEqual(['2025-01-26', '2025-03-08', '2024-12-15', '2025-01-25']);
    expect(weekly(range)).toEqual([
      ['2025-01-26', '2025-02-01', 1, 16000], // s5: Sunday opens the Sunday week
      ['2025-02-02', '2025-02-08', 0, 0],
      ['2025-02-09', '2025-02-15', 0, 0],
      ['2025-02-16', '2025-02-22', 0, 0],
      ['2025-02-23', '2025-03-01', 0, 0],
      ['2025-03-02', '2025-03-08', 2, 6000], // s2 + s3 = 2000 + 4000; s1 (Sun 03-09) is in asOf's week
    ]);
    // 16000 + 6000 = 22000 over 3 = 7333.33 → 7333.
    expect(summary(range.summary)).toEqual({ orders: 3, net: 22000, aov: 7333, unique: 3, below: false });
    // previous: s4 only.
    expect(summary(range.previous)).toEqual({ orders: 1, net: 8000, aov: 8000, unique: 1, below: false });
  });

  it('snaps from back to its week start and to forward to its week end, differently in the two shops', async () => {
    const variables = { asOf: '2025-03-12', from: '2025-03-05', to: '2025-03-20' }; // Wed … Thu
    const mon = (await read(monday, RANGE, variables)).shop.tiktokInsights.dateRange;
    // Monday weeks: Wed 03-05 → Mon 03-03, Thu 03-20 → Sun 03-23: 3 weeks; previous 02-10 … 03-02.
    expect([mon.start, mon.end, mon.previousStart, mon.previousEnd]).toEqual(['2025-03-03', '2025-03-23', '2025-02-10', '2025-03-02']);
    expect(weekly(mon)).toEqual([
      ['2025-03-03', '2025-03-09', 2, 5000], // s3 + s1
      ['2025-03-10', '2025-03-16', 0, 0], // s6 (03-13) is after asOf
      ['2025-03-17', '2025-03-23', 0, 0],
    ]);
    expect(summary(mon.summary)).toEqual({ orders: 2, net: 5000, aov: 2500, unique: 2, below: true });
    expect(summary(mon.previous)).toEqual({ orders: 1, net: 2000, aov: 2000, unique: 1, below: true }); // s2

    const sun = (await read(sunday, RANGE, variables)).shop.tiktokInsights.dateRange;
    // Sunday weeks: Wed 03-05 → Sun 03-02, Thu 03-20 → Sat 03-22; previous 02-09 … 03-01.
    expect([sun.start, sun.end, sun.previousStart, sun.previousEnd]).toEqual(['2025-03-02', '2025-03-22', '2025-02-09', '2025-03-01']);
    expect(weekly(sun)).toEqual([
      ['2025-03-02', '2025-03-08', 2, 6000], // s2 + s3
      ['2025-03-09', '2025-03-15', 1, 1000], // s1; s6 is after asOf
      ['2025-03-16', '2025-03-22', 0, 0],
    ]);
    expect(summary(sun.summary)).toEqual({ orders: 3, net: 7000, aov: 2333, unique: 3, below: true });
    expect(summary(sun.previous)).toEqual(ZERO);

    // Bounds already on week edges stay; one day gives its whole week.
    const exact = (await read(monday, RANGE, { asOf: '2025-03-12', from: '2025-03-03', to: '2025-03-09' })).shop.tiktokInsights.dateRange;
    expect(weekly(exact)).toEqual([['2025-03-03', '2025-03-09', 2, 5000]]);
    const oneDay = (await read(sunday, RANGE, { asOf: '2025-03-12', from: '2025-03-05', to: '2025-03-05' })).shop.tiktokInsights.dateRange;
    expect(weekly(oneDay)).toEqual([['2025-03-02', '2025-03-08', 2, 6000]]);
  });

  it('refuses to before from, and more than 520 weeks, as BAD_USER_INPUT naming the argument', async () => {
    const inverted = await readError(monday, RANGE, { asOf: '2025-03-12', from: '2025-03-05', to: '2025-03-04' });
    expect(inverted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });

    // 520 Monday weeks ending Sun 2025-03-09 start Mon 2025-03-10 − 3640 days = 2015-03-23.
    const longest = (await read(monday, `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
      dateRange(from: "2015-03-23", to: "2025-03-09") { start end series { start } } } } }`, { asOf: '2025-03-12' })).shop.tiktokInsights.dateRange;
    expect([longest.start, longest.end, longest.series.length]).toEqual(['2015-03-23', '2025-03-09', 520]);
    // Sun 2015-03-22 snaps back to Mon 2015-03-16: 521 weeks.
    const tooLong = await readError(monday, RANGE, { asOf: '2025-03-12', from: '2015-03-22', to: '2025-03-09' });
    expect(tooLong.extensions!.code).toBe('BAD_USER_INPUT');
    expect(['from', 'to']).toContain(tooLong.extensions!.field);
  });
});

// ---------------------------------------------------------------------------------------------
// Empty shop, AOV, windows, customers per point, TikTok share
// ---------------------------------------------------------------------------------------------

describe('metrics', () => {
  it('answers an empty shop with zeros, null AOV, zero-filled series and empty lists', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
        asOf
        allTime { ${SUMMARY} }
        last7Days { ${PERIOD} topProducts { rank } }
        dateRange { ${PERIOD} topProducts { rank } }
        customers { totalCount pageInfo { hasNextPage endCursor } edges { cursor } }
        crossover {
          sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents formatted }
          orderBreakdown { bucket customers share }
          cumulativeByWeek { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
          customers { totalCount pageInfo { hasNextPage endCursor } edges { cursor } }
        }
      } } }`,
      { asOf: '2025-03-12' },
    );
    const insights = data.shop.tiktokInsights;
    expect(insights.asOf).toBe('2025-03-12');
    expect(summary(insights.allTime)).toEqual(ZERO);
    // last7Days = 03-05 … 03-11, previous 02-26 … 03-04.
    const week = insights.last7Days;
    expect([week.start, week.end, week.previousStart, week.previousEnd]).toEqual(['2025-03-05', '2025-03-11', '2025-02-26', '2025-03-04']);
    expect(summary(week.summary)).toEqual(ZERO);
    expect(summary(week.previous)).toEqual(ZERO);
    expect(week.series.map(point)).toEqual(['05', '06', '07', '08', '09', '10', '11'].map((d) => zeroPoint(`2025-03-${d}`)));
    expect(week.topProducts).toEqual([]);
    // dateRange = 01-27 … 03-09, previous 2024-12-16 … 2025-01-26.
    const range = insights.dateRange;
    expect([range.start, range.end, range.previousStart, range.previousEnd]).toEqual(['2025-01-27', '2025-03-09', '2024-12-16', '2025-01-26']);
    expect(summary(range.summary)).toEqual(ZERO);
    expect(summary(range.previous)).toEqual(ZERO);
    expect(range.series.map(point)).toEqual([
      zeroPoint('2025-01-27', '2025-02-02'),
      zeroPoint('2025-02-03', '2025-02-09'),
      zeroPoint('2025-02-10', '2025-02-16'),
      zeroPoint('2025-02-17', '2025-02-23'),
      zeroPoint('2025-02-24', '2025-03-02'),
      zeroPoint('2025-03-03', '2025-03-09'),
    ]);
    expect(range.topProducts).toEqual([]);
    expect(insights.customers).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    expect(insights.crossover).toEqual({
      sourcedCustomers: 0,
      crossoverCustomers: 0,
      crossoverRate: 0,
      crossoverNonTikTokNetReceipts: { cents: 0, formatted: '$0.00' },
      orderBreakdown: [
        { bucket: 'NONE', customers: 0, share: 0 },
        { bucket: 'ONE', customers: 0, share: 0 },
        { bucket: 'TWO', customers: 0, share: 0 },
        { bucket: 'THREE_OR_MORE', customers: 0, share: 0 },
      ],
      // No TikTok order yet: just the week holding asOf.
      cumulativeByWeek: [
        { start: '2025-03-10', end: '2025-03-16', cumulativeSourcedCustomers: 0, cumulativeCrossoverCustomers: 0, crossoverRate: 0 },
      ],
      customers: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
    });
  });

  it('rounds AOV half up and compares it with the shop aovTarget', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', aovTargetCents: 5000 });
    await importOrders(token, [
      // last7Days (03-05 … 03-11): 5000 + 5001 = 10001 / 2 = 5000.5 → 5001, not below 5000.
      order({ id: 'a1', customer: 'tt-1', at: noon('2025-03-06'), cents: 5000 }),
      order({ id: 'a2', customer: 'tt-2', at: noon('2025-03-06'), cents: 5001 }),
      // previous (02-26 … 03-04): 4999 + 5000 = 9999 / 2 = 4999.5 → 5000, equal to the target: not below.
      order({ id: 'b1', customer: 'tt-3', at: noon('2025-02-27'), cents: 4999 }),
      order({ id: 'b2', customer: 'tt-4', at: noon('2025-02-27'), cents: 5000 }),
      // Week 02-10 … 02-16: 4998 + 4999 = 9997 / 2 = 4998.5 → 4999, below.
      order({ id: 'c1', customer: 'tt-5', at: noon('2025-02-12'), cents: 4998 }),
      order({ id: 'c2', customer: 'tt-6', at: noon('2025-02-12'), cents: 4999 }),
      // Week 01-13 … 01-19: 1000 + 1000 + 1002 = 3002 / 3 = 1000.67 → 1001, below.
      order({ id: 'd1', customer: 'tt-7', at: noon('2025-01-15'), cents: 1000 }),
      order({ id: 'd2', customer: 'tt-8', at: noon('2025-01-15'), cents: 1000 }),
      order({ id: 'd3', customer: 'tt-9', at: noon('2025-01-15'), cents: 1002 }),
    ]);
    const data = await read(
      token,
      `query ($asOf: Date) { shop { aovTarget { cents currency formatted } tiktokInsights(asOf: $asOf) {
        allTime { ${SUMMARY} averageOrderValue { formatted } }
        last7Days { summary { ${SUMMARY} averageOrderValue { formatted } } previous { ${SUMMARY} } }
        w1: dateRange(from: "2025-02-12", to: "2025-02-12") { summary { ${SUMMARY} } previous { ${SUMMARY} } }
        w2: dateRange(from: "2025-01-15", to: "2025-01-15") { summary { ${SUMMARY} } }
      } } }`,
      { asOf: '2025-03-12' },
    );
    expect(data.shop.aovTarget).toEqual({ cents: 5000, currency: 'USD', formatted: '$50.00' });
    const insights = data.shop.tiktokInsights;
    expect(summary(insights.last7Days.summary)).toEqual({ orders: 2, net: 10001, aov: 5001, unique: 2, below: false });
    expect(insights.last7Days.summary.averageOrderValue.formatted).toBe('$50.01');
    expect(summary(insights.last7Days.previous)).toEqual({ orders: 2, net: 9999, aov: 5000, unique: 2, below: false });
    expect(summary(insights.w1.summary)).toEqual({ orders: 2, net: 9997, aov: 4999, unique: 2, below: true });
    expect(summary(insights.w1.previous)).toEqual(ZERO); // 02-03 … 02-09: no orders, null AOV, not below
    expect(summary(insights.w2.summary)).toEqual({ orders: 3, net: 3002, aov: 1001, unique: 3, below: true });
    // allTime: 10001 + 9999 + 9997 + 3002 = 32999 over 9 = 3666.56 → 3667.
    expect(summary(insights.allTime)).toEqual({ orders: 9, net: 32999, aov: 3667, unique: 9, below: true });
    expect(insights.allTime.averageOrderValue.formatted).toBe('$36.67');
  });

  it('takes last7Days as asOf−7 … asOf−1 and its previous period as asOf−14 … asOf−8', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [
      order({ id: 'on-asof', customer: 'tt-1', at: noon('2025-03-12'), cents: 100 }), // asOf: allTime only
      order({ id: 'asof-1', customer: 'tt-2', at: '2025-03-11T23:59:59-05:00', cents: 200 }), // last7Days, last instant
      order({ id: 'asof-7', customer: 'tt-3', at: '2025-03-05T00:00:00-06:00', cents: 400 }), // last7Days, first instant
      order({ id: 'asof-8', customer: 'tt-4', at: '2025-03-04T23:59:00-06:00', cents: 800 }), // previous
      order({ id: 'asof-14', customer: 'tt-5', at: '2025-02-26T00:00:00-06:00', cents: 1600 }), // previous
      order({ id: 'asof-15', customer: 'tt-6', at: noon('2025-02-25'), cents: 3200 }), // allTime only
      order({ id: 'after', customer: 'tt-7', at: noon('2025-03-13'), cents: 6400 }), // after asOf: nowhere
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { asOf allTime { ${SUMMARY} } last7Days { ${PERIOD} } } } }`;
    const insights = (await read(token, QUERY, { asOf: '2025-03-12' })).shop.tiktokInsights;
    expect(insights.asOf).toBe('2025-03-12');
    const week = insights.last7Days;
    expect([week.start, week.end, week.previousStart, week.previousEnd]).toEqual(['2025-03-05', '2025-03-11', '2025-02-26', '2025-03-04']);
    // 400 + 200 = 600 over 2 = 300.
    expect(summary(week.summary)).toEqual({ orders: 2, net: 600, aov: 300, unique: 2, below: true });
    // 800 + 1600 = 2400 over 2 = 1200.
    expect(summary(week.previous)).toEqual({ orders: 2, net: 2400, aov: 1200, unique: 2, below: true });
    expect(week.series.map((p: any) => [p.start, p.netReceipts.cents])).toEqual([
      ['2025-03-05', 400],
      ['2025-03-06', 0],
      ['2025-03-07', 0],
      ['2025-03-08', 0],
      ['2025-03-09', 0],
      ['2025-03-10', 0],
      ['2025-03-11', 200],
    ]);
    // 100 + 200 + 400 + 800 + 1600 + 3200 = 6300 over 6 = 1050 (the 03-13 order is after asOf).
    expect(summary(insights.allTime)).toEqual({ orders: 6, net: 6300, aov: 1050, unique: 6, below: true });

    // One day later: last7Days 03-06 … 03-12 = 200 + 100; previous 02-27 … 03-05 = 800 + 400; allTime + 6400.
    const next = (await read(token, QUERY, { asOf: '2025-03-13' })).shop.tiktokInsights;
    expect(summary(next.last7Days.summary)).toEqual({ orders: 2, net: 300, aov: 150, unique: 2, below: true });
    expect(summary(next.last7Days.previous)).toEqual({ orders: 2, net: 1200, aov: 600, unique: 2, below: true });
    // 6300 + 6400 = 12700 over 7 = 1814.29 → 1814.
    expect(summary(next.allTime)).toEqual({ orders: 7, net: 12700, aov: 1814, unique: 7, below: true });
  });

  it('counts a customer whose first order is before the window as repeat, and first + repeat = unique', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    await importOrders(token, [
      order({ id: 'a1', customer: 'A', at: noon('2025-02-01') }), // A's first order, Sat 02-01, before both windows
      order({ id: 'a2', customer: 'A', at: noon('2025-03-06') }),
      order({ id: 'b1', customer: 'B', at: noon('2025-03-06') }), // B's first order
      order({ id: 'b2', customer: 'B', at: noon('2025-03-07') }),
      order({ id: 'c1', customer: 'C', at: noon('2025-03-07') }), // C's first order
      order({ id: 'd0', customer: 'D', at: noon('2025-03-01'), status: 'CANCELLED' }), // not counted
      order({ id: 'd1', customer: 'D', at: noon('2025-03-07') }), // D's first counted order
      order({ id: 'e1', customer: 'E', at: '2025-03-06T09:00:00-06:00' }), // E: two orders on its first day
      order({ id: 'e2', customer: 'E', at: '2025-03-06T19:00:00-06:00' }),
    ]);
    const insights = (
      await read(token, `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { last7Days { ${PERIOD} } dateRange { ${PERIOD} } } } }`, {
        asOf: '2025-03-12',
      })
    ).shop.tiktokInsights;
    const days = insights.last7Days.series.map((p: any) => [p.start, p.orders, p.uniqueCustomers, p.firstTimeCustomers, p.repeatCustomers]);
    expect(days).toEqual([
      ['2025-03-05', 0, 0, 0, 0],
      ['2025-03-06', 4, 3, 2, 1], // a2, b1, e1, e2: A repeat (first 02-01); B and E first
      ['2025-03-07', 3, 3, 2, 1], // b2, c1, d1: B repeat (first 03-06); C and D first (d0 is cancelled)
      ['2025-03-08', 0, 0, 0, 0],
      ['2025-03-09', 0, 0, 0, 0],
      ['2025-03-10', 0, 0, 0, 0],
      ['2025-03-11', 0, 0, 0, 0],
    ]);
    // 7 orders by A, B, C, D, E.
    expect(summary(insights.last7Days.summary)).toMatchObject({ orders: 7, unique: 5 });
    const weeks = insights.dateRange.series.map((p: any) => [p.start, p.orders, p.uniqueCustomers, p.firstTimeCustomers, p.repeatCustomers]);
    expect(weeks).toEqual([
      ['2025-01-27', 1, 1, 1, 0], // a1: A's first order
      ['2025-02-03', 0, 0, 0, 0],
      ['2025-02-10', 0, 0, 0, 0],
      ['2025-02-17', 0, 0, 0, 0],
      ['2025-02-24', 0, 0, 0, 0], // d0 is cancelled
      ['2025-03-03', 7, 5, 4, 1], // B, C, D, E first this week (B on two days, still first); A repeat
    ]);
    for (const p of [...insights.last7Days.series, ...insights.dateRange.series]) {
      expect(p.firstTimeCustomers + p.repeatCustomers).toBe(p.uniqueCustomers);
    }
  });

  it('splits each point into TikTok and store receipts with the TikTok share', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    await importOrders(token, [
      order({ id: 't-06', customer: 'tt-1', at: noon('2025-03-06'), cents: 3000 }),
      order({ id: 'w-06', channel: 'WEBSITE', customer: 'st-1', at: noon('2025-03-06'), cents: 1000 }),
      order({ id: 'a-07', channel: 'APP', customer: 'st-1', at: noon('2025-03-07'), cents: 2000 }),
      order({ id: 't-08', customer: 'tt-2', at: noon('2025-03-08'), cents: 1000 }),
      order({ id: 'f-08', channel: 'FACEBOOK', customer: 'st-2', at: noon('2025-03-08'), cents: 1500 }),
      order({ id: 'i-08', channel: 'INSTAGRAM', customer: 'st-3', at: noon('2025-03-08'), cents: 500 }),
      order({ id: 'o-08', channel: 'OTHER', customer: 'st-4', at: noon('2025-03-08'), cents: 1000 }),
      order({ id: 'r-09', channel: 'APP', customer: 'st-1', at: noon('2025-03-09'), cents: 500, status: 'REFUNDED' }),
      order({ id: 't-10', customer: 'tt-3', at: noon('2025-03-10'), cents: 2500 }),
    ]);
    const insights = (
      await read(
        token,
        `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
          last7Days { summary { ${SUMMARY} } series { ${POINT} } }
          dateRange(from: "2025-03-03", to: "2025-03-16") { series { ${POINT} } }
        } } }`,
        { asOf: '2025-03-12' },
      )
    ).shop.tiktokInsights;
    expect(insights.last7Days.series.map(point)).toEqual([
      zeroPoint('2025-03-05'),
      // 3000 of 3000 + 1000 = 4000 → 0.75.
      { start: '2025-03-06', end: '2025-03-06', orders: 1, net: 3000, all: 4000, nonTikTok: 1000, share: 0.75, unique: 1, first: 1, repeat: 0 },
      // Store only: 0 of 2000.
      { ...zeroPoint('2025-03-07'), all: 2000, nonTikTok: 2000, share: 0 },
      // TikTok 1000; store 1500 + 500 + 1000 = 3000; 1000 of 4000 = 0.25.
      { start: '2025-03-08', end: '2025-03-08', orders: 1, net: 1000, all: 4000, nonTikTok: 3000, share: 0.25, unique: 1, first: 1, repeat: 0 },
      zeroPoint('2025-03-09'), // only a refunded store order: share null
      tiktokPoint('2025-03-10', '2025-03-10', 1, 2500, 1, 1), // TikTok only: share 1
      zeroPoint('2025-03-11'),
    ]);
    // TikTok only: 3000 + 1000 + 2500.
    expect(summary(insights.last7Days.summary)).toEqual({ orders: 3, net: 6500, aov: 2167, unique: 3, below: true });
    expect(insights.dateRange.series.map(point)).toEqual([
      // TikTok 3000 + 1000 = 4000; store 1000 + 2000 + 3000 = 6000; 4000 of 10000 = 0.4.
      { start: '2025-03-03', end: '2025-03-09', orders: 2, net: 4000, all: 10000, nonTikTok: 6000, share: 0.4, unique: 2, first: 2, repeat: 0 },
      tiktokPoint('2025-03-10', '2025-03-16', 1, 2500, 1, 1),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Top products
// ---------------------------------------------------------------------------------------------

describe('top products', () => {
  it('ranks by units, then total sales, then the latest product name, and cuts at first', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [
      order({
        id: 't1',
        customer: 'tt-1',
        at: noon('2025-03-06'),
        lines: [
          { productExternalId: 'p-scarf', productName: 'Scarf', sku: 'S', quantity: 5, unitPriceCents: 100 },
          { productExternalId: 'p-hat', productName: 'Hat', sku: 'H', quantity: 3, unitPriceCents: 1500 },
          { productExternalId: 'p-z-apron', productName: 'Apron', sku: null, quantity: 3, unitPriceCents: 1000 },
          { productExternalId: 'p-belt', productName: 'Aardvark', sku: 'B-1', quantity: 3, unitPriceCents: 1000 },
          { productExternalId: 'p-zz-beanie', productName: 'Beanie', sku: null, quantity: 1, unitPriceCents: 100 },
          { productExternalId: 'p-aa-cap', productName: 'Cap', sku: null, quantity: 1, unitPriceCents: 100 },
        ],
      }),
      // Not in last7Days: a store order, a cancelled order, an order on Sat 03-01 (before the window).
      order({ id: 'app', channel: 'APP', customer: 'st-1', at: noon('2025-03-06'), lines: [
        { productExternalId: 'p-scarf', productName: 'Scarf', sku: 'S', quantity: 100, unitPriceCents: 100 },
      ] }),
      order({ id: 'x', status: 'CANCELLED', customer: 'tt-2', at: noon('2025-03-06'), lines: [
        { productExternalId: 'p-hat', productName: 'Hat', sku: 'H', quantity: 10, unitPriceCents: 1500 },
      ] }),
      order({ id: 'old', customer: 'tt-3', at: noon('2025-03-01'), lines: [
        { productExternalId: 'p-z-apron', productName: 'Apron', sku: null, quantity: 10, unitPriceCents: 1 },
      ] }),
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
      last7Days {
        all: topProducts { rank unitsSold totalSales { cents } product { externalId name sku } }
        two: topProducts(first: 2) { rank unitsSold totalSales { cents } product { externalId name sku } }
        none: topProducts(first: 0) { rank }
      }
      dateRange(from: "2025-02-24", to: "2025-03-09") { topProducts { rank unitsSold totalSales { cents } product { externalId name sku } } }
    } } }`;

    // Scarf 5 units; Hat, Apron, p-belt 3 units with 3 × 1500 = 4500, 3 × 1000 = 3000, 3 × 1000 = 3000;
    // Beanie and Cap 1 unit, 100 each. Ties of units and sales go by name: "Aardvark" < "Apron", "Beanie" < "Cap".
    const before = (await read(token, QUERY, { asOf: '2025-03-12' })).shop.tiktokInsights;
    expect(before.last7Days.all.map(top)).toEqual([
      [1, 'p-scarf', 'Scarf', 'S', 5, 500],
      [2, 'p-hat', 'Hat', 'H', 3, 4500],
      [3, 'p-belt', 'Aardvark', 'B-1', 3, 3000],
      [4, 'p-z-apron', 'Apron', null, 3, 3000],
      [5, 'p-zz-beanie', 'Beanie', null, 1, 100],
      [6, 'p-aa-cap', 'Cap', null, 1, 100],
    ]);

    // A later import (an order after asOf) renames p-belt to "Belt": it now comes after "Apron".
    await importOrders(token, [
      order({ id: 'later', customer: 'tt-4', at: noon('2025-03-20'), lines: [
        { productExternalId: 'p-belt', productName: 'Belt', sku: 'B-2', quantity: 1, unitPriceCents: 1000 },
      ] }),
    ]);
    const after = (await read(token, QUERY, { asOf: '2025-03-12' })).shop.tiktokInsights;
    expect(after.last7Days.all.map(top)).toEqual([
      [1, 'p-scarf', 'Scarf', 'S', 5, 500],
      [2, 'p-hat', 'Hat', 'H', 3, 4500],
      [3, 'p-z-apron', 'Apron', null, 3, 3000],
      [4, 'p-belt', 'Belt', 'B-2', 3, 3000],
      [5, 'p-zz-beanie', 'Beanie', null, 1, 100],
      [6, 'p-aa-cap', 'Cap', null, 1, 100],
    ]);
    expect(after.last7Days.two.map(top)).toEqual([
      [1, 'p-scarf', 'Scarf', 'S', 5, 500],
      [2, 'p-hat', 'Hat', 'H', 3, 4500],
    ]);
    expect(after.last7Days.none).toEqual([]);
    // Weeks 02-24 … 03-09 also hold "old": Apron 3 + 10 = 13 units, 3000 + 10 × 1 = 3010.
    expect(after.dateRange.topProducts.map(top)).toEqual([
      [1, 'p-z-apron', 'Apron', null, 13, 3010],
      [2, 'p-scarf', 'Scarf', 'S', 5, 500],
      [3, 'p-hat', 'Hat', 'H', 3, 4500],
      [4, 'p-belt', 'Belt', 'B-2', 3, 3000],
      [5, 'p-zz-beanie', 'Beanie', null, 1, 100],
      [6, 'p-aa-cap', 'Cap', null, 1, 100],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// TikTok connection, asOf input, money
// ---------------------------------------------------------------------------------------------

describe('the TikTok connection', () => {
  it('hides tiktokInsights while disconnected and shows the same figures after reconnecting', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [
      order({ id: 't1', customer: 'tt-1', at: noon('2025-03-06'), cents: 2500 }),
      order({ id: 't2', customer: 'tt-2', at: noon('2025-03-07'), cents: 1500 }),
      order({ id: 'w1', channel: 'WEBSITE', customer: 'st-1', at: noon('2025-03-07'), cents: 1000 }),
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktok { connected } tiktokInsights(asOf: $asOf) {
      asOf
      allTime { ${SUMMARY} }
      last7Days { ${PERIOD} topProducts { rank unitsSold product { externalId } } }
      dateRange { ${PERIOD} }
      customers { totalCount edges { node { tiktokCustomerId orders netReceipts { cents } } } }
      crossover { sourcedCustomers crossoverCustomers crossoverRate orderBreakdown { bucket customers share } cumulativeByWeek { start cumulativeSourcedCustomers } }
    } } }`;
    const before = await read(token, QUERY, { asOf: '2025-03-12' });
    // 2500 + 1500 = 4000 over 2 = 2000.
    expect(summary(before.shop.tiktokInsights.allTime)).toEqual({ orders: 2, net: 4000, aov: 2000, unique: 2, below: true });
    expect(before.shop.tiktokInsights.crossover.sourcedCustomers).toBe(2);

    await read(token, `mutation { disconnectTikTok { connected } }`);
    const off = await read(token, QUERY, { asOf: '2025-03-12' });
    expect(off.shop).toEqual({ tiktok: { connected: false }, tiktokInsights: null });
    // Imports keep working while disconnected: an order after asOf.
    await importOrders(token, [order({ id: 't3', customer: 'tt-3', at: noon('2025-03-13'), cents: 3000 })]);

    await read(token, `mutation { connectTikTok { connected } }`);
    expect(await read(token, QUERY, { asOf: '2025-03-12' })).toEqual(before);
    // The order imported while disconnected counts from its day: 4000 + 3000 = 7000 over 3 = 2333.33 → 2333.
    const later = await read(token, QUERY, { asOf: '2025-03-13' });
    expect(summary(later.shop.tiktokInsights.allTime)).toEqual({ orders: 3, net: 7000, aov: 2333, unique: 3, below: true });
  });
});

describe('asOf', () => {
  const BY_VARIABLE = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { asOf } } }`;

  it.each(['2025-02-30', '2025/01/01', '2025-1-1', '20250101', '2025-02-29', ''])('refuses the variable asOf %j as BAD_USER_INPUT', async (asOf) => {
    const { token } = await api.createShop();
    const error = await readError(token, BY_VARIABLE, { asOf });
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it.each(['"2025-02-30"', '"2025/01/01"', '20250101'])('refuses the inline asOf literal %s as BAD_USER_INPUT', async (literal) => {
    const { token } = await api.createShop();
    const error = await readError(token, `{ shop { tiktokInsights(asOf: ${literal}) { asOf } } }`);
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('accepts a leap day', async () => {
    const { token } = await api.createShop();
    const data = await read(token, BY_VARIABLE, { asOf: '2024-02-29' });
    expect(data.shop.tiktokInsights.asOf).toBe('2024-02-29');
  });

  // A day whose week would end after 9999-12-31 cannot be answered: the Date scalar refuses it
  // (BAD_USER_INPUT naming the argument) instead of failing inside.
  it('refuses an asOf past 9998-12-31 with BAD_USER_INPUT, never an internal error', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    await importOrders(token, [order({ id: 'o1', customer: 'tt-1', at: noon('2025-03-06') })]);
    const result = await api.gql(
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { asOf crossover { cumulativeByWeek(from: "9999-12-20") { start } } } } }`,
      { asOf: '9999-12-31' },
      token,
    );
    expect((result.errors ?? []).map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('money', () => {
  it('formats amounts in the shop currency: USD and JPY', async () => {
    const usd = await api.createShop({ timezone: 'America/Chicago', currency: 'USD' });
    // 2 × 45000 + 1 × 33000 = 123000; + tax 950 + shipping 1000 − discount 1200 − credit 300 = 123450.
    await importOrders(usd.token, [
      order({
        id: 'u1',
        customer: 'tt-1',
        at: noon('2025-03-06'),
        lines: [
          { productExternalId: 'coat', productName: 'Coat', sku: null, quantity: 2, unitPriceCents: 45000 },
          { productExternalId: 'boots', productName: 'Boots', sku: null, quantity: 1, unitPriceCents: 33000 },
        ],
        taxCents: 950,
        shippingCents: 1000,
        discountCents: 1200,
        creditCents: 300,
      }),
    ]);
    const QUERY = `query ($asOf: Date) { shop { currency aovTarget { cents currency formatted } tiktokInsights(asOf: $asOf) {
      allTime { netReceipts { cents currency formatted } averageOrderValue { cents currency formatted } }
      last7Days { topProducts(first: 1) { totalSales { cents currency formatted } } }
    } } }`;
    const dollars = (await read(usd.token, QUERY, { asOf: '2025-03-12' })).shop;
    expect(dollars.currency).toBe('USD');
    expect(dollars.aovTarget).toEqual({ cents: 4000, currency: 'USD', formatted: '$40.00' });
    expect(dollars.tiktokInsights.allTime.netReceipts).toEqual({ cents: 123450, currency: 'USD', formatted: '$1,234.50' });
    expect(dollars.tiktokInsights.allTime.averageOrderValue).toEqual({ cents: 123450, currency: 'USD', formatted: '$1,234.50' });
    // Coat: 2 × 45000 = 90000.
    expect(dollars.tiktokInsights.last7Days.topProducts[0].totalSales).toEqual({ cents: 90000, currency: 'USD', formatted: '$900.00' });

    const jpy = await api.createShop({ timezone: 'Asia/Tokyo', currency: 'JPY' });
    // Yen have no minor unit: 5000 is ¥5,000.
    await importOrders(jpy.token, [order({ id: 'j1', customer: 'tt-1', at: '2025-03-06T12:00:00+09:00', cents: 5000 })]);
    const yen = (await read(jpy.token, QUERY, { asOf: '2025-03-12' })).shop;
    expect(yen.currency).toBe('JPY');
    expect(yen.aovTarget).toEqual({ cents: 4000, currency: 'JPY', formatted: '¥4,000' });
    expect(yen.tiktokInsights.allTime.netReceipts).toEqual({ cents: 5000, currency: 'JPY', formatted: '¥5,000' });
    expect(yen.tiktokInsights.allTime.averageOrderValue).toEqual({ cents: 5000, currency: 'JPY', formatted: '¥5,000' });
    expect(yen.tiktokInsights.last7Days.topProducts[0].totalSales).toEqual({ cents: 5000, currency: 'JPY', formatted: '¥5,000' });
  });

  it('keeps cents exact above 2^31', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago' });
    const HOME = { line1: '1 Gold Coast Rd', postalCode: '60610' };
    const gold = (quantity: number, unitPriceCents: number): OrderLineData => ({ productExternalId: 'p-gold', productName: 'Gold', sku: null, quantity, unitPriceCents });
    await importOrders(token, [
      // 100 × 9,999,999 = 999,999,900 + tax 123,456 = 1,000,123,356.
      order({ id: 'L1', customer: 'tt-big', address: HOME, at: noon('2025-03-03'), lines: [gold(100, 9_999_999)], taxCents: 123_456 }),
      // 150 × 10,000,000 = 1,500,000,000 + shipping 1 = 1,500,000,001.
      order({ id: 'L2', customer: 'tt-big', address: HOME, at: noon('2025-03-04'), lines: [gold(150, 10_000_000)], shippingCents: 1 }),
      // 1 × 7 + 10 × 10,000,000 = 100,000,007.
      order({
        id: 'L3',
        customer: 'tt-big',
        address: HOME,
        at: noon('2025-03-05'),
        lines: [{ productExternalId: 'p-pin', productName: 'Pin', sku: null, quantity: 1, unitPriceCents: 7 }, gold(10, 10_000_000)],
      }),
      // A store order at the same address afterwards: 200 × 10,000,000 + shipping 500,000,000 = 2,500,000,000.
      order({ id: 'S1', channel: 'WEBSITE', customer: 'st-big', address: HOME, at: noon('2025-03-06'), lines: [gold(200, 10_000_000)], shippingCents: 500_000_000 }),
    ]);
    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
        allTime { totalOrders netReceipts { cents formatted } averageOrderValue { cents formatted } }
        dateRange(from: "2025-03-03", to: "2025-03-09") {
          series { netReceipts { cents } allChannelsNetReceipts { cents } nonTikTokNetReceipts { cents } tiktokShare }
          topProducts { unitsSold totalSales { cents formatted } product { externalId } }
        }
        customers { edges { node { tiktokCustomerId netReceipts { cents formatted } } } }
        crossover { crossoverNonTikTokNetReceipts { cents formatted } customers { edges { node { nonTikTokNetReceipts { cents } } } } }
      } } }`,
      { asOf: '2025-03-12' },
    );
    const insights = data.shop.tiktokInsights;
    // 1,000,123,356 + 1,500,000,001 + 100,000,007 = 2,600,123,364 (> 2,147,483,647); / 3 = 866,707,788 exactly.
    expect(insights.allTime).toEqual({
      totalOrders: 3,
      netReceipts: { cents: 2_600_123_364, formatted: '$26,001,233.64' },
      averageOrderValue: { cents: 866_707_788, formatted: '$8,667,077.88' },
    });
    // TikTok 2,600,123,364 + store 2,500,000,000 = 5,100,123,364; share 2,600,123,364 / 5,100,123,364 ≈ 0.509816.
    const [week] = insights.dateRange.series;
    expect(week.netReceipts.cents).toBe(2_600_123_364);
    expect(week.allChannelsNetReceipts.cents).toBe(5_100_123_364);
    expect(week.nonTikTokNetReceipts.cents).toBe(2_500_000_000);
    expect(week.tiktokShare).toBeCloseTo(0.509816, 6);
    // Gold: 100 + 150 + 10 = 260 units, 999,999,900 + 1,500,000,000 + 100,000,000 = 2,599,999,900; Pin 1 × 7.
    expect(insights.dateRange.topProducts).toEqual([
      { unitsSold: 260, totalSales: { cents: 2_599_999_900, formatted: '$25,999,999.00' }, product: { externalId: 'p-gold' } },
      { unitsSold: 1, totalSales: { cents: 7, formatted: '$0.07' }, product: { externalId: 'p-pin' } },
    ]);
    expect(insights.customers.edges.map((e: any) => e.node)).toEqual([
      { tiktokCustomerId: 'tt-big', netReceipts: { cents: 2_600_123_364, formatted: '$26,001,233.64' } },
    ]);
    expect(insights.crossover.crossoverNonTikTokNetReceipts).toEqual({ cents: 2_500_000_000, formatted: '$25,000,000.00' });
    expect(insights.crossover.customers.edges.map((e: any) => e.node.nonTikTokNetReceipts.cents)).toEqual([2_500_000_000]);
  });
});
