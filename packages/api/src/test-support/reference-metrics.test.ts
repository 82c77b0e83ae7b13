import { DateRangeError } from '@tiktok-insights/shared';
import { describe, expect, it } from 'vitest';
import { addressKey } from '../modules/address/address-key.js';
import type { AddressData, OrderData, OrderLineData, OrderStatus, SalesChannel } from '../modules/orders/order-input.js';
import {
  type CancellationSummary,
  type HourOfWeekCell,
  type Point,
  type ReferenceShop,
  type Summary,
  type TopProductRow,
  referenceInsights,
} from './reference-metrics.js';

// ---------------------------------------------------------------------------------------------
// Fixture helpers
// ---------------------------------------------------------------------------------------------

const CHICAGO_MONDAY: ReferenceShop = {
  timezone: 'America/Chicago',
  weekStartsOn: 'MONDAY',
  currency: 'USD',
  aovTargetCents: 4000,
};
const CHICAGO_SUNDAY: ReferenceShop = { ...CHICAGO_MONDAY, weekStartsOn: 'SUNDAY' };

interface OrderSpec {
  id: string;
  at: string;
  customer: string;
  channel?: SalesChannel;
  status?: OrderStatus;
  name?: string;
  address?: Partial<AddressData>;
  /** One line `p-default` × 1 at this price (default 1000) when `lines` is not given. */
  net?: number;
  lines?: OrderLineData[];
  taxCents?: number;
  shippingCents?: number;
  discountCents?: number;
  creditCents?: number;
}

function order(spec: OrderSpec): OrderData {
  return {
    externalId: spec.id,
    channel: spec.channel ?? 'TIKTOK',
    placedAt: spec.at,
    status: spec.status ?? 'PAID',
    customer: {
      externalId: spec.customer,
      name: spec.name ?? `Name of ${spec.customer}`,
      // A distinct default address per customer id, so that only the crossover fixtures share keys.
      address: { line1: `1 ${spec.customer} St`, line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US', ...spec.address },
    },
    lines: spec.lines ?? [
      { productExternalId: 'p-default', productName: 'Default', sku: null, quantity: 1, unitPriceCents: spec.net ?? 1000 },
    ],
    taxCents: spec.taxCents ?? 0,
    shippingCents: spec.shippingCents ?? 0,
    discountCents: spec.discountCents ?? 0,
    creditCents: spec.creditCents ?? 0,
  };
}

/** Noon local time in Chicago: CST (−06:00) before 2025-03-09, CDT (−05:00) from then to 2025-11-02. */
function noon(day: string): string {
  return `${day}T12:00:00${day < '2025-03-09' ? '-06:00' : '-05:00'}`;
}

const ZERO_SUMMARY: Summary = {
  totalOrders: 0,
  netReceiptsCents: 0,
  averageOrderValueCents: null,
  uniqueCustomers: 0,
  aovBelowTarget: false,
};

function zeroPoint(start: string, end: string): Point {
  return {
    start,
    end,
    orders: 0,
    netReceiptsCents: 0,
    allChannelsNetReceiptsCents: 0,
    nonTikTokNetReceiptsCents: 0,
    tiktokShare: null,
    uniqueCustomers: 0,
    firstTimeCustomers: 0,
    repeatCustomers: 0,
  };
}

function pointOn(points: readonly Point[], start: string): Point {
  const point = points.find((p) => p.start === start);
  if (point === undefined) throw new Error(`No point starting ${start}`);
  return point;
}

const NO_CANCELLATIONS: CancellationSummary = { cancelledOrders: 0, refundedOrders: 0, lostNetReceiptsCents: 0, rate: null };

/** The 168 cells, Monday 0 h … Sunday 23 h, zero but for the [weekday, hour, orders, net] given. */
function hourGrid(filled: ReadonlyArray<readonly [weekday: number, hour: number, orders: number, net: number]>): HourOfWeekCell[] {
  const cells: HourOfWeekCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const cell = filled.find(([w, h]) => w === weekday && h === hour);
      cells.push({ weekday, hour, orders: cell?.[2] ?? 0, netReceiptsCents: cell?.[3] ?? 0 });
    }
  }
  return cells;
}

