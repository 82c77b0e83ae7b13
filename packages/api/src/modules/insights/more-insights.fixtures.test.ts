/**
 * Hand-built fixtures of spec section 11 ("More insights"), read through the GraphQL API over a
 * real PostgreSQL: hour of week, cancellations, top products against the previous period,
 * cohorts, and days to crossover. Every expected value is a literal worked out by hand (the
 * arithmetic is in the comments), and every query passes an explicit `asOf`.
 *
 * Chicago offsets used below: CST (−06:00) before 2026-03-08 02:00 and from 2026-11-01 02:00,
 * CDT (−05:00) in between. Noon CST = 18:00Z, noon CDT = 17:00Z.
 * Weekdays of 2026 used below: 03-01 Sun, 03-02 Mon, 03-08 Sun, 04-06 Mon, 04-15 Wed, 06-15 Mon,
 * 10-28 Wed, 11-01 Sun, 11-04 Wed.
 */
import { describe, expect, it } from 'vitest';
import type { AddressData, OrderLineData, OrderStatus } from '../orders/order-input.js';
import { type TestApi } from '../../test-support/api-client.js';
import { fixtureCalls, orderOf as order } from '../../test-support/order-spec.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';

let api: TestApi;
useTestApiPerFile((started) => ({ api } = started));
const { importOrders, read, readError } = fixtureCalls(() => api);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Noon in Chicago on a 2026 day (CST before 03-08, CDT from then to 10-31). */
function noon(day: string): string {
  return `${day}T12:00:00${day >= '2026-03-08' && day < '2026-11-01' ? '-05:00' : '-06:00'}`;
}

/** A place of its own (street and ZIP), so that only the orders meant to share an address do. */
function place(street: string, postalCode: string): Partial<AddressData> {
  return { line1: street, line2: null, postalCode };
}

// Hour of week ---------------------------------------------------------------------------------

const CELL = `weekday hour orders netReceipts { cents }`;

interface Cell {
  weekday: number;
  hour: number;
  orders: number;
  net: number;
}

const cell = (c: any): Cell => ({ weekday: c.weekday, hour: c.hour, orders: c.orders, net: c.netReceipts.cents });

/**
 * The 168 expected cells in the order the API must give them (Monday 0 h, Monday 1 h, …, Sunday
 * 23 h), all zero except the listed [weekday, hour, orders, net receipts].
 */
function expectedCells(filled: Array<[number, number, number, number]>): Cell[] {
  const cells: Cell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      const hit = filled.find(([w, h]) => w === weekday && h === hour);
      cells.push({ weekday, hour, orders: hit?.[2] ?? 0, net: hit?.[3] ?? 0 });
    }
  }
  return cells;
}

// Cancellations --------------------------------------------------------------------------------

const CANCELLATIONS = `cancelledOrders refundedOrders lostNetReceipts { cents } rate`;

interface Cancellations {
  cancelled: number;
  refunded: number;
  lost: number;
  rate: number | null;
}

const cancellations = (c: any): Cancellations => ({
  cancelled: c.cancelledOrders,
  refunded: c.refundedOrders,
  lost: c.lostNetReceipts.cents,
  rate: c.rate,
});

const NO_CANCELLATIONS: Cancellations = { cancelled: 0, refunded: 0, lost: 0, rate: null };

// Top products ---------------------------------------------------------------------------------

const TOP = `rank unitsSold totalSales { cents } previousUnitsSold previousRank product { externalId }`;

/** [rank, product, units, total sales, previous units, previous rank] */
const top = (t: any) => [t.rank, t.product.externalId, t.unitsSold, t.totalSales.cents, t.previousUnitsSold, t.previousRank];

// Cohorts --------------------------------------------------------------------------------------

const COHORT = `start end customers periods { index start end activeCustomers cumulativeCrossoverCustomers }`;

interface CohortRow {
  start: string;
  end: string;
  customers: number;
  /** [index, start, end, active customers, cumulative crossover customers] */
  periods: Array<[number, string, string, number, number]>;
}

const cohort = (c: any): CohortRow => ({
  start: c.start,
  end: c.end,
  customers: c.customers,
  periods: c.periods.map((p: any) => [p.index, p.start, p.end, p.activeCustomers, p.cumulativeCrossoverCustomers]),
});

/** Calendar months of the fixtures, [first day, last day]. */
const MONTHS: Array<[string, string]> = [
  ['2025-05-01', '2025-05-31'],
  ['2025-06-01', '2025-06-30'],
  ['2025-07-01', '2025-07-31'],
  ['2025-08-01', '2025-08-31'],
  ['2025-09-01', '2025-09-30'],
  ['2025-10-01', '2025-10-31'],
  ['2025-11-01', '2025-11-30'],
  ['2025-12-01', '2025-12-31'],
  ['2026-01-01', '2026-01-31'],
  ['2026-02-01', '2026-02-28'],
  ['2026-03-01', '2026-03-31'],
  ['2026-04-01', '2026-04-30'],
  ['2026-05-01', '2026-05-31'],
  ['2026-06-01', '2026-06-30'],
];

/** A cohort of no customer: its months from `first` to `last` (inclusive) are all zero. */
function emptyMonthCohort(first: string, last: string): CohortRow {
  const from = MONTHS.findIndex(([start]) => start === first);
  const to = MONTHS.findIndex(([start]) => start === last);
  return {
    start: MONTHS[from]![0],
    end: MONTHS[from]![1],
    customers: 0,
    periods: MONTHS.slice(from, to + 1).map(([start, end], index) => [index, start, end, 0, 0]),
  };
}

// Days to crossover ----------------------------------------------------------------------------

const LAGS = `crossoverCustomers medianDaysToCrossover daysToCrossover { bucket customers share }`;

const NO_LAGS = [
  { bucket: 'WITHIN_7_DAYS', customers: 0, share: 0 },
  { bucket: 'WITHIN_30_DAYS', customers: 0, share: 0 },
  { bucket: 'WITHIN_90_DAYS', customers: 0, share: 0 },
  { bucket: 'LATER', customers: 0, share: 0 },
];