function byId<T extends { tiktokCustomerId: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.tiktokCustomerId < b.tiktokCustomerId ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('referenceInsights', () => {
  it('answers an empty shop with zeros, null AOV, zero-filled series and four empty buckets', () => {
    // asOf 2025-03-12 is a Wednesday; its Monday week is 03-10 … 03-16.
    const insights = referenceInsights([], CHICAGO_MONDAY, '2025-03-12');

    expect(insights.asOf).toBe('2025-03-12');
    expect(insights.allTime).toEqual(ZERO_SUMMARY);

    // last7Days = asOf−7 … asOf−1 = 03-05 … 03-11, one zero point per day.
    expect(insights.last7Days.start).toBe('2025-03-05');
    expect(insights.last7Days.end).toBe('2025-03-11');
    expect(insights.last7Days.summary).toEqual(ZERO_SUMMARY);
    expect(insights.last7Days.previous).toEqual(ZERO_SUMMARY);
    expect(insights.last7Days.series).toEqual(
      ['05', '06', '07', '08', '09', '10', '11'].map((d) => zeroPoint(`2025-03-${d}`, `2025-03-${d}`)),
    );
    expect(insights.last7Days.topProducts).toEqual([]);

    // dateRange default = the 6 full weeks before 03-10: 01-27 … 03-09.
    expect(insights.dateRange.start).toBe('2025-01-27');
    expect(insights.dateRange.end).toBe('2025-03-09');
    expect(insights.dateRange.series).toEqual([
      zeroPoint('2025-01-27', '2025-02-02'),
      zeroPoint('2025-02-03', '2025-02-09'),
      zeroPoint('2025-02-10', '2025-02-16'),
      zeroPoint('2025-02-17', '2025-02-23'),
      zeroPoint('2025-02-24', '2025-03-02'),
      zeroPoint('2025-03-03', '2025-03-09'),
    ]);
    expect(insights.dateRange.summary).toEqual(ZERO_SUMMARY);
    expect(insights.dateRange.previous).toEqual(ZERO_SUMMARY);
    expect(insights.dateRange.topProducts).toEqual([]);

    expect(insights.customers).toEqual([]);
    expect(insights.crossover).toEqual({
      sourcedCustomers: 0,
      crossoverCustomers: 0,
      crossoverRate: 0,
      crossoverNonTikTokNetReceiptsCents: 0,
      orderBreakdown: [
        { bucket: 'NONE', customers: 0, share: 0 },
        { bucket: 'ONE', customers: 0, share: 0 },
        { bucket: 'TWO', customers: 0, share: 0 },
        { bucket: 'THREE_OR_MORE', customers: 0, share: 0 },
      ],
      // No TikTok order: the single week holding asOf.
      cumulativeByWeek: [
        { start: '2025-03-10', end: '2025-03-16', cumulativeSourcedCustomers: 0, cumulativeCrossoverCustomers: 0, crossoverRate: 0 },
      ],
      customers: [],
      medianDaysToCrossover: null,
      daysToCrossover: [
        { bucket: 'WITHIN_7_DAYS', customers: 0, share: 0 },
        { bucket: 'WITHIN_30_DAYS', customers: 0, share: 0 },
        { bucket: 'WITHIN_90_DAYS', customers: 0, share: 0 },
        { bucket: 'LATER', customers: 0, share: 0 },
      ],
    });

    // Section 11: 168 empty cells, no cancellations (rate null), 12 empty monthly cohorts 2024-04 … 2025-03.
    for (const period of [insights.last7Days, insights.dateRange]) {
      expect(period.hourOfWeek).toEqual(hourGrid([]));
      expect(period.cancellations).toEqual(NO_CANCELLATIONS);
      expect(period.previousCancellations).toEqual(NO_CANCELLATIONS);
    }
    expect(insights.cohorts).toHaveLength(12);
    expect(insights.cohorts[0]).toMatchObject({ start: '2024-04-01', end: '2024-04-30', customers: 0 });
    expect(insights.cohorts[0]?.periods).toHaveLength(12);
    expect(insights.cohorts[11]).toEqual({
      start: '2025-03-01',
      end: '2025-03-31',
      customers: 0,
      periods: [{ index: 0, start: '2025-03-01', end: '2025-03-31', activeCustomers: 0, cumulativeCrossoverCustomers: 0 }],
    });
    for (const cohort of insights.cohorts) {
      for (const point of cohort.periods) expect([point.activeCustomers, point.cumulativeCrossoverCustomers]).toEqual([0, 0]);
    }
  });

  it('counts PAID, SHIPPED and DELIVERED only, computes net receipts exactly and rounds AOV half up', () => {
    const day = noon('2025-03-06');
    const orders = [
      // 2 × 1500 + 1 × 250 = 3250; + tax 260 + shipping 500 − discount 300 − credit 100 = 3610.
      order({
        id: 'o1',
        at: day,
        customer: 'tt-1',
        lines: [
          { productExternalId: 'p-a', productName: 'A', quantity: 2, unitPriceCents: 1500 },
          { productExternalId: 'p-b', productName: 'B', quantity: 1, unitPriceCents: 250 },
        ],
        taxCents: 260,
        shippingCents: 500,
        discountCents: 300,
        creditCents: 100,
      }),
      order({ id: 'o2', at: day, customer: 'tt-1', status: 'SHIPPED', net: 1000 }),
      order({ id: 'o3', at: day, customer: 'tt-2', status: 'DELIVERED', net: 1391 }),
      order({ id: 'o4', at: day, customer: 'tt-3', net: 1001 }),
      // Never counted.
      order({ id: 'x1', at: day, customer: 'tt-4', status: 'UNPAID', net: 9999 }),
      order({ id: 'x2', at: day, customer: 'tt-4', status: 'CANCELLED', net: 9999 }),
      order({ id: 'x3', at: day, customer: 'tt-4', status: 'REFUNDED', net: 9999 }),
    ];
    const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12');

    // 3610 + 1000 + 1391 + 1001 = 7002 over 4 orders = 1750.5 → 1751 (half up); 1751 < 4000.
    const expected: Summary = {
      totalOrders: 4,
      netReceiptsCents: 7002,
      averageOrderValueCents: 1751,
      uniqueCustomers: 3,
      aovBelowTarget: true,
    };
    expect(insights.allTime).toEqual(expected);
    expect(insights.last7Days.summary).toEqual(expected);
    // tt-4 has no counted order: not on the marketing list.
    expect(insights.customers.map((c) => c.tiktokCustomerId).sort()).toEqual(['tt-1', 'tt-2', 'tt-3']);
    expect(insights.customers.find((c) => c.tiktokCustomerId === 'tt-1')?.netReceiptsCents).toBe(4610);
  });

  it('flags aovBelowTarget only when AOV is strictly below the target', () => {
    // 4000 + 4001 = 8001 over 2 orders = 4000.5 → 4001.
    const orders = [
      order({ id: 'a', at: noon('2025-03-06'), customer: 'tt-1', net: 4000 }),
      order({ id: 'b', at: noon('2025-03-06'), customer: 'tt-2', net: 4001 }),
    ];
    const atTarget = referenceInsights(orders, { ...CHICAGO_MONDAY, aovTargetCents: 4001 }, '2025-03-12');
    expect(atTarget.allTime.averageOrderValueCents).toBe(4001);
    expect(atTarget.allTime.aovBelowTarget).toBe(false);
    const aboveTarget = referenceInsights(orders, { ...CHICAGO_MONDAY, aovTargetCents: 4002 }, '2025-03-12');
    expect(aboveTarget.allTime.aovBelowTarget).toBe(true);
  });

  it('puts orders on their Chicago day across the spring-forward day and stops at the end of asOf', () => {
    // DST begins in Chicago on Sunday 2025-03-09 at 02:00 (−06:00 → −05:00).
    const orders = [
      // 23:30 CDT on 03-09 = 03-10T04:30Z, still day 03-09.
      order({ id: 'a', at: '2025-03-09T23:30:00-05:00', customer: 'tt-a', net: 1000 }),
      // The same instant written in UTC: day 03-09.
      order({ id: 'b', at: '2025-03-10T04:30:00Z', customer: 'tt-b', net: 2000 }),
      // 01:30 CST before the jump: day 03-09.
      order({ id: 'c', at: '2025-03-09T01:30:00-06:00', customer: 'tt-c', net: 4000 }),
      // 05:00Z = 00:00 CDT on 03-10: day 03-10.
      order({ id: 'd', at: '2025-03-10T05:00:00Z', customer: 'tt-d', net: 8000 }),
      // 04:59Z on 03-09 = 22:59 CST on 03-08: day 03-08.
      order({ id: 'e', at: '2025-03-09T04:59:00Z', customer: 'tt-e', net: 16000 }),
      // The first instant of 03-11.
      order({ id: 'f', at: '2025-03-11T00:00:00-05:00', customer: 'tt-f', net: 32000 }),
    ];

    // asOf 03-11: allTime has all 6 orders (63000); last7Days 03-04 … 03-10 leaves f (asOf itself) out.
    const on11 = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-11');
    expect(on11.allTime.totalOrders).toBe(6);
    expect(on11.allTime.netReceiptsCents).toBe(63000);
    expect(on11.last7Days.summary.netReceiptsCents).toBe(31000);
    expect(pointOn(on11.last7Days.series, '2025-03-08').netReceiptsCents).toBe(16000);
    expect(pointOn(on11.last7Days.series, '2025-03-09')).toMatchObject({ orders: 3, netReceiptsCents: 7000, uniqueCustomers: 3 });
    expect(pointOn(on11.last7Days.series, '2025-03-10')).toMatchObject({ orders: 1, netReceiptsCents: 8000 });

    // asOf 03-10: f (day 03-11) counts nowhere: allTime = 31000 over 5 orders;
    // last7Days 03-03 … 03-09 = e + a + b + c = 16000 + 1000 + 2000 + 4000 = 23000.
    const on10 = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-10');
    expect(on10.allTime).toMatchObject({ totalOrders: 5, netReceiptsCents: 31000 });
    expect(on10.last7Days.summary).toMatchObject({ totalOrders: 4, netReceiptsCents: 23000 });
    expect(on10.customers.map((c) => c.tiktokCustomerId)).not.toContain('tt-f');
    // Marketing list instants are UTC ISO strings.
    expect(on10.customers.find((c) => c.tiktokCustomerId === 'tt-a')?.firstOrderAt).toBe('2025-03-10T04:30:00.000Z');
  });

  it('puts a 23:30 order on the fall-back day on that day', () => {
    // DST ends in Chicago on Sunday 2025-11-02 (−05:00 → −06:00). 23:30 CST = 11-03T05:30Z.
    const orders = [
      order({ id: 'a', at: '2025-11-02T23:30:00-06:00', customer: 'tt-a', net: 1000 }),
      order({ id: 'b', at: '2025-11-03T05:59:59Z', customer: 'tt-b', net: 2000 }), // 23:59:59 CST, 11-02
      order({ id: 'c', at: '2025-11-03T06:00:00Z', customer: 'tt-c', net: 4000 }), // 00:00 CST, 11-03
    ];
    const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-11-04');
    // last7Days = 10-28 … 11-03.
    expect(pointOn(insights.last7Days.series, '2025-11-02')).toMatchObject({ orders: 2, netReceiptsCents: 3000 });
    expect(pointOn(insights.last7Days.series, '2025-11-03')).toMatchObject({ orders: 1, netReceiptsCents: 4000 });
  });

  describe('weeks starting on Monday or Sunday', () => {
    const orders = [
      order({ id: 's1', at: noon('2025-03-09'), customer: 'tt-x', net: 1000 }), // Sunday
      order({ id: 's2', at: noon('2025-03-02'), customer: 'tt-y', net: 2000 }), // Sunday
      order({ id: 's3', at: noon('2025-03-03'), customer: 'tt-z', net: 4000 }), // Monday
      order({ id: 's4', at: noon('2025-01-25'), customer: 'tt-v', net: 8000 }), // Saturday
      order({ id: 's5', at: noon('2025-01-26'), customer: 'tt-w', net: 16000 }), // Sunday
      order({ id: 's6', at: noon('2025-03-13'), customer: 'tt-u', net: 64000 }), // after asOf
    ];
    const asOf = '2025-03-12'; // Wednesday

    it('ranges Monday weeks', () => {
      const insights = referenceInsights(orders, CHICAGO_MONDAY, asOf);
      // 6 weeks before the week of 03-10: 01-27 … 03-09.
      const range = insights.dateRange;
      expect([range.start, range.end]).toEqual(['2025-01-27', '2025-03-09']);
      expect(range.series.map((p) => [p.start, p.end, p.netReceiptsCents])).toEqual([
        ['2025-01-27', '2025-02-02', 0],
        ['2025-02-03', '2025-02-09', 0],
        ['2025-02-10', '2025-02-16', 0],
        ['2025-02-17', '2025-02-23', 0],
        ['2025-02-24', '2025-03-02', 2000], // s2 (Sunday closes the Monday week)
        ['2025-03-03', '2025-03-09', 5000], // s3 + s1
      ]);
      expect(range.summary).toMatchObject({ totalOrders: 3, netReceiptsCents: 7000 });
      // previous = 2024-12-16 … 2025-01-26: s4 + s5.
      expect(range.previous).toMatchObject({ totalOrders: 2, netReceiptsCents: 24000 });
      // cumulativeByWeek default: week of the first TikTok order (s4, Sat 01-25 → 01-20) … week of asOf (03-10 … 03-16).
      const weeks = insights.crossover.cumulativeByWeek;
      expect(weeks).toHaveLength(8);
      expect([weeks[0]?.start, weeks[7]?.end]).toEqual(['2025-01-20', '2025-03-16']);
    });

    it('ranges Sunday weeks', () => {
      const insights = referenceInsights(orders, CHICAGO_SUNDAY, asOf);
      // asOf's Sunday week starts 03-09; the 6 weeks before: 01-26 … 03-08. s1 (03-09) is outside.
      const range = insights.dateRange;
      expect([range.start, range.end]).toEqual(['2025-01-26', '2025-03-08']);
      expect(range.series.map((p) => [p.start, p.end, p.netReceiptsCents])).toEqual([
        ['2025-01-26', '2025-02-01', 16000], // s5 (Sunday opens the Sunday week)
        ['2025-02-02', '2025-02-08', 0],
        ['2025-02-09', '2025-02-15', 0],
        ['2025-02-16', '2025-02-22', 0],
        ['2025-02-23', '2025-03-01', 0],
        ['2025-03-02', '2025-03-08', 6000], // s2 + s3
      ]);
      expect(range.summary).toMatchObject({ totalOrders: 3, netReceiptsCents: 22000 });
      // previous = 2024-12-15 … 2025-01-25: s4.
      expect(range.previous).toMatchObject({ totalOrders: 1, netReceiptsCents: 8000 });
      // Week of 01-25 (Sat) = 01-19 … 01-25, up to the week of asOf 03-09 … 03-15: 8 weeks.
      const weeks = insights.crossover.cumulativeByWeek;
      expect(weeks).toHaveLength(8);
      expect([weeks[0]?.start, weeks[7]?.end]).toEqual(['2025-01-19', '2025-03-15']);
    });

    it('snaps explicit bounds to whole weeks and keeps the nominal end past asOf', () => {
      // from Wed 03-05 → Mon 03-03; to Thu 03-20 → Sun 03-23: 3 weeks.
      const range = referenceInsights(orders, CHICAGO_MONDAY, asOf, { from: '2025-03-05', to: '2025-03-20' }).dateRange;
      expect([range.start, range.end]).toEqual(['2025-03-03', '2025-03-23']);
      expect(range.series.map((p) => [p.start, p.end, p.netReceiptsCents])).toEqual([
        ['2025-03-03', '2025-03-09', 5000],
        ['2025-03-10', '2025-03-16', 0], // s6 on 03-13 is after asOf
        ['2025-03-17', '2025-03-23', 0],
      ]);
      // previous = the 3 weeks before: 02-10 … 03-02 → s2 only.
      expect(range.previous).toMatchObject({ totalOrders: 1, netReceiptsCents: 2000 });
    });

    it('refuses a to before from', () => {
      expect(() => referenceInsights(orders, CHICAGO_MONDAY, asOf, { from: '2025-03-05', to: '2025-03-04' })).toThrow(
        DateRangeError,
      );
    });
  });

  it('tells first-time from repeat customers by their first counted TikTok order ever', () => {
    const orders = [
      order({ id: 'a1', at: noon('2025-02-01'), customer: 'A' }), // A's first order, before the window
      order({ id: 'a2', at: noon('2025-03-06'), customer: 'A' }),
      order({ id: 'b1', at: noon('2025-03-06'), customer: 'B' }), // B's first order
      order({ id: 'b2', at: noon('2025-03-07'), customer: 'B' }),
      order({ id: 'c1', at: noon('2025-03-07'), customer: 'C' }), // C's first order
      order({ id: 'd0', at: noon('2025-03-01'), customer: 'D', status: 'CANCELLED' }), // not counted
      order({ id: 'd1', at: noon('2025-03-07'), customer: 'D' }), // D's first counted order
    ];
    const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12');

    // 03-06: A (first order 02-01: repeat), B (first: 03-06).
    expect(pointOn(insights.last7Days.series, '2025-03-06')).toMatchObject({
      orders: 2,
      uniqueCustomers: 2,
      firstTimeCustomers: 1,
      repeatCustomers: 1,
    });
    // 03-07: B (first 03-06: repeat), C and D (first).
    expect(pointOn(insights.last7Days.series, '2025-03-07')).toMatchObject({
      orders: 3,
      uniqueCustomers: 3,
      firstTimeCustomers: 2,
      repeatCustomers: 1,
    });
    expect(insights.last7Days.summary).toMatchObject({ totalOrders: 5, uniqueCustomers: 4 });

    // Weekly: week 01-27 … 02-02 holds A's first order; week 03-03 … 03-09 holds A (repeat), B, C, D (first).
    expect(pointOn(insights.dateRange.series, '2025-01-27')).toMatchObject({ uniqueCustomers: 1, firstTimeCustomers: 1, repeatCustomers: 0 });
    expect(pointOn(insights.dateRange.series, '2025-03-03')).toMatchObject({
      orders: 5,
      uniqueCustomers: 4,
      firstTimeCustomers: 3,
      repeatCustomers: 1,
    });
  });

  it('ranks top products by units, then sales, then the latest name', () => {
    const orders = [
      order({
        id: 't1',
        at: noon('2025-03-06'),
        customer: 'tt-1',
        lines: [
          { productExternalId: 'p-belt', productName: 'Aardvark', sku: 'B-1', quantity: 3, unitPriceCents: 1000 },
          { productExternalId: 'p-z-apron', productName: 'Apron', quantity: 3, unitPriceCents: 1000 },
          { productExternalId: 'p-hat', productName: 'Hat', sku: 'H', quantity: 3, unitPriceCents: 1500 },
          { productExternalId: 'p-scarf', productName: 'Scarf', sku: 'S', quantity: 5, unitPriceCents: 100 },
          { productExternalId: 'p-cap-2', productName: 'Cap', quantity: 1, unitPriceCents: 100 },
          { productExternalId: 'p-cap-1', productName: 'Cap', quantity: 1, unitPriceCents: 100 },
        ],
      }),
      // Not counted in last7Days: a store order, a cancelled order, an order before the window.
      order({ id: 'app', channel: 'APP', at: noon('2025-03-06'), customer: 'st-1', lines: [
        { productExternalId: 'p-scarf', productName: 'Scarf', sku: 'S', quantity: 100, unitPriceCents: 100 },
      ] }),
      order({ id: 'x', status: 'CANCELLED', at: noon('2025-03-06'), customer: 'tt-2', lines: [
        { productExternalId: 'p-hat', productName: 'Hat', sku: 'H', quantity: 10, unitPriceCents: 1500 },
      ] }),
      order({ id: 'old', at: noon('2025-03-01'), customer: 'tt-3', lines: [
        { productExternalId: 'p-z-apron', productName: 'Apron', quantity: 10, unitPriceCents: 1 },
      ] }),
      // The latest import renames p-belt to "Belt" (sku B-2); the order itself is after asOf.
      order({ id: 'later', at: noon('2025-03-20'), customer: 'tt-4', lines: [
        { productExternalId: 'p-belt', productName: 'Belt', sku: 'B-2', quantity: 1, unitPriceCents: 1000 },
      ] }),
    ];
    const top = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12').last7Days.topProducts;
    // scarf 5 units; hat/apron/belt 3 units with 4500/3000/3000 → hat, then "Apron" < "Belt"
    // (the old name "Aardvark" would have come first; the ids would put p-belt before p-z-apron);
    // the two "Cap"s by id.
    // The previous 7 days (02-26 … 03-04) hold only 'old': 10 aprons, rank 1 there.
    const none = { previousUnitsSold: 0, previousRank: null };
    expect(top).toEqual([
      { rank: 1, productExternalId: 'p-scarf', productName: 'Scarf', sku: 'S', unitsSold: 5, totalSalesCents: 500, ...none },
      { rank: 2, productExternalId: 'p-hat', productName: 'Hat', sku: 'H', unitsSold: 3, totalSalesCents: 4500, ...none },
      { rank: 3, productExternalId: 'p-z-apron', productName: 'Apron', sku: null, unitsSold: 3, totalSalesCents: 3000, previousUnitsSold: 10, previousRank: 1 },
      { rank: 4, productExternalId: 'p-belt', productName: 'Belt', sku: 'B-2', unitsSold: 3, totalSalesCents: 3000, ...none },
      { rank: 5, productExternalId: 'p-cap-1', productName: 'Cap', sku: null, unitsSold: 1, totalSalesCents: 100, ...none },
      { rank: 6, productExternalId: 'p-cap-2', productName: 'Cap', sku: null, unitsSold: 1, totalSalesCents: 100, ...none },
    ]);
  });

  it('splits each point into TikTok and other channels', () => {
    const orders = [
      order({ id: 't', at: noon('2025-03-06'), customer: 'tt-1', net: 3000 }),
      order({ id: 'w', channel: 'WEBSITE', at: noon('2025-03-06'), customer: 'st-1', net: 1000 }),
      order({ id: 'a', channel: 'APP', at: noon('2025-03-07'), customer: 'st-1', net: 2000 }),
      order({ id: 'r', channel: 'APP', status: 'REFUNDED', at: noon('2025-03-08'), customer: 'st-1', net: 500 }),
    ];
    const series = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12').last7Days.series;
    // 03-06: 3000 of 4000 = 0.75.
    expect(pointOn(series, '2025-03-06')).toMatchObject({
      orders: 1,
      netReceiptsCents: 3000,
      allChannelsNetReceiptsCents: 4000,
      nonTikTokNetReceiptsCents: 1000,
      tiktokShare: 0.75,
    });
    // 03-07: store only: share 0 of 2000.
    expect(pointOn(series, '2025-03-07')).toMatchObject({
      orders: 0,
      netReceiptsCents: 0,
      allChannelsNetReceiptsCents: 2000,
      nonTikTokNetReceiptsCents: 2000,
      tiktokShare: 0,
    });
    // 03-08: only a refunded order: nothing, share null.
    expect(pointOn(series, '2025-03-08')).toEqual(zeroPoint('2025-03-08', '2025-03-08'));
  });

  it('lets the last occurrence of a (channel, externalId) win', () => {
    const orders = [
      order({ id: 'o-1', at: noon('2025-03-06'), customer: 'tt-1', net: 10000 }),
      order({ id: 'o-2', at: noon('2025-03-06'), customer: 'tt-2', status: 'CANCELLED', net: 9000 }),
      order({ id: 'o-3', at: noon('2025-03-06'), customer: 'tt-3', net: 1000 }),
      order({ id: 'o-2', channel: 'APP', at: noon('2025-03-07'), customer: 'st-1', net: 500 }), // another key
      order({ id: 'o-1', at: noon('2025-03-06'), customer: 'tt-1', status: 'REFUNDED', net: 10000 }), // refunded now
      order({ id: 'o-2', at: noon('2025-03-07'), customer: 'tt-2', net: 2000 }), // paid now, 2000
      order({ id: 'o-3', at: noon('2025-02-01'), customer: 'tt-3', net: 1000 }), // date corrected
    ];
    const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12');
    // Counted TikTok: o-2 (2000, 03-07) and o-3 (1000, 02-01).
    expect(insights.allTime).toMatchObject({ totalOrders: 2, netReceiptsCents: 3000, uniqueCustomers: 2 });
    expect(insights.last7Days.summary).toMatchObject({ totalOrders: 1, netReceiptsCents: 2000 });
    expect(pointOn(insights.last7Days.series, '2025-03-06').orders).toBe(0);
    // 03-07: TikTok o-2 2000 + APP o-2 500 = 2500; share 0.8.
    expect(pointOn(insights.last7Days.series, '2025-03-07')).toMatchObject({ allChannelsNetReceiptsCents: 2500, tiktokShare: 0.8 });
    expect(insights.customers.map((c) => c.tiktokCustomerId).sort()).toEqual(['tt-2', 'tt-3']);
  });

  it('lists marketing customers with the latest name and address and their counted orders', () => {
    const addressA = { line1: '1 First St', line2: null, postalCode: '60601' };
    const addressB = { line1: '2 Second St', line2: 'Apt 2', postalCode: '60602' };
    const addressC = { line1: '3 Third Ave', postalCode: '60603', city: 'Evanston' };
    const orders = [
      order({ id: 'm1', at: '2025-03-01T10:00:00-06:00', customer: 'tt-m', name: 'Mia Old', address: addressA, net: 1500 }),
      order({ id: 'm2', at: '2025-03-05T18:15:00-06:00', customer: 'tt-m', name: 'Mia New', address: addressB, net: 2500 }),
      // The latest import of tt-m, an unpaid order: it gives the name and address, not an order.
      order({ id: 'm3', at: '2025-03-06T09:00:00-06:00', customer: 'tt-m', status: 'UNPAID', name: 'Mia Latest', address: addressC }),
      order({ id: 'z1', at: noon('2025-03-02'), customer: 'tt-cancelled', status: 'CANCELLED' }),
      order({ id: 'f1', at: noon('2025-03-20'), customer: 'tt-future' }),
    ];
    const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12');
    expect(insights.customers).toEqual([
      {
        tiktokCustomerId: 'tt-m',
        name: 'Mia Latest',
        address: { line1: '3 Third Ave', line2: null, city: 'Evanston', region: 'IL', postalCode: '60603', country: 'US' },
        firstOrderAt: '2025-03-01T16:00:00.000Z', // 10:00 CST
        lastOrderAt: '2025-03-06T00:15:00.000Z', // 18:15 CST
        orders: 2,
        netReceiptsCents: 4000,
      },
    ]);
  });

  describe('crossover', () => {
    const OAK_4_TIKTOK = { line1: '12 Oak Street', line2: 'Apartment 4', postalCode: '60614' };
    const OAK_4_STORE = { line1: '12 oak st. #4', line2: null, postalCode: '60614-1234' };
    const OAK_5 = { line1: '12 Oak St', line2: 'Apt 5', postalCode: '60614' };
    const ELM_TIKTOK = { line1: '500 Elm Avenue', postalCode: '60610' };
    const ELM_STORE = { line1: '500 Elm Ave', postalCode: '60610' };
    const PINE_TIKTOK = { line1: '77 Pine Rd', postalCode: '60601' };
    const PINE_STORE = { line1: '77 Pine Road', postalCode: '60601' };
    const MAPLE = { line1: '9 Maple Dr', postalCode: '60602' };
    const BIRCH = { line1: '31 Birch Ln', postalCode: '60603' };
    const BIRCH_LANE = { line1: '31 Birch Lane', postalCode: '60603' };
    const CEDAR = { line1: '8 Cedar Ct', postalCode: '60604' };
    const SPRUCE = { line1: '4 Spruce St', postalCode: '60606' };
    const OTHER = { line1: '2 Other St', postalCode: '60607' };

    const tiktok = (id: string, customer: string, day: string, address: Partial<AddressData>, net = 2000) =>
      order({ id, customer, at: noon(day), address, net });
    const store = (id: string, customer: string, at: string, address: Partial<AddressData>, net: number, status: OrderStatus = 'PAID') =>
      order({ id, channel: 'WEBSITE', customer, at, address, net, status });

    const orders: OrderData[] = [
      // T1 at Oak #4; store customer st-1 at the same place spelled otherwise: a cancelled order
      // before T1 (not counted), then 2 store orders after → crossover, TWO, 1100 + 1200 = 2300.
      store('s1-x', 'st-1', noon('2025-03-01'), OAK_4_STORE, 5555, 'CANCELLED'),
      tiktok('t1', 'tt-1', '2025-03-03', OAK_4_TIKTOK),
      store('s1-a', 'st-1', noon('2025-03-10'), OAK_4_STORE, 1100),
      { ...store('s1-b', 'st-1', noon('2025-04-02'), OAK_4_STORE, 1200), channel: 'APP' },
      // T2: same street, unit 5: no store order matches → sourced, NONE.
      tiktok('t2', 'tt-2', '2025-03-04', OAK_5),
      // T3: a store order at Elm before T3's first TikTok order → not sourced (despite a later one).
      store('s3-a', 'st-3', noon('2025-02-01'), ELM_STORE, 1300),
      tiktok('t3', 'tt-3', '2025-03-05', ELM_TIKTOK),
      store('s3-b', 'st-3', noon('2025-04-01'), ELM_STORE, 1400),
      // T4 and T5 share Pine with st-4; both first TikTok orders precede st-4's orders (T4's
      // TikTok order is no store order for T5) → both crossover, TWO, 5000 + 3000 = 8000 each.
      tiktok('t4', 'tt-4', '2025-04-01', PINE_TIKTOK),
      tiktok('t5', 'tt-5', '2025-04-05', PINE_TIKTOK),
      store('s4-a', 'st-4', noon('2025-04-10'), PINE_STORE, 5000),
      store('s4-b', 'st-4', noon('2025-05-01'), PINE_STORE, 3000),
      store('s4-late', 'st-4', noon('2025-07-01'), PINE_STORE, 99999), // after asOf
      // T6 at Maple; one store order at 23:00 on asOf → ONE, 700, crossover date 06-30.
      // st-10 ordered at Maple before T6 but now lives elsewhere: it does not count at Maple.
      store('s10-a', 'st-10', noon('2025-05-01'), MAPLE, 4444),
      tiktok('t6', 'tt-6', '2025-05-10', MAPLE),
      store('s10-b', 'st-10', noon('2025-06-01'), OTHER, 4444),
      store('s6-a', 'st-6', '2025-06-30T23:00:00-05:00', MAPLE, 700),
      // T7 at Birch: 5 store orders by two store customers (Ln / Lane) → THREE_OR_MORE, 1500.
      tiktok('t7', 'tt-7', '2025-03-20', BIRCH),
      store('s7-a', 'st-7', noon('2025-03-21'), BIRCH, 100),
      store('s7-b', 'st-7', noon('2025-03-28'), BIRCH, 200),
      store('s7-c', 'st-7b', noon('2025-04-04'), BIRCH_LANE, 300),
      store('s7-d', 'st-7', noon('2025-04-11'), BIRCH, 400),
      store('s7-e', 'st-7b', noon('2025-04-18'), BIRCH_LANE, 500),
      // T8 at Cedar: a store order at the very same instant → not strictly earlier → not sourced.
      tiktok('t8', 'tt-8', '2025-05-05', CEDAR),
      store('s8-a', 'st-8', '2025-05-05T17:00:00Z', CEDAR, 800),
      // T9 first imported at Pine, now at Spruce: no store order there → sourced, NONE.
      tiktok('t9-a', 'tt-9', '2025-03-06', PINE_TIKTOK),
      tiktok('t9-b', 'tt-9', '2025-03-08', SPRUCE),
    ];
    const asOf = '2025-06-30'; // a Monday

    it('matches the spellings the fixture relies on', () => {
      const key = (a: Partial<AddressData>) => addressKey({ line1: '', postalCode: '', ...a });
      expect(key(OAK_4_STORE)).toBe(key(OAK_4_TIKTOK));
      expect(key(OAK_5)).not.toBe(key(OAK_4_TIKTOK));
      expect(key(ELM_STORE)).toBe(key(ELM_TIKTOK));
      expect(key(PINE_STORE)).toBe(key(PINE_TIKTOK));
      expect(key(BIRCH_LANE)).toBe(key(BIRCH));
    });

    it('finds sourced and crossover customers, their orders and the distinct receipts', () => {
      const crossover = referenceInsights(orders, CHICAGO_MONDAY, asOf).crossover;
      // Sourced: T1, T2, T4, T5, T6, T7, T9 = 7 (T3, T8 are not). Crossover: T1, T4, T5, T6, T7 = 5.
      expect(crossover.sourcedCustomers).toBe(7);
      expect(crossover.crossoverCustomers).toBe(5);
      expect(crossover.crossoverRate).toBe(5 / 7);
      // Distinct orders: T1 2300 + Pine (shared by T4 and T5, once) 8000 + T6 700 + T7 1500 = 12500.
      expect(crossover.crossoverNonTikTokNetReceiptsCents).toBe(12500);
      expect(crossover.orderBreakdown).toEqual([
        { bucket: 'NONE', customers: 2, share: 2 / 7 }, // T2, T9
        { bucket: 'ONE', customers: 1, share: 1 / 7 }, // T6
        { bucket: 'TWO', customers: 3, share: 3 / 7 }, // T1, T4, T5
        { bucket: 'THREE_OR_MORE', customers: 1, share: 1 / 7 }, // T7
      ]);
      // Noon CST = 18:00Z before 03-09, noon CDT = 17:00Z after.
      expect(byId(crossover.customers)).toEqual([
        { tiktokCustomerId: 'tt-1', firstTikTokOrderAt: '2025-03-03T18:00:00.000Z', firstCrossoverOrderAt: '2025-03-10T17:00:00.000Z', nonTikTokOrders: 2, nonTikTokNetReceiptsCents: 2300 },
        { tiktokCustomerId: 'tt-4', firstTikTokOrderAt: '2025-04-01T17:00:00.000Z', firstCrossoverOrderAt: '2025-04-10T17:00:00.000Z', nonTikTokOrders: 2, nonTikTokNetReceiptsCents: 8000 },
        { tiktokCustomerId: 'tt-5', firstTikTokOrderAt: '2025-04-05T17:00:00.000Z', firstCrossoverOrderAt: '2025-04-10T17:00:00.000Z', nonTikTokOrders: 2, nonTikTokNetReceiptsCents: 8000 },
        { tiktokCustomerId: 'tt-6', firstTikTokOrderAt: '2025-05-10T17:00:00.000Z', firstCrossoverOrderAt: '2025-07-01T04:00:00.000Z', nonTikTokOrders: 1, nonTikTokNetReceiptsCents: 700 },
        { tiktokCustomerId: 'tt-7', firstTikTokOrderAt: '2025-03-20T17:00:00.000Z', firstCrossoverOrderAt: '2025-03-21T17:00:00.000Z', nonTikTokOrders: 5, nonTikTokNetReceiptsCents: 1500 },
      ]);
    });

    it('drops a crossover whose only store order falls after asOf', () => {
      // asOf 06-29: s6-a (06-30) does not count → T6 is sourced with no store order: NONE.
      const crossover = referenceInsights(orders, CHICAGO_MONDAY, '2025-06-29').crossover;
      expect(crossover).toMatchObject({ sourcedCustomers: 7, crossoverCustomers: 4, crossoverNonTikTokNetReceiptsCents: 11800 });
      expect(crossover.orderBreakdown.map((b) => b.customers)).toEqual([3, 0, 3, 1]);
    });

    it('accumulates sourced and crossover customers week by week', () => {
      // from Wed 03-05 → Mon 03-03; to Tue 03-25 → Sun 03-30.
      // Sourced first days: T1 03-03, T2 03-04, T9 03-06, T7 03-20, T4 04-01, T5 04-05, T6 05-10.
      // Crossover dates: T1 03-10, T7 03-21, T4 and T5 04-10, T6 06-30.
      const weeks = referenceInsights(orders, CHICAGO_MONDAY, asOf, { crossoverFrom: '2025-03-05', crossoverTo: '2025-03-25' })
        .crossover.cumulativeByWeek;
      expect(weeks).toEqual([
        { start: '2025-03-03', end: '2025-03-09', cumulativeSourcedCustomers: 3, cumulativeCrossoverCustomers: 0, crossoverRate: 0 },
        { start: '2025-03-10', end: '2025-03-16', cumulativeSourcedCustomers: 3, cumulativeCrossoverCustomers: 1, crossoverRate: 1 / 3 },
        { start: '2025-03-17', end: '2025-03-23', cumulativeSourcedCustomers: 4, cumulativeCrossoverCustomers: 2, crossoverRate: 0.5 },
        { start: '2025-03-24', end: '2025-03-30', cumulativeSourcedCustomers: 4, cumulativeCrossoverCustomers: 2, crossoverRate: 0.5 },
      ]);
    });

    it('defaults cumulativeByWeek to the first TikTok week … the week of asOf', () => {
      // First counted TikTok order: T1 on Mon 03-03. asOf's week: 06-30 … 07-06. 03-03 … 07-06 = 126 days = 18 weeks.
      const weeks = referenceInsights(orders, CHICAGO_MONDAY, asOf).crossover.cumulativeByWeek;
      expect(weeks).toHaveLength(18);
      expect(weeks[0]).toEqual({ start: '2025-03-03', end: '2025-03-09', cumulativeSourcedCustomers: 3, cumulativeCrossoverCustomers: 0, crossoverRate: 0 });
      // T6's crossover date is 06-30: the week before has 4 of 7, asOf's week 5 of 7.
      expect(weeks[16]).toEqual({ start: '2025-06-23', end: '2025-06-29', cumulativeSourcedCustomers: 7, cumulativeCrossoverCustomers: 4, crossoverRate: 4 / 7 });
      expect(weeks[17]).toEqual({ start: '2025-06-30', end: '2025-07-06', cumulativeSourcedCustomers: 7, cumulativeCrossoverCustomers: 5, crossoverRate: 5 / 7 });
    });

    it('gives zeros before the first order and refuses inverted bounds', () => {
      const weeks = referenceInsights(orders, CHICAGO_MONDAY, asOf, { crossoverFrom: '2025-02-01', crossoverTo: '2025-02-05' })
        .crossover.cumulativeByWeek;
      expect(weeks.map((w) => [w.start, w.end, w.cumulativeSourcedCustomers, w.crossoverRate])).toEqual([
        ['2025-01-27', '2025-02-02', 0, 0],
        ['2025-02-03', '2025-02-09', 0, 0],
      ]);
      expect(() => referenceInsights(orders, CHICAGO_MONDAY, asOf, { crossoverFrom: '2025-03-10', crossoverTo: '2025-03-01' })).toThrow(
        DateRangeError,
      );
      // Only `to`, before the default start (week of 03-03).
      expect(() => referenceInsights(orders, CHICAGO_MONDAY, asOf, { crossoverTo: '2025-02-01' })).toThrow(DateRangeError);
    });
  });
});

describe('referenceInsights: more insights (section 11)', () => {
  describe('hourOfWeek', () => {
    it('puts orders on the wall-clock weekday and hour, with nothing in the hour skipped on the spring-forward day', () => {
      // Chicago springs forward on Sunday 2026-03-08: 01:59:59 CST is followed by 03:00 CDT.
      const orders = [
        order({ id: 'mon-0', at: '2026-03-02T00:00:00-06:00', customer: 'tt-1', net: 8000 }), // Monday 0 h
        order({ id: 'tue-23', at: '2026-03-03T23:59:59-06:00', customer: 'tt-2', net: 16000 }), // Tuesday 23 h
        order({ id: 'sun-1', at: '2026-03-08T01:30:00-06:00', customer: 'tt-3', net: 1000 }), // Sunday 1 h (CST)
        order({ id: 'sun-3a', at: '2026-03-08T03:30:00-05:00', customer: 'tt-4', net: 2000 }), // Sunday 3 h (CDT)
        order({ id: 'sun-3b', at: '2026-03-08T08:15:00Z', customer: 'tt-5', net: 4000 }), // 03:15 CDT
        // "02:30-06:00" names the instant 08:30Z, which the clock shows as 03:30 CDT: hour 3, not 2.
        order({ id: 'sun-3c', at: '2026-03-08T02:30:00-06:00', customer: 'tt-6', net: 32000 }),
        // Not counted: a cancelled TikTok order, a store order.
        order({ id: 'sun-5x', at: '2026-03-08T05:00:00-05:00', customer: 'tt-7', status: 'CANCELLED', net: 64000 }),
        order({ id: 'sun-5w', channel: 'WEBSITE', at: '2026-03-08T05:00:00-05:00', customer: 'st-1', net: 64000 }),
        // Before the last 7 days (Sunday 03-01, 1 h), on asOf (Monday 03-09, 10 h) and after asOf.
        order({ id: 'before', at: '2026-03-01T01:00:00-06:00', customer: 'tt-8', net: 128 }),
        order({ id: 'on-as-of', at: '2026-03-09T10:00:00-05:00', customer: 'tt-9', net: 256 }),
        order({ id: 'after', at: '2026-03-10T10:00:00-05:00', customer: 'tt-10', net: 512 }),
      ];
      // last7Days = 03-02 … 03-08. Sunday 3 h: 2000 + 4000 + 32000 = 38000; Sunday 2 h: nothing.
      const insights = referenceInsights(orders, CHICAGO_MONDAY, '2026-03-09', { from: '2026-03-01', to: '2026-03-09' });
      const last7 = insights.last7Days.hourOfWeek;
      expect(last7).toEqual(
        hourGrid([
          [1, 0, 1, 8000],
          [2, 23, 1, 16000],
          [7, 1, 1, 1000],
          [7, 3, 3, 38000],
        ]),
      );
      expect(last7).toHaveLength(168);
      expect(last7.slice(0, 2).map((c) => [c.weekday, c.hour])).toEqual([[1, 0], [1, 1]]);
      expect(last7.slice(-1).map((c) => [c.weekday, c.hour])).toEqual([[7, 23]]);

      // dateRange: Monday weeks 02-23 … 03-15 (asOf 03-09): also 'before' (Sunday 1 h) and 'on-as-of'
      // (Monday 10 h), not 'after'.
      expect(insights.dateRange.hourOfWeek).toEqual(
        hourGrid([
          [1, 0, 1, 8000],
          [1, 10, 1, 256],
          [2, 23, 1, 16000],
          [7, 1, 2, 1128],
          [7, 3, 3, 38000],
        ]),
      );
    });

    it('counts both 1 a.m. hours of the fall-back day as hour 1, whatever the week start', () => {
      // Chicago falls back on Sunday 2026-11-01: 01:00–01:59 CDT, then 01:00–01:59 CST again.
      const orders = [
        order({ id: 'f0', at: '2026-11-01T00:59:59-05:00', customer: 'tt-1', net: 16000 }), // 0 h
        order({ id: 'f1', at: '2026-11-01T01:30:00-05:00', customer: 'tt-2', net: 1000 }), // 1 h (CDT)
        order({ id: 'f2', at: '2026-11-01T01:30:00-06:00', customer: 'tt-3', net: 2000 }), // 1 h (CST)
        order({ id: 'f3', at: '2026-11-01T07:59:59Z', customer: 'tt-4', net: 4000 }), // 01:59:59 CST
        order({ id: 'f4', at: '2026-11-01T02:00:00-06:00', customer: 'tt-5', net: 8000 }), // 2 h
        order({ id: 'f5', at: '2026-11-01T23:30:00-06:00', customer: 'tt-6', net: 32000 }), // 23 h
      ];
      // asOf Monday 11-02: last7Days = 10-26 … 11-01. Sunday is weekday 7 for both week starts.
      const expected = hourGrid([
        [7, 0, 1, 16000],
        [7, 1, 3, 7000],
        [7, 2, 1, 8000],
        [7, 23, 1, 32000],
      ]);
      expect(referenceInsights(orders, CHICAGO_MONDAY, '2026-11-02').last7Days.hourOfWeek).toEqual(expected);
      expect(referenceInsights(orders, CHICAGO_SUNDAY, '2026-11-02').last7Days.hourOfWeek).toEqual(expected);
    });
  });

  describe('cancellations', () => {
    const orders = [
      // last7Days for asOf Wed 2025-03-12: 03-05 … 03-11.
      order({ id: 'c1', at: noon('2025-03-06'), customer: 'tt-1', status: 'CANCELLED', net: 1000 }),
      order({ id: 'c2', at: noon('2025-03-07'), customer: 'tt-2', status: 'CANCELLED', net: 2000 }),
      order({ id: 'r1', at: noon('2025-03-08'), customer: 'tt-3', status: 'REFUNDED', net: 4000 }),
      order({ id: 'u1', at: noon('2025-03-08'), customer: 'tt-4', status: 'UNPAID', net: 8000 }), // in neither
      order({ id: 'p1', at: noon('2025-03-06'), customer: 'tt-5', net: 500 }),
      order({ id: 'p2', at: noon('2025-03-09'), customer: 'tt-5', status: 'SHIPPED', net: 600 }),
      order({ id: 'p3', at: noon('2025-03-10'), customer: 'tt-6', status: 'DELIVERED', net: 700 }),
      // A store cancellation is not a TikTok one.
      order({ id: 's1', channel: 'WEBSITE', at: noon('2025-03-06'), customer: 'st-1', status: 'CANCELLED', net: 9000 }),
      // The latest occurrence wins: x cancelled, then paid (counted); y paid, then refunded (300).
      order({ id: 'x', at: noon('2025-03-07'), customer: 'tt-7', status: 'CANCELLED', net: 900 }),
      order({ id: 'y', at: noon('2025-03-09'), customer: 'tt-8', net: 300 }),
      order({ id: 'x', at: noon('2025-03-07'), customer: 'tt-7', net: 900 }),
      order({ id: 'y', at: noon('2025-03-09'), customer: 'tt-8', status: 'REFUNDED', net: 300 }),
      // On asOf (cancelled) and after it (cancelled, paid): outside last7Days; after asOf nowhere.
      order({ id: 'c-as-of', at: noon('2025-03-12'), customer: 'tt-9', status: 'CANCELLED', net: 50 }),
      order({ id: 'c-after', at: noon('2025-03-13'), customer: 'tt-9', status: 'CANCELLED', net: 70 }),
      order({ id: 'p-after', at: noon('2025-03-14'), customer: 'tt-9', net: 70 }),
      // Before: a refund on 03-01 and a paid order on 02-20.
      order({ id: 'r0', at: noon('2025-03-01'), customer: 'tt-10', status: 'REFUNDED', net: 700 }),
      order({ id: 'p0', at: noon('2025-02-20'), customer: 'tt-10', net: 100 }),
    ];

    it('counts cancelled and refunded TikTok orders of the window and their rate against the counted ones', () => {
      const insights = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12', { from: '2025-03-05', to: '2025-03-12' });
      // c1, c2 cancelled; r1, y refunded: 1000 + 2000 + 4000 + 300 = 7300. Counted: p1, p2, p3, x.
      // rate = 4 ÷ (4 + 4) = 0.5.
      expect(insights.last7Days.cancellations).toEqual({ cancelledOrders: 2, refundedOrders: 2, lostNetReceiptsCents: 7300, rate: 0.5 });
      // Previous 7 days 02-26 … 03-04: r0 only, nothing counted: 1 ÷ 1.
      expect(insights.last7Days.previousCancellations).toEqual({ cancelledOrders: 0, refundedOrders: 1, lostNetReceiptsCents: 700, rate: 1 });

      // dateRange: Monday weeks 03-03 … 03-16, days ≤ asOf 03-12: also c-as-of; not c-after nor p-after.
      // 3 cancelled + 2 refunded = 5 of 5 + 4 counted: 5/9; 7300 + 50 = 7350.
      expect([insights.dateRange.start, insights.dateRange.end]).toEqual(['2025-03-03', '2025-03-16']);
      expect(insights.dateRange.cancellations).toEqual({ cancelledOrders: 3, refundedOrders: 2, lostNetReceiptsCents: 7350, rate: 5 / 9 });
      // Previous 2 weeks 02-17 … 03-02: r0 refunded and p0 counted: 1 ÷ 2.
      expect(insights.dateRange.previousCancellations).toEqual({ cancelledOrders: 0, refundedOrders: 1, lostNetReceiptsCents: 700, rate: 0.5 });
    });

    it('has a null rate when nothing was counted, cancelled or refunded, even with unpaid orders', () => {
      // A shop whose only order is u1 (unpaid, 03-08): nothing counted, cancelled or refunded.
      const unpaidOnly = orders.filter((o) => o.externalId === 'u1');
      const cancellations = referenceInsights(unpaidOnly, CHICAGO_MONDAY, '2025-03-12').last7Days.cancellations;
      expect(cancellations).toEqual(NO_CANCELLATIONS);
    });
  });

  describe('top products against the previous period', () => {
    const line = (id: string, name: string, quantity: number, unitPriceCents: number): OrderLineData => ({
      productExternalId: id,
      productName: name,
      sku: null,
      quantity,
      unitPriceCents,
    });
    const orders = [
      // The last 7 days for asOf 2025-03-12: 03-05 … 03-11.
      order({ id: 'w1', at: noon('2025-03-06'), customer: 'tt-1', lines: [line('p-a', 'Apron', 4, 500), line('p-b', 'Belt', 2, 2000)] }),
      order({
        id: 'w2',
        at: noon('2025-03-07'),
        customer: 'tt-2',
        lines: [
          line('p-c', 'Cap', 3, 1000),
          line('p-e', 'Earrings', 2, 1500),
          line('p-n', 'New Necklace', 1, 5000),
          line('p-g', 'Bag', 1, 100),
          line('p-f', 'Fan', 1, 100),
        ],
      }),
      // The previous 7 days: 02-26 … 03-04. The necklace's only order then was cancelled.
      order({ id: 'v1', at: noon('2025-02-27'), customer: 'tt-3', lines: [line('p-a', 'Apron', 1, 500), line('p-b', 'Belt', 5, 100)] }),
      order({ id: 'v2', at: noon('2025-03-03'), customer: 'tt-4', lines: [line('p-c', 'Cap', 2, 3000), line('p-d', 'Dress', 10, 10)] }),
      order({ id: 'v3', at: noon('2025-03-02'), customer: 'tt-5', status: 'CANCELLED', lines: [line('p-n', 'New Necklace', 50, 100)] }),
    ];
    const row = (
      rank: number,
      productExternalId: string,
      productName: string,
      unitsSold: number,
      totalSalesCents: number,
      previousUnitsSold: number,
      previousRank: number | null,
    ): TopProductRow => ({ rank, productExternalId, productName, sku: null, unitsSold, totalSalesCents, previousUnitsSold, previousRank });

    it('ranks by units sold, and the previous period the same way', () => {
      // Now: Apron 4 u; Cap 3 u; Belt 2 u 4000 before Earrings 2 u 3000; Necklace 1 u 5000, then
      // Bag and Fan 1 u 100 by name. Before: Dress 10 u, Belt 5 u, Cap 2 u, Apron 1 u.
      const top = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12').last7Days.topProducts;
      expect(top).toEqual([
        row(1, 'p-a', 'Apron', 4, 2000, 1, 4),
        row(2, 'p-c', 'Cap', 3, 3000, 2, 3),
        row(3, 'p-b', 'Belt', 2, 4000, 5, 2),
        row(4, 'p-e', 'Earrings', 2, 3000, 0, null),
        row(5, 'p-n', 'New Necklace', 1, 5000, 0, null), // new: its cancelled order sold nothing
        row(6, 'p-g', 'Bag', 1, 100, 0, null),
        row(7, 'p-f', 'Fan', 1, 100, 0, null),
      ]);
    });

    it('ranks by total sales, and the previous period the same way', () => {
      // Now: Necklace 5000; Belt 4000; Cap 3000 (3 u) before Earrings 3000 (2 u); Apron 2000; Bag, Fan.
      // Before: Cap 6000; Belt 500 (5 u) before Apron 500 (1 u); Dress 100.
      const top = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12', { topProductsOrderBy: 'TOTAL_SALES' }).last7Days.topProducts;
      expect(top).toEqual([
        row(1, 'p-n', 'New Necklace', 1, 5000, 0, null),
        row(2, 'p-b', 'Belt', 2, 4000, 5, 2),
        row(3, 'p-c', 'Cap', 3, 3000, 2, 1),
        row(4, 'p-e', 'Earrings', 2, 3000, 0, null),
        row(5, 'p-a', 'Apron', 4, 2000, 1, 3),
        row(6, 'p-g', 'Bag', 1, 100, 0, null),
        row(7, 'p-f', 'Fan', 1, 100, 0, null),
      ]);
    });

    it('compares a weekly range with the weeks before it', () => {
      // dateRange 03-03 … 03-09 (one Monday week) holds v2, w1, w2; the week before (02-24 … 03-02) holds v1.
      const top = referenceInsights(orders, CHICAGO_MONDAY, '2025-03-12', { from: '2025-03-03', to: '2025-03-03' }).dateRange.topProducts;
      expect(top.map((t) => [t.productExternalId, t.unitsSold, t.previousUnitsSold, t.previousRank])).toEqual([
        ['p-d', 10, 0, null],
        ['p-c', 5, 0, null], // 3 + 2
        ['p-a', 4, 1, 2], // before: Belt 5 u (rank 1), Apron 1 u (rank 2)
        ['p-b', 2, 5, 1],
        ['p-e', 2, 0, null],
        ['p-n', 1, 0, null],
        ['p-g', 1, 0, null],
        ['p-f', 1, 0, null],
      ]);
    });
  });

  describe('cohorts and days to crossover', () => {
    // Each TikTok customer lives at `1 <id> St`, 60614; a store customer ordering there makes a crossover.
    const storeAt = (id: string, tiktokCustomer: string, at: string) =>
      order({ id, channel: 'WEBSITE', customer: `st-${tiktokCustomer}`, at, address: { line1: `1 ${tiktokCustomer} St` }, net: 3000 });
    const orders = [
      // d: first order in December 2024, again in February.
      order({ id: 'd1', at: noon('2024-12-15'), customer: 'tt-d' }),
      order({ id: 'd2', at: noon('2025-02-14'), customer: 'tt-d' }),
      // a: January; a store order 02-05 → crossover after 21 days; back on TikTok in March.
      order({ id: 'a1', at: noon('2025-01-15'), customer: 'tt-a' }),
      storeAt('sa', 'tt-a', noon('2025-02-05')),
      order({ id: 'a2', at: noon('2025-03-03'), customer: 'tt-a' }),
      // b: January; TikTok again 02-10 and 04-02; store order on asOf evening → 79 days.
      order({ id: 'b1', at: noon('2025-01-20'), customer: 'tt-b' }),
      order({ id: 'b2', at: noon('2025-02-10'), customer: 'tt-b' }),
      order({ id: 'b3', at: noon('2025-04-02'), customer: 'tt-b' }),
      storeAt('sb', 'tt-b', '2025-04-09T20:00:00-05:00'),
      // g: 23:30 CST on 01-31 is 05:30Z on 02-01, still January in Chicago.
      order({ id: 'g1', at: '2025-01-31T23:30:00-06:00', customer: 'tt-g' }),
      // c: a cancelled order in January; the first COUNTED one in March → March cohort.
      // Its store order comes after asOf: no crossover yet.
      order({ id: 'c0', at: noon('2025-01-10'), customer: 'tt-c', status: 'CANCELLED' }),
      order({ id: 'c1', at: noon('2025-03-05'), customer: 'tt-c' }),
      order({ id: 'c2', at: noon('2025-04-08'), customer: 'tt-c' }),
      storeAt('sc', 'tt-c', noon('2025-04-20')),
      // e: March; a store order the same evening → 0 days.
      order({ id: 'e1', at: noon('2025-03-20'), customer: 'tt-e' }),
      storeAt('se', 'tt-e', '2025-03-20T18:00:00-05:00'),
      // h: Tuesday 04-01. i: Sunday 04-06, store order 04-08 → 2 days.
      order({ id: 'h1', at: noon('2025-04-01'), customer: 'tt-h' }),
      order({ id: 'i1', at: noon('2025-04-06'), customer: 'tt-i' }),
      storeAt('si', 'tt-i', noon('2025-04-08')),
      // f: only after asOf.
      order({ id: 'f1', at: noon('2025-04-10'), customer: 'tt-f' }),
    ];
    const asOf = '2025-04-09'; // a Wednesday
    const point = (index: number, start: string, end: string, activeCustomers: number, cumulativeCrossoverCustomers: number) => ({
      index,
      start,
      end,
      activeCustomers,
      cumulativeCrossoverCustomers,
    });
    const JAN = ['2025-01-01', '2025-01-31'] as const;
    const FEB = ['2025-02-01', '2025-02-28'] as const;
    const MAR = ['2025-03-01', '2025-03-31'] as const;
    const APR = ['2025-04-01', '2025-04-30'] as const;

    it('groups customers by the month of their first counted order and follows them to asOf', () => {
      const cohorts = referenceInsights(orders, CHICAGO_MONDAY, asOf, { cohortFirst: 4 }).cohorts;
      expect(cohorts).toEqual([
        // a, b, g. Active: Feb b; Mar a; Apr b. Crossover dates: a 02-05, b 04-09 (= asOf, the last period).
        {
          start: JAN[0],
          end: JAN[1],
          customers: 3,
          periods: [point(0, ...JAN, 3, 0), point(1, ...FEB, 1, 1), point(2, ...MAR, 1, 1), point(3, ...APR, 1, 2)],
        },
        // Nobody's first order is in February (d and b came back): an empty cohort.
        { start: FEB[0], end: FEB[1], customers: 0, periods: [point(0, ...FEB, 0, 0), point(1, ...MAR, 0, 0), point(2, ...APR, 0, 0)] },
        // c (first counted 03-05), e. Active in April: c. Crossover: e 03-20 (c's comes after asOf).
        { start: MAR[0], end: MAR[1], customers: 2, periods: [point(0, ...MAR, 2, 1), point(1, ...APR, 1, 1)] },
        // h, i; i crossed over 04-08.
        { start: APR[0], end: APR[1], customers: 2, periods: [point(0, ...APR, 2, 1)] },
      ]);
    });

    it('goes back as far as first asks, 12 months by default', () => {
      const five = referenceInsights(orders, CHICAGO_MONDAY, asOf, { cohortFirst: 5 }).cohorts;
      // December 2024: d, active again in February.
      expect(five[0]).toEqual({
        start: '2024-12-01',
        end: '2024-12-31',
        customers: 1,
        periods: [point(0, '2024-12-01', '2024-12-31', 1, 0), point(1, ...JAN, 0, 0), point(2, ...FEB, 1, 0), point(3, ...MAR, 0, 0), point(4, ...APR, 0, 0)],
      });
      const byDefault = referenceInsights(orders, CHICAGO_MONDAY, asOf).cohorts;
      expect(byDefault.map((c) => [c.start, c.customers, c.periods.length])).toEqual([
        ['2024-05-01', 0, 12],
        ['2024-06-01', 0, 11],
        ['2024-07-01', 0, 10],
        ['2024-08-01', 0, 9],
        ['2024-09-01', 0, 8],
        ['2024-10-01', 0, 7],
        ['2024-11-01', 0, 6],
        ['2024-12-01', 1, 5],
        ['2025-01-01', 3, 4],
        ['2025-02-01', 0, 3],
        ['2025-03-01', 2, 2],
        ['2025-04-01', 2, 1],
      ]);
      expect(referenceInsights(orders, CHICAGO_MONDAY, asOf, { cohortFirst: 0 }).cohorts).toEqual([]);
    });

    it('groups by Monday weeks', () => {
      // asOf's week 04-07 … 04-13. h (Tue 04-01) and i (Sun 04-06) share the week 03-31 … 04-06;
      // i's crossover (04-08) falls in the next week.
      const cohorts = referenceInsights(orders, CHICAGO_MONDAY, asOf, { cohortBy: 'WEEK', cohortFirst: 3 }).cohorts;
      expect(cohorts).toEqual([
        {
          start: '2025-03-24',
          end: '2025-03-30',
          customers: 0,
          periods: [
            point(0, '2025-03-24', '2025-03-30', 0, 0),
            point(1, '2025-03-31', '2025-04-06', 0, 0),
            point(2, '2025-04-07', '2025-04-13', 0, 0),
          ],
        },
        {
          start: '2025-03-31',
          end: '2025-04-06',
          customers: 2,
          periods: [point(0, '2025-03-31', '2025-04-06', 2, 0), point(1, '2025-04-07', '2025-04-13', 0, 1)],
        },
        { start: '2025-04-07', end: '2025-04-13', customers: 0, periods: [point(0, '2025-04-07', '2025-04-13', 0, 0)] },
      ]);
    });

    it('groups by Sunday weeks', () => {
      // asOf's week 04-06 … 04-12: i's (Sunday 04-06) own; h (Tue 04-01) is in 03-30 … 04-05.
      const cohorts = referenceInsights(orders, CHICAGO_SUNDAY, asOf, { cohortBy: 'WEEK', cohortFirst: 3 }).cohorts;
      expect(cohorts).toEqual([
        {
          start: '2025-03-23',
          end: '2025-03-29',
          customers: 0,
          periods: [
            point(0, '2025-03-23', '2025-03-29', 0, 0),
            point(1, '2025-03-30', '2025-04-05', 0, 0),
            point(2, '2025-04-06', '2025-04-12', 0, 0),
          ],
        },
        {
          start: '2025-03-30',
          end: '2025-04-05',
          customers: 1,
          periods: [point(0, '2025-03-30', '2025-04-05', 1, 0), point(1, '2025-04-06', '2025-04-12', 0, 0)],
        },
        { start: '2025-04-06', end: '2025-04-12', customers: 1, periods: [point(0, '2025-04-06', '2025-04-12', 1, 1)] },
      ]);
    });

    it('takes the median of an even count of crossover customers as the mean of the two middle ones', () => {
      const crossover = referenceInsights(orders, CHICAGO_MONDAY, asOf).crossover;
      // a 21, b 79, e 0, i 2 days (c's store order is after asOf): sorted 0, 2, 21, 79 → (2 + 21) ÷ 2.
      expect(crossover.crossoverCustomers).toBe(4);
      expect(crossover.medianDaysToCrossover).toBe(11.5);
      expect(crossover.daysToCrossover).toEqual([
        { bucket: 'WITHIN_7_DAYS', customers: 2, share: 0.5 }, // e, i
        { bucket: 'WITHIN_30_DAYS', customers: 1, share: 0.25 }, // a
        { bucket: 'WITHIN_90_DAYS', customers: 1, share: 0.25 }, // b
        { bucket: 'LATER', customers: 0, share: 0 },
      ]);
      // On 04-08, b has not crossed over yet: a 21, e 0, i 2 → 2.
      expect(referenceInsights(orders, CHICAGO_MONDAY, '2025-04-08').crossover.medianDaysToCrossover).toBe(2);
    });
  });

  it('buckets days to crossover at 7, 30 and 90 days, counting calendar days in the shop zone', () => {
    const at = (tiktokCustomer: string, tiktokAt: string, storeAt: string) => [
      order({ id: `t-${tiktokCustomer}`, at: tiktokAt, customer: tiktokCustomer }),
      order({ id: `s-${tiktokCustomer}`, channel: 'APP', at: storeAt, customer: `st-${tiktokCustomer}`, address: { line1: `1 ${tiktokCustomer} St` } }),
    ];
    const orders = [
      // 00:10 on 01-01 to 23:50 on 01-08: almost 8 × 24 hours, but 7 days.
      ...at('tt-7', '2025-01-01T00:10:00-06:00', '2025-01-08T23:50:00-06:00'),
      // 23:30 CST on 03-08 to 00:30 CDT on 03-16: exactly 7 × 24 hours (05:30Z both), but 8 days.
      ...at('tt-8', '2025-03-08T23:30:00-06:00', '2025-03-16T00:30:00-05:00'),
      ...at('tt-30', noon('2025-01-01'), noon('2025-01-31')),
      ...at('tt-31', noon('2025-01-01'), noon('2025-02-01')),
      ...at('tt-90', noon('2025-01-01'), noon('2025-04-01')), // 31 + 28 + 31 = 90
      ...at('tt-91', noon('2025-01-01'), noon('2025-04-02')),
      ...at('tt-200', noon('2024-12-01'), noon('2025-06-19')), // 31 + 31 + 28 + 31 + 30 + 31 + 18 = 200
    ];
    const crossover = referenceInsights(orders, CHICAGO_MONDAY, '2025-07-01').crossover;
    expect(crossover.crossoverCustomers).toBe(7);
    // 7, 8, 30, 31, 90, 91, 200: the middle one.
    expect(crossover.medianDaysToCrossover).toBe(31);
    expect(crossover.daysToCrossover).toEqual([
      { bucket: 'WITHIN_7_DAYS', customers: 1, share: 1 / 7 },
      { bucket: 'WITHIN_30_DAYS', customers: 2, share: 2 / 7 },
      { bucket: 'WITHIN_90_DAYS', customers: 2, share: 2 / 7 },
      { bucket: 'LATER', customers: 2, share: 2 / 7 },
    ]);
  });
});