// ---------------------------------------------------------------------------------------------
// Hour of week
// ---------------------------------------------------------------------------------------------

describe('hourOfWeek', () => {
  it('counts orders by wall-clock weekday and hour in the shop zone; both 1 a.m. hours of the fall-back day are hour 1', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    await importOrders(token, [
      // Sun 11-01: the first 01:30 (CDT, 06:30Z), the second 01:30 (CST, 07:30Z) and 01:59:59 CDT (06:59:59Z).
      order({ id: 'f1', customer: 'tt-1', at: '2026-11-01T01:30:00-05:00', cents: 1000 }),
      order({ id: 'f2', customer: 'tt-2', at: '2026-11-01T01:30:00-06:00', cents: 2000 }),
      order({ id: 'f8', customer: 'tt-8', at: '2026-11-01T06:59:59Z', cents: 8 }),
      // Sun 02:15 CST: 2 × 300 + tax 50 + shipping 100 − discount 200 − credit 150 = 400.
      order({
        id: 'f3',
        customer: 'tt-3',
        at: '2026-11-01T02:15:00-06:00',
        lines: [{ productExternalId: 'p-pin', productName: 'Pin', sku: null, quantity: 2, unitPriceCents: 300 }],
        taxCents: 50,
        shippingCents: 100,
        discountCents: 200,
        creditCents: 150,
      }),
      // Sat 10-31 23:59 CDT (already Sunday 04:59 in UTC).
      order({ id: 'f4', customer: 'tt-4', at: '2026-10-31T23:59:00-05:00', cents: 300 }),
      // Mon 11-02 02:00 CST, written in UTC.
      order({ id: 'f5', customer: 'tt-5', at: '2026-11-02T08:00:00Z', cents: 500 }),
      // The window's first instant (Wed 10-28 00:00 CDT) and its last second (Tue 11-03 23:59:59 CST).
      order({ id: 'f6', customer: 'tt-6', at: '2026-10-28T00:00:00-05:00', cents: 50 }),
      order({ id: 'f7', customer: 'tt-7', at: '2026-11-03T23:59:59-06:00', cents: 70 }),
      // Never in this window's cells: Tue 10-27 23:59 (before it), Wed 11-04 00:00 (asOf's own day), a cancelled,
      // a refunded and an unpaid TikTok order and a store order, all in Sunday's hour 1.
      order({ id: 'x1', customer: 'tt-9', at: '2026-10-27T23:59:00-05:00', cents: 99 }),
      order({ id: 'x2', customer: 'tt-9', at: '2026-11-04T00:00:00-06:00', cents: 99 }),
      order({ id: 'x3', customer: 'tt-9', at: '2026-11-01T01:45:00-05:00', status: 'CANCELLED', cents: 99 }),
      order({ id: 'x4', customer: 'tt-9', at: '2026-11-01T01:45:00-06:00', status: 'REFUNDED', cents: 99 }),
      order({ id: 'x5', customer: 'tt-9', at: '2026-11-01T01:50:00-06:00', status: 'UNPAID', cents: 99 }),
      order({ id: 'x6', channel: 'WEBSITE', customer: 'st-9', at: '2026-11-01T01:45:00-06:00', cents: 99 }),
    ]);
    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { last7Days {
        start end summary { totalOrders netReceipts { cents } } hourOfWeek { ${CELL} }
      } } } }`,
      { asOf: '2026-11-04' },
    );
    const week = data.shop.tiktokInsights.last7Days;
    // asOf Wed 11-04: last7Days = Wed 10-28 … Tue 11-03.
    expect([week.start, week.end]).toEqual(['2026-10-28', '2026-11-03']);
    expect(week.hourOfWeek).toHaveLength(168);
    expect(week.hourOfWeek.map(cell)).toEqual(
      expectedCells([
        [1, 2, 1, 500], // f5
        [2, 23, 1, 70], // f7
        [3, 0, 1, 50], // f6
        [6, 23, 1, 300], // f4
        [7, 1, 3, 3008], // f1 + f2 + f8 = 1000 + 2000 + 8
        [7, 2, 1, 400], // f3
      ]),
    );
    // The cells add up to the window: 8 orders, 500 + 70 + 50 + 300 + 3008 + 400 = 4328.
    expect(week.summary).toEqual({ totalOrders: 8, netReceipts: { cents: 4328 } });
  });

  it('leaves the skipped hour of the spring-forward day empty and stops a date range at asOf', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    await importOrders(token, [
      // Sun 03-08: 01:59 CST is hour 1; 02:00 CST does not exist, clocks show 03:00 CDT.
      order({ id: 's1', customer: 'tt-1', at: '2026-03-08T01:59:00-06:00', cents: 1000 }),
      order({ id: 's2', customer: 'tt-2', at: '2026-03-08T03:00:00-05:00', cents: 2000 }),
      // "02:30 CST" is the instant 08:30Z, which the shop's clocks show as 03:30 CDT: hour 3.
      order({ id: 's3', customer: 'tt-3', at: '2026-03-08T02:30:00-06:00', cents: 400 }),
      // Tue 03-10 23:30 CDT: asOf's own day counts in a date range.
      order({ id: 's4', customer: 'tt-4', at: '2026-03-10T23:30:00-05:00', cents: 800 }),
      // Mon 03-02 00:00 CST: the range's first instant.
      order({ id: 's7', customer: 'tt-7', at: '2026-03-02T00:00:00-06:00', cents: 16 }),
      // Not counted: after asOf (Wed 03-11 00:30), before the range (Sun 03-01 23:00), cancelled, unpaid, a store order.
      order({ id: 's5', customer: 'tt-9', at: '2026-03-11T00:30:00-05:00', cents: 99 }),
      order({ id: 's6', customer: 'tt-9', at: '2026-03-01T23:00:00-06:00', cents: 99 }),
      order({ id: 'sx', customer: 'tt-9', at: '2026-03-08T01:10:00-06:00', status: 'CANCELLED', cents: 99 }),
      order({ id: 'su', customer: 'tt-9', at: '2026-03-08T03:20:00-05:00', status: 'UNPAID', cents: 99 }),
      order({ id: 'ss', channel: 'APP', customer: 'st-9', at: '2026-03-08T03:10:00-05:00', cents: 99 }),
    ]);
    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { dateRange(from: "2026-03-02", to: "2026-03-15") {
        start end hourOfWeek { ${CELL} }
      } } } }`,
      { asOf: '2026-03-10' },
    );
    const range = data.shop.tiktokInsights.dateRange;
    // Monday weeks 03-02 … 03-08 and 03-09 … 03-15, counted up to asOf Tue 03-10.
    expect([range.start, range.end]).toEqual(['2026-03-02', '2026-03-15']);
    const cells = range.hourOfWeek.map(cell);
    expect(cells).toEqual(
      expectedCells([
        [1, 0, 1, 16], // s7
        [2, 23, 1, 800], // s4
        [7, 1, 1, 1000], // s1
        [7, 3, 2, 2400], // s2 + s3 = 2000 + 400
      ]),
    );
    // Sunday 2 a.m. (index 6 × 24 + 2 = 146) has nothing.
    expect(cells[146]).toEqual({ weekday: 7, hour: 2, orders: 0, net: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Cancellations
// ---------------------------------------------------------------------------------------------

describe('cancellations', () => {
  it('counts cancelled and refunded TikTok orders of the window and of the previous period, and follows a refund', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const refundedLater = order({ id: 'z1', customer: 'tt-z', at: noon('2026-04-12'), cents: 6000 });
    await importOrders(token, [
      // Before the current windows.
      order({ id: 'pc0', customer: 'tt-a', at: noon('2026-03-25'), status: 'CANCELLED', cents: 700 }),
      order({ id: 'pc1', customer: 'tt-a', at: noon('2026-04-02'), status: 'CANCELLED', cents: 1200 }),
      order({ id: 'pp1', customer: 'tt-b', at: noon('2026-04-03'), cents: 3000 }),
      order({ id: 'pr1', customer: 'tt-c', at: noon('2026-04-04'), status: 'REFUNDED', cents: 1800 }),
      order({ id: 'pu', customer: 'tt-d', at: noon('2026-04-05'), status: 'UNPAID', cents: 100 }),
      order({ id: 'pp3', customer: 'tt-e', at: noon('2026-04-05'), status: 'DELIVERED', cents: 800 }),
      order({ id: 'ps', channel: 'FACEBOOK', customer: 'st-1', at: noon('2026-04-03'), status: 'CANCELLED', cents: 5000 }),
      order({ id: 'pp2', customer: 'tt-f', at: noon('2026-04-06'), cents: 2000 }),
      // 2 × 1500 + tax 240 + shipping 500 − discount 300 − credit 100 = 3340.
      order({
        id: 'c1',
        customer: 'tt-g',
        at: noon('2026-04-08'),
        status: 'CANCELLED',
        lines: [{ productExternalId: 'p-coat', productName: 'Coat', sku: null, quantity: 2, unitPriceCents: 1500 }],
        taxCents: 240,
        shippingCents: 500,
        discountCents: 300,
        creditCents: 100,
      }),
      // 2500 + tax 200 = 2700.
      order({ id: 'r1', customer: 'tt-h', at: noon('2026-04-09'), status: 'REFUNDED', cents: 2500, taxCents: 200 }),
      order({ id: 'p1', customer: 'tt-i', at: noon('2026-04-10'), cents: 4000 }),
      order({ id: 'sc', channel: 'WEBSITE', customer: 'st-2', at: noon('2026-04-10'), status: 'CANCELLED', cents: 8000 }),
      order({ id: 'p2', customer: 'tt-j', at: noon('2026-04-11'), status: 'SHIPPED', cents: 1500 }),
      order({ id: 'sr', channel: 'APP', customer: 'st-3', at: noon('2026-04-11'), status: 'REFUNDED', cents: 9000 }),
      refundedLater,
      order({ id: 'u1', customer: 'tt-k', at: noon('2026-04-12'), status: 'UNPAID', cents: 7000 }),
      order({ id: 'c2', customer: 'tt-l', at: noon('2026-04-13'), status: 'CANCELLED', cents: 1000 }),
      order({ id: 'p4', customer: 'tt-m', at: noon('2026-04-13'), cents: 700 }),
      order({ id: 'p3', customer: 'tt-n', at: noon('2026-04-14'), status: 'DELIVERED', cents: 500 }),
      order({ id: 'c3', customer: 'tt-o', at: noon('2026-04-15'), status: 'CANCELLED', cents: 450 }), // asOf's day
      // After asOf.
      order({ id: 'c4', customer: 'tt-p', at: noon('2026-04-16'), status: 'CANCELLED', cents: 99999 }),
      order({ id: 'p5', customer: 'tt-q', at: noon('2026-04-17'), cents: 1234 }),
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
      last7Days {
        start end summary { totalOrders netReceipts { cents } }
        cancellations { ${CANCELLATIONS} } previousCancellations { ${CANCELLATIONS} }
      }
      dateRange(from: "2026-04-06", to: "2026-04-15") {
        start end cancellations { ${CANCELLATIONS} } previousCancellations { ${CANCELLATIONS} }
      }
    } } }`;

    // asOf Wed 04-15: last7Days = 04-08 … 04-14, previous 04-01 … 04-07.
    // Date range: Monday weeks 04-06 … 04-19, counted up to 04-15; previous: the 2 weeks 03-23 … 04-05.
    const before = (await read(token, QUERY, { asOf: '2026-04-15' })).shop.tiktokInsights;
    expect([before.last7Days.start, before.last7Days.end]).toEqual(['2026-04-08', '2026-04-14']);
    expect([before.dateRange.start, before.dateRange.end]).toEqual(['2026-04-06', '2026-04-19']);
    // last7Days: cancelled c1, c2; refunded r1; counted p1, p2, z1, p4, p3 (u1 is unpaid, sc and sr are store orders).
    // Lost: 3340 + 1000 + 2700 = 7040; rate (2 + 1) / (2 + 1 + 5) = 3/8.
    expect(cancellations(before.last7Days.cancellations)).toEqual({ cancelled: 2, refunded: 1, lost: 7040, rate: 0.375 });
    // 4000 + 1500 + 6000 + 700 + 500 = 12700 over 5 counted orders.
    expect(before.last7Days.summary).toEqual({ totalOrders: 5, netReceipts: { cents: 12700 } });
    // 04-01 … 04-07: cancelled pc1; refunded pr1; counted pp1, pp3, pp2 (pu unpaid, ps a store order).
    // Lost 1200 + 1800 = 3000; rate 2/5.
    const previousWeek: Cancellations = { cancelled: 1, refunded: 1, lost: 3000, rate: 0.4 };
    expect(cancellations(before.last7Days.previousCancellations)).toEqual(previousWeek);
    // Date range up to 04-15: cancelled c1, c2, c3 (c4 is after asOf); refunded r1; counted pp2, p1, p2, z1, p4, p3.
    // Lost 3340 + 1000 + 450 + 2700 = 7490; rate 4/10.
    expect(cancellations(before.dateRange.cancellations)).toEqual({ cancelled: 3, refunded: 1, lost: 7490, rate: 0.4 });
    // 03-23 … 04-05: cancelled pc0, pc1; refunded pr1; counted pp1, pp3. Lost 700 + 1200 + 1800 = 3700; rate 3/5.
    const previousWeeks: Cancellations = { cancelled: 2, refunded: 1, lost: 3700, rate: 0.6 };
    expect(cancellations(before.dateRange.previousCancellations)).toEqual(previousWeeks);

    // z1 (6000) is refunded: it leaves the counted orders and joins the refunded ones.
    await importOrders(token, [{ ...refundedLater, status: 'REFUNDED' }]);
    const after = (await read(token, QUERY, { asOf: '2026-04-15' })).shop.tiktokInsights;
    // last7Days: refunded r1, z1; lost 7040 + 6000 = 13040; rate 4 / (4 + 4) = 0.5.
    expect(cancellations(after.last7Days.cancellations)).toEqual({ cancelled: 2, refunded: 2, lost: 13040, rate: 0.5 });
    expect(after.last7Days.summary).toEqual({ totalOrders: 4, netReceipts: { cents: 6700 } });
    expect(cancellations(after.last7Days.previousCancellations)).toEqual(previousWeek);
    // Date range: 7490 + 6000 = 13490; rate 5 / (5 + 5) = 0.5.
    expect(cancellations(after.dateRange.cancellations)).toEqual({ cancelled: 3, refunded: 2, lost: 13490, rate: 0.5 });
    expect(cancellations(after.dateRange.previousCancellations)).toEqual(previousWeeks);
  });
});

// ---------------------------------------------------------------------------------------------
// Top products against the previous period
// ---------------------------------------------------------------------------------------------

describe('topProducts previousUnitsSold and previousRank', () => {
  it('gives each product its units and rank of the previous period, ranked among all products sold then', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const line = (id: string, name: string, quantity: number, unitPriceCents: number): OrderLineData => ({
      productExternalId: id,
      productName: name,
      sku: null,
      quantity,
      unitPriceCents,
    });
    const apron = (n: number) => line('p-apron', 'Apron', n, 100);
    const beanie = (n: number) => line('p-beanie', 'Beanie', n, 500);
    const cap = (n: number) => line('p-cap', 'Cap', n, 2000);
    const dress = (n: number) => line('p-dress', 'Dress', n, 3000);
    const gloves = (n: number) => line('p-gloves', 'Gloves', n, 1000);
    const hat = (n: number) => line('p-hat', 'Hat', n, 50000);
    const necklace = (n: number) => line('p-necklace', 'Necklace', n, 300);
    // Current orders on Wed 04-08 and Fri 04-10, previous ones on Wed 04-01 … Sun 04-05: with asOf Wed 04-15,
    // last7Days (04-08 … 04-14, previous 04-01 … 04-07) and the Monday week 04-06 … 04-12 (previous 03-30 … 04-05)
    // hold the same orders.
    await importOrders(token, [
      order({ id: 'o1', customer: 'tt-1', at: noon('2026-04-08'), lines: [apron(6), beanie(6)] }),
      order({ id: 'o2', customer: 'tt-2', at: noon('2026-04-10'), lines: [apron(4), cap(4), necklace(3)] }),
      order({ id: 'ox', customer: 'tt-9', at: noon('2026-04-09'), status: 'CANCELLED', lines: [necklace(100)] }),
      order({ id: 'q1', customer: 'tt-3', at: noon('2026-04-01'), lines: [apron(2), beanie(8), gloves(7)] }),
      order({ id: 'q2', customer: 'tt-4', at: noon('2026-04-03'), lines: [cap(5), dress(5), hat(1)] }),
      // Never counted in the previous period: cancelled, store, unpaid, refunded.
      order({ id: 'q3', customer: 'tt-5', at: noon('2026-04-04'), status: 'CANCELLED', lines: [necklace(50)] }),
      order({ id: 'q4', channel: 'WEBSITE', customer: 'st-1', at: noon('2026-04-05'), lines: [necklace(40)] }),
      order({ id: 'q5', customer: 'tt-6', at: noon('2026-04-02'), status: 'UNPAID', lines: [apron(100)] }),
      order({ id: 'q6', customer: 'tt-7', at: noon('2026-04-03'), status: 'REFUNDED', lines: [gloves(20)] }),
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
      last7Days {
        byUnits: topProducts { ${TOP} }
        two: topProducts(first: 2) { ${TOP} }
        bySales: topProducts(orderBy: TOTAL_SALES) { ${TOP} }
      }
      dateRange(from: "2026-04-06", to: "2026-04-12") {
        byUnits: topProducts { ${TOP} }
        bySales: topProducts(orderBy: TOTAL_SALES) { ${TOP} }
      }
    } } }`;
    const insights = (await read(token, QUERY, { asOf: '2026-04-15' })).shop.tiktokInsights;

    // Now: Apron 6 + 4 = 10 units, 1000; Beanie 6, 3000; Cap 4, 8000; Necklace 3, 900 (ox is cancelled).
    // Before: Beanie 8 units (4000), Gloves 7 (7000), Dress 5 (15000), Cap 5 (10000), Apron 2 (200), Hat 1 (50000).
    // By units, then sales: Beanie 1, Gloves 2, Dress 3, Cap 4 (same units as Dress, less sales), Apron 5, Hat 6.
    const byUnits = [
      [1, 'p-apron', 10, 1000, 2, 5], // up from 5
      [2, 'p-beanie', 6, 3000, 8, 1], // down from 1
      [3, 'p-cap', 4, 8000, 5, 4], // Gloves and Dress, not listed now, still rank above it before
      [4, 'p-necklace', 3, 900, 0, null], // new
    ];
    expect(insights.last7Days.byUnits.map(top)).toEqual(byUnits);
    expect(insights.last7Days.two.map(top)).toEqual(byUnits.slice(0, 2));
    // By sales, then units: now Cap 8000, Beanie 3000, Apron 1000, Necklace 900;
    // before Hat 1, Dress 2, Cap 3, Gloves 4, Beanie 5, Apron 6.
    const bySales = [
      [1, 'p-cap', 4, 8000, 5, 3],
      [2, 'p-beanie', 6, 3000, 8, 5],
      [3, 'p-apron', 10, 1000, 2, 6],
      [4, 'p-necklace', 3, 900, 0, null],
    ];
    expect(insights.last7Days.bySales.map(top)).toEqual(bySales);
    expect(insights.dateRange.byUnits.map(top)).toEqual(byUnits);
    expect(insights.dateRange.bySales.map(top)).toEqual(bySales);
  });
});

// ---------------------------------------------------------------------------------------------
// Cohorts
// ---------------------------------------------------------------------------------------------

describe('cohorts', () => {
  it('groups customers by the month of their first counted order and follows activity and crossover up to a mid-month asOf', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const A = place('1 Ash St', '60601');
    const B = place('2 Birch St', '60602');
    const C = place('3 Cedar St', '60603');
    const D = place('4 Dogwood St', '60604');
    const E = place('5 Elm St', '60605');
    const F = place('6 Fir St', '60606');
    const G = place('7 Gum St', '60607');
    const H = place('8 Hazel St', '60608');
    const Z = place('9 Zelkova St', '60609');
    const tiktok = (id: string, customer: string, address: Partial<AddressData>, at: string, status: OrderStatus = 'PAID') =>
      order({ id, customer, address, at, status });
    const store = (id: string, customer: string, address: Partial<AddressData>, at: string) =>
      order({ id, channel: 'WEBSITE', customer, address, at });
    await importOrders(token, [
      // tt-g: February, active again in March.
      tiktok('g1', 'tt-g', G, noon('2026-02-10')),
      tiktok('g2', 'tt-g', G, noon('2026-03-15')),
      // tt-a: March; active April and June; crossover 04-20 (the first store order at A after 03-05).
      tiktok('a1', 'tt-a', A, noon('2026-03-05')),
      tiktok('a2', 'tt-a', A, noon('2026-04-10')),
      tiktok('a3', 'tt-a', A, noon('2026-06-02')),
      store('as1', 'st-a', A, noon('2026-04-20')),
      store('as2', 'st-a', A, noon('2026-05-05')),
      // tt-b: March; a cancelled April order (not active then); active May; a June order after asOf.
      tiktok('b1', 'tt-b', B, noon('2026-03-20')),
      tiktok('bx', 'tt-b', B, noon('2026-04-12'), 'CANCELLED'),
      tiktok('b2', 'tt-b', B, noon('2026-05-15')),
      tiktok('b3', 'tt-b', B, noon('2026-06-20')),
      // tt-h: March, but a store order at H came first: not TikTok-sourced, so never a crossover.
      store('hs1', 'st-h', H, noon('2026-03-01')),
      tiktok('h1', 'tt-h', H, noon('2026-03-25')),
      store('hs2', 'st-h', H, noon('2026-04-05')),
      // tt-c: its first order (March) is cancelled; first counted 04-03: April; crossover 06-14.
      tiktok('cx', 'tt-c', C, noon('2026-03-10'), 'CANCELLED'),
      tiktok('c1', 'tt-c', C, noon('2026-04-03')),
      tiktok('c2', 'tt-c', C, noon('2026-04-25')),
      store('cs', 'st-c', C, noon('2026-06-14')),
      // tt-d: 04-30 23:30 CDT (05-01 in UTC): April; active June; its store order (06-16) is after asOf.
      tiktok('d1', 'tt-d', D, '2026-04-30T23:30:00-05:00'),
      tiktok('d2', 'tt-d', D, noon('2026-06-10')),
      store('ds', 'st-d', D, noon('2026-06-16')),
      // tt-e: June; crossover on asOf's day (23:00 CDT = 06-16T04:00Z).
      tiktok('e1', 'tt-e', E, '2026-06-01T00:30:00-05:00'),
      store('es', 'st-e', E, '2026-06-15T23:00:00-05:00'),
      // tt-f: first order after asOf.
      tiktok('f1', 'tt-f', F, noon('2026-06-16')),
      // May: nobody new (a store-only customer, an unpaid and a refunded TikTok order).
      store('zs', 'st-z', Z, noon('2026-05-10')),
      tiktok('zu', 'tt-u', Z, noon('2026-05-11'), 'UNPAID'),
      tiktok('zr', 'tt-r', Z, noon('2026-05-12'), 'REFUNDED'),
    ]);
    const QUERY = `query ($asOf: Date, $first: Int) { shop { tiktokInsights(asOf: $asOf) {
      byDefault: cohorts { ${COHORT} }
      months: cohorts(by: MONTH, first: $first) { ${COHORT} }
    } } }`;

    // March: tt-a, tt-b, tt-h. Active: March all 3; April tt-a; May tt-b; June (to 06-15) tt-a.
    // Crossover: tt-a from 04-20 (tt-h is not sourced).
    const march: CohortRow = {
      start: '2026-03-01',
      end: '2026-03-31',
      customers: 3,
      periods: [
        [0, '2026-03-01', '2026-03-31', 3, 0],
        [1, '2026-04-01', '2026-04-30', 1, 1],
        [2, '2026-05-01', '2026-05-31', 1, 1],
        [3, '2026-06-01', '2026-06-30', 1, 1],
      ],
    };
    // April: tt-c, tt-d. Active: April both; May none; June tt-d. Crossover: tt-c on 06-14 (tt-d's is after asOf).
    const april: CohortRow = {
      start: '2026-04-01',
      end: '2026-04-30',
      customers: 2,
      periods: [
        [0, '2026-04-01', '2026-04-30', 2, 0],
        [1, '2026-05-01', '2026-05-31', 0, 0],
        [2, '2026-06-01', '2026-06-30', 1, 1],
      ],
    };
    // June: tt-e (tt-f is after asOf), a crossover on 06-15 = asOf.
    const june: CohortRow = { start: '2026-06-01', end: '2026-06-30', customers: 1, periods: [[0, '2026-06-01', '2026-06-30', 1, 1]] };

    const mid = (await read(token, QUERY, { asOf: '2026-06-15', first: 4 })).shop.tiktokInsights;
    expect(mid.months.map(cohort)).toEqual([march, april, emptyMonthCohort('2026-05-01', '2026-06-01'), june]);
    // By default: MONTH, the 12 months 2025-07 … 2026-06. February: tt-g, active in February and March.
    expect(mid.byDefault.map(cohort)).toEqual([
      emptyMonthCohort('2025-07-01', '2026-06-01'),
      emptyMonthCohort('2025-08-01', '2026-06-01'),
      emptyMonthCohort('2025-09-01', '2026-06-01'),
      emptyMonthCohort('2025-10-01', '2026-06-01'),
      emptyMonthCohort('2025-11-01', '2026-06-01'),
      emptyMonthCohort('2025-12-01', '2026-06-01'),
      emptyMonthCohort('2026-01-01', '2026-06-01'),
      {
        start: '2026-02-01',
        end: '2026-02-28',
        customers: 1,
        periods: [
          [0, '2026-02-01', '2026-02-28', 1, 0],
          [1, '2026-03-01', '2026-03-31', 1, 0],
          [2, '2026-04-01', '2026-04-30', 0, 0],
          [3, '2026-05-01', '2026-05-31', 0, 0],
          [4, '2026-06-01', '2026-06-30', 0, 0],
        ],
      },
      march,
      april,
      emptyMonthCohort('2026-05-01', '2026-06-01'),
      june,
    ]);

    // At the end of June: tt-f joins June, and tt-d's store order of 06-16 makes it a crossover too.
    const end = (await read(token, QUERY, { asOf: '2026-06-30', first: 3 })).shop.tiktokInsights;
    expect(end.months.map(cohort)).toEqual([
      { ...april, periods: [april.periods[0], april.periods[1], [2, '2026-06-01', '2026-06-30', 1, 2]] },
      emptyMonthCohort('2026-05-01', '2026-06-01'),
      { ...june, customers: 2, periods: [[0, '2026-06-01', '2026-06-30', 2, 1]] }, // tt-e, tt-f; crossover tt-e
    ]);
  });

  it('uses the shop week (Sunday or Monday) for WEEK cohorts', async () => {
    const sunday = (await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'SUNDAY' })).token;
    const monday = (await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' })).token;
    const W1 = place('11 Oak St', '60611');
    const W2 = place('12 Oak St', '60612');
    const W3 = place('13 Oak St', '60613');
    const W4 = place('14 Oak St', '60614');
    const W5 = place('15 Oak St', '60615');
    const fixture = () => [
      // w1: Sun 02-22 00:10; store order at W1 Sat 02-28 23:30 CST (03-01 in UTC): crossover 02-28; again Sat 03-07.
      order({ id: 'w1a', customer: 'tt-w1', address: W1, at: '2026-02-22T00:10:00-06:00' }),
      order({ id: 'w1s', channel: 'WEBSITE', customer: 'st-w1', address: W1, at: '2026-02-28T23:30:00-06:00' }),
      order({ id: 'w1b', customer: 'tt-w1', address: W1, at: noon('2026-03-07') }),
      // w2: Sat 02-28; again Sun 03-08 01:30 CST (before the clocks jump).
      order({ id: 'w2a', customer: 'tt-w2', address: W2, at: noon('2026-02-28') }),
      order({ id: 'w2b', customer: 'tt-w2', address: W2, at: '2026-03-08T01:30:00-06:00' }),
      // w3: Sun 03-08 03:30 CDT; store order at W3 on Wed 03-11 (asOf): crossover 03-11.
      order({ id: 'w3a', customer: 'tt-w3', address: W3, at: '2026-03-08T03:30:00-05:00' }),
      order({ id: 'w3s', channel: 'APP', customer: 'st-w3', address: W3, at: noon('2026-03-11') }),
      // w4: Sat 02-21 (before the weeks asked for), again Tue 03-03.
      order({ id: 'w4a', customer: 'tt-w4', address: W4, at: noon('2026-02-21') }),
      order({ id: 'w4b', customer: 'tt-w4', address: W4, at: noon('2026-03-03') }),
      // w5: after asOf.
      order({ id: 'w5a', customer: 'tt-w5', address: W5, at: noon('2026-03-12') }),
    ];
    await importOrders(sunday, fixture());
    await importOrders(monday, fixture());
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { cohorts(by: WEEK, first: 3) { ${COHORT} } } } }`;

    // Sunday weeks up to asOf Wed 03-11: 02-22 … 02-28, 03-01 … 03-07, 03-08 … 03-14.
    const sun = (await read(sunday, QUERY, { asOf: '2026-03-11' })).shop.tiktokInsights.cohorts;
    expect(sun.map(cohort)).toEqual([
      {
        start: '2026-02-22',
        end: '2026-02-28',
        customers: 2, // w1, w2
        periods: [
          [0, '2026-02-22', '2026-02-28', 2, 1], // w1 crossed over on 02-28
          [1, '2026-03-01', '2026-03-07', 1, 1], // w1
          [2, '2026-03-08', '2026-03-14', 1, 1], // w2
        ],
      },
      {
        start: '2026-03-01',
        end: '2026-03-07',
        customers: 0, // w4's first order is in the week before
        periods: [
          [0, '2026-03-01', '2026-03-07', 0, 0],
          [1, '2026-03-08', '2026-03-14', 0, 0],
        ],
      },
      // w3, crossed over on asOf (w5 is after it).
      { start: '2026-03-08', end: '2026-03-14', customers: 1, periods: [[0, '2026-03-08', '2026-03-14', 1, 1]] },
    ]);

    // Monday weeks: 02-23 … 03-01, 03-02 … 03-08, 03-09 … 03-15; w1 and w4 start in the week of 02-16.
    const mon = (await read(monday, QUERY, { asOf: '2026-03-11' })).shop.tiktokInsights.cohorts;
    expect(mon.map(cohort)).toEqual([
      {
        start: '2026-02-23',
        end: '2026-03-01',
        customers: 1, // w2
        periods: [
          [0, '2026-02-23', '2026-03-01', 1, 0],
          [1, '2026-03-02', '2026-03-08', 1, 0], // w2 on Sun 03-08
          [2, '2026-03-09', '2026-03-15', 0, 0],
        ],
      },
      {
        start: '2026-03-02',
        end: '2026-03-08',
        customers: 1, // w3
        periods: [
          [0, '2026-03-02', '2026-03-08', 1, 0],
          [1, '2026-03-09', '2026-03-15', 0, 1], // crossover on 03-11
        ],
      },
      { start: '2026-03-09', end: '2026-03-15', customers: 0, periods: [[0, '2026-03-09', '2026-03-15', 0, 0]] },
    ]);
  });

  it('refuses a first below 1 or above 120 as BAD_USER_INPUT naming first', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const QUERY = `query ($asOf: Date, $by: CohortPeriod, $first: Int) { shop { tiktokInsights(asOf: $asOf) {
      cohorts(by: $by, first: $first) { start periods { index } }
    } } }`;
    for (const by of ['MONTH', 'WEEK']) {
      for (const first of [0, 121]) {
        const error = await readError(token, QUERY, { asOf: '2026-04-15', by, first });
        expect(error.extensions, `${by} first ${first}`).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      const negative = await readError(token, QUERY, { asOf: '2026-04-15', by, first: -1 });
      expect(negative.extensions!.code).toBe('BAD_USER_INPUT');
    }
    // 120 is accepted: 120 months up to April 2026 start with May 2016; 120 Monday weeks up to the week of
    // 04-13 start 119 × 7 = 833 days earlier, on Mon 2024-01-01.
    const months = (await read(token, QUERY, { asOf: '2026-04-15', by: 'MONTH', first: 120 })).shop.tiktokInsights.cohorts;
    expect([months.length, months[0].start, months[0].periods.length, months[119].start]).toEqual([120, '2016-05-01', 120, '2026-04-01']);
    const weeks = (await read(token, QUERY, { asOf: '2026-04-15', by: 'WEEK', first: 120 })).shop.tiktokInsights.cohorts;
    expect([weeks.length, weeks[0].start, weeks[0].periods.length, weeks[119].start]).toEqual([120, '2024-01-01', 120, '2026-04-13']);
  });
});

// ---------------------------------------------------------------------------------------------
// Days to crossover
// ---------------------------------------------------------------------------------------------

describe('days to crossover', () => {
  it('takes the median and buckets of calendar days from the first TikTok order to the crossover', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    /** A TikTok customer `tt-<key>` and a store customer `st-<key>` at one address of their own. */
    const pair = (key: string, zip: string) => {
      const address = place(`${zip} Lag St`, zip);
      return {
        tiktok: (id: string, at: string, status: OrderStatus = 'PAID') => order({ id, customer: `tt-${key}`, address, at, status }),
        store: (id: string, at: string, status: OrderStatus = 'PAID') => order({ id, channel: 'WEBSITE', customer: `st-${key}`, address, at, status }),
      };
    };
    const k0 = pair('k0', '60700');
    const k1 = pair('k1', '60701');
    const k7 = pair('k7', '60707');
    const k8 = pair('k8', '60708');
    const k13 = pair('k13', '60713');
    const k30 = pair('k30', '60730');
    const k31 = pair('k31', '60731');
    const k90 = pair('k90', '60790');
    const k91 = pair('k91', '60791');
    const kx = pair('kx', '60780');
    const kn = pair('kn', '60781');
    const kc = pair('kc', '60782');
    await importOrders(token, [
      // 0 days: 10:00 and 15:00 on 01-05.
      k0.tiktok('k0-t', '2026-01-05T10:00:00-06:00'),
      k0.store('k0-s', '2026-01-05T15:00:00-06:00'),
      // 1 day: 23:30 on 01-05, 00:30 on 01-06 (the same UTC day, one hour apart).
      k1.tiktok('k1-t', '2026-01-05T23:30:00-06:00'),
      k1.store('k1-s', '2026-01-06T00:30:00-06:00'),
      // 7 days: 00:10 on 01-06, 23:50 on 01-13 (01-14 in UTC); a later store order changes nothing.
      k7.tiktok('k7-t', '2026-01-06T00:10:00-06:00'),
      k7.store('k7-s', '2026-01-13T23:50:00-06:00'),
      k7.store('k7-s2', noon('2026-03-01')),
      // 8 days: 23:00 on 01-06 (01-07 in UTC), 01:00 on 01-14: 7 days and 2 hours apart. An earlier cancelled
      // TikTok order is not the first order.
      k8.tiktok('k8-x', noon('2026-01-01'), 'CANCELLED'),
      k8.tiktok('k8-t', '2026-01-06T23:00:00-06:00'),
      k8.store('k8-s', '2026-01-14T01:00:00-06:00'),
      // 13 days: 01-08 → 01-21; the cancelled store order of 01-10 is not the crossover.
      k13.tiktok('k13-t', noon('2026-01-08')),
      k13.store('k13-x', noon('2026-01-10'), 'CANCELLED'),
      k13.store('k13-s', noon('2026-01-21')),
      // 30 days: 01-10 → 02-09 (21 days to 01-31, then 9); 31 days: 01-10 → 02-10.
      k30.tiktok('k30-t', noon('2026-01-10')),
      k30.store('k30-s', noon('2026-02-09')),
      k31.tiktok('k31-t', noon('2026-01-10')),
      k31.store('k31-s', noon('2026-02-10')),
      // 90 days: 01-02 → 04-02 (31 + 28 + 31), noon CST to noon CDT, 89 days 23 hours apart.
      k90.tiktok('k90-t', noon('2026-01-02')),
      k90.store('k90-s', noon('2026-04-02')),
      // 91 days: 01-02 noon CST → 04-03 11:30 CDT, 90 days 22.5 hours apart.
      k91.tiktok('k91-t', noon('2026-01-02')),
      k91.store('k91-s', '2026-04-03T11:30:00-05:00'),
      // Not a crossover: a store order at kx came first; kn has no store order; kc's is cancelled.
      kx.store('kx-s1', noon('2026-01-01')),
      kx.tiktok('kx-t', noon('2026-01-03')),
      kx.store('kx-s2', noon('2026-01-04')),
      kn.tiktok('kn-t', noon('2026-01-03')),
      kc.tiktok('kc-t', noon('2026-01-03')),
      kc.store('kc-x', noon('2026-01-05'), 'CANCELLED'),
    ]);
    const QUERY = `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) { crossover { ${LAGS} } } } }`;
    const lags = async (asOf: string) => (await read(token, QUERY, { asOf })).shop.tiktokInsights.crossover;

    // 01-04: TikTok-sourced customers (k90, k91, kn, kc) but no crossover yet.
    expect(await lags('2026-01-04')).toEqual({ crossoverCustomers: 0, medianDaysToCrossover: null, daysToCrossover: NO_LAGS });

    // 04-02: 8 crossover customers, days 0, 1, 7, 8, 13, 30, 31, 90 (k91's store order is the next day).
    // Median (8 + 13) / 2 = 10.5. Buckets: 0–7: 3 (3/8); 8–30: 3 (3/8); 31–90: 2 (2/8); 91+: 0.
    expect(await lags('2026-04-02')).toEqual({
      crossoverCustomers: 8,
      medianDaysToCrossover: 10.5,
      daysToCrossover: [
        { bucket: 'WITHIN_7_DAYS', customers: 3, share: 0.375 },
        { bucket: 'WITHIN_30_DAYS', customers: 3, share: 0.375 },
        { bucket: 'WITHIN_90_DAYS', customers: 2, share: 0.25 },
        { bucket: 'LATER', customers: 0, share: 0 },
      ],
    });

    // 04-03: k91 too: 9 customers, the 5th of 0, 1, 7, 8, 13, 30, 31, 90, 91 is 13; 3/9, 3/9, 2/9, 1/9.
    const nine = await lags('2026-04-03');
    expect(nine.crossoverCustomers).toBe(9);
    expect(nine.medianDaysToCrossover).toBe(13);
    expect(nine.daysToCrossover.map((b: any) => [b.bucket, b.customers])).toEqual([
      ['WITHIN_7_DAYS', 3],
      ['WITHIN_30_DAYS', 3],
      ['WITHIN_90_DAYS', 2],
      ['LATER', 1],
    ]);
    const shares: number[] = nine.daysToCrossover.map((b: any) => b.share);
    [3 / 9, 3 / 9, 2 / 9, 1 / 9].forEach((share, i) => expect(shares[i]).toBeCloseTo(share, 12));
  });
});

// ---------------------------------------------------------------------------------------------
// A shop without orders
// ---------------------------------------------------------------------------------------------

describe('a new shop', () => {
  it('answers every section 11 field with zeros, nulls and empty cohorts', async () => {
    const { token } = await api.createShop({ timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    const PERIOD = `hourOfWeek { ${CELL} } cancellations { ${CANCELLATIONS} } previousCancellations { ${CANCELLATIONS} }
      topProducts { ${TOP} }`;
    const data = await read(
      token,
      `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
        last7Days { ${PERIOD} }
        dateRange { ${PERIOD} }
        months: cohorts { ${COHORT} }
        weeks: cohorts(by: WEEK, first: 2) { ${COHORT} }
        crossover { ${LAGS} }
      } } }`,
      { asOf: '2026-04-15' },
    );
    const insights = data.shop.tiktokInsights;
    for (const period of [insights.last7Days, insights.dateRange]) {
      expect(period.hourOfWeek.map(cell)).toEqual(expectedCells([]));
      expect(cancellations(period.cancellations)).toEqual(NO_CANCELLATIONS);
      expect(cancellations(period.previousCancellations)).toEqual(NO_CANCELLATIONS);
      expect(period.topProducts).toEqual([]);
    }
    // The 12 months 2025-05 … 2026-04, every one empty.
    const empty = MONTHS.slice(0, 12).map(([start]) => emptyMonthCohort(start, '2026-04-01'));
    expect(insights.months.map(cohort)).toEqual(empty);
    expect(empty[0]!.periods).toHaveLength(12);
    // The Monday weeks 04-06 … 04-12 and 04-13 … 04-19 (asOf's).
    expect(insights.weeks.map(cohort)).toEqual([
      {
        start: '2026-04-06',
        end: '2026-04-12',
        customers: 0,
        periods: [
          [0, '2026-04-06', '2026-04-12', 0, 0],
          [1, '2026-04-13', '2026-04-19', 0, 0],
        ],
      },
      { start: '2026-04-13', end: '2026-04-19', customers: 0, periods: [[0, '2026-04-13', '2026-04-19', 0, 0]] },
    ]);
    expect(insights.crossover).toEqual({ crossoverCustomers: 0, medianDaysToCrossover: null, daysToCrossover: NO_LAGS });
  });
});
