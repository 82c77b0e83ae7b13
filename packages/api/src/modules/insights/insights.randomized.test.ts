import { beforeAll, describe, expect, it } from 'vitest';
import { type WeekStart, dayInZone, isCounted, parseIsoDateTime, wallClockHourOfWeek, zoneOffsetMs } from '@tiktok-insights/shared';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION } from '../../test-support/order-factory.js';
import { randomOrders } from '../../test-support/random-orders.js';
import {
  type CohortRow,
  type Period,
  type ReferenceOptions,
  latestOrderPerKey,
  referenceInsights,
  type ReferenceShop,
} from '../../test-support/reference-metrics.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { OrderData } from '../orders/order-input.js';

const SUMMARY = `totalOrders netReceipts { cents } averageOrderValue { cents } uniqueCustomers aovBelowTarget`;
const CANCELLATIONS = `cancelledOrders refundedOrders lostNetReceipts { cents } rate`;
const TOP_PRODUCT = `rank unitsSold totalSales { cents } previousUnitsSold previousRank product { externalId name sku }`;
const COHORT = `start end customers periods { index start end activeCustomers cumulativeCrossoverCustomers }`;
const PERIOD = `
  start end
  summary { ${SUMMARY} }
  previous { ${SUMMARY} }
  series {
    start end orders netReceipts { cents } allChannelsNetReceipts { cents } nonTikTokNetReceipts { cents }
    tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers
  }
  topProducts(first: 500) { ${TOP_PRODUCT} }
  hourOfWeek { weekday hour orders netReceipts { cents } }
  cancellations { ${CANCELLATIONS} }
  previousCancellations { ${CANCELLATIONS} }`;

const INSIGHTS = `
  query Insights($asOf: Date, $from: Date, $to: Date, $crossoverFrom: Date, $crossoverTo: Date, $after: String, $crossoverAfter: String) {
    shop {
      tiktokInsights(asOf: $asOf) {
        asOf
        allTime { ${SUMMARY} }
        last7Days { ${PERIOD} }
        dateRange(from: $from, to: $to) { ${PERIOD} }
        customers(first: 500, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node {
            tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents }
            address { line1 line2 city region postalCode country }
          } }
        }
        cohorts { ${COHORT} }
        crossover {
          sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents }
          orderBreakdown { bucket customers share }
          medianDaysToCrossover
          daysToCrossover { bucket customers share }
          cumulativeByWeek(from: $crossoverFrom, to: $crossoverTo) {
            start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate
          }
          customers(first: 500, after: $crossoverAfter) {
            totalCount
            edges { node {
              firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents }
              customer { tiktokCustomerId orders netReceipts { cents } }
            } }
          }
        }
      }
    }
  }`;

/** The section-11 figures asked in other shapes than the main query's: both orderings, cohorts by month and week. */
const MORE_INSIGHTS = `
  query MoreInsights($asOf: Date, $from: Date, $to: Date) {
    shop {
      tiktokInsights(asOf: $asOf) {
        last7Days {
          byUnits: topProducts(first: 500, orderBy: UNITS_SOLD) { ${TOP_PRODUCT} }
          bySales: topProducts(first: 500, orderBy: TOTAL_SALES) { ${TOP_PRODUCT} }
        }
        dateRange(from: $from, to: $to) {
          byUnits: topProducts(first: 500, orderBy: UNITS_SOLD) { ${TOP_PRODUCT} }
          bySales: topProducts(first: 500, orderBy: TOTAL_SALES) { ${TOP_PRODUCT} }
        }
        threeMonths: cohorts(by: MONTH, first: 3) { ${COHORT} }
        twentyWeeks: cohorts(by: WEEK, first: 20) { ${COHORT} }
        oneWeek: cohorts(by: WEEK, first: 1) { ${COHORT} }
      }
    }
  }`;

/** The variants MORE_INSIGHTS asks for, as reference options. */
const COHORT_VARIANTS: Array<{ alias: string; options: ReferenceOptions }> = [
  { alias: 'threeMonths', options: { cohortBy: 'MONTH', cohortFirst: 3 } },
  { alias: 'twentyWeeks', options: { cohortBy: 'WEEK', cohortFirst: 20 } },
  { alias: 'oneWeek', options: { cohortBy: 'WEEK', cohortFirst: 1 } },
];

const summaryOf = (s: any) => ({
  totalOrders: s.totalOrders,
  netReceiptsCents: s.netReceipts.cents,
  averageOrderValueCents: s.averageOrderValue?.cents ?? null,
  uniqueCustomers: s.uniqueCustomers,
  aovBelowTarget: s.aovBelowTarget,
});

const periodOf = (p: any) => ({
  start: p.start,
  end: p.end,
  summary: summaryOf(p.summary),
  previous: summaryOf(p.previous),
  series: p.series.map((point: any) => ({
    start: point.start,
    end: point.end,
    orders: point.orders,
    netReceiptsCents: point.netReceipts.cents,
    allChannelsNetReceiptsCents: point.allChannelsNetReceipts.cents,
    nonTikTokNetReceiptsCents: point.nonTikTokNetReceipts.cents,
    tiktokShare: point.tiktokShare,
    uniqueCustomers: point.uniqueCustomers,
    firstTimeCustomers: point.firstTimeCustomers,
    repeatCustomers: point.repeatCustomers,
  })),
  topProducts: topProductsOf(p.topProducts),
  hourOfWeek: p.hourOfWeek.map((cell: any) => ({
    weekday: cell.weekday,
    hour: cell.hour,
    orders: cell.orders,
    netReceiptsCents: cell.netReceipts.cents,
  })),
  cancellations: cancellationsOf(p.cancellations),
  previousCancellations: cancellationsOf(p.previousCancellations),
});

function topProductsOf(rows: any[]) {
  return rows.map((t: any) => ({
    rank: t.rank,
    productExternalId: t.product.externalId,
    productName: t.product.name,
    sku: t.product.sku,
    unitsSold: t.unitsSold,
    totalSalesCents: t.totalSales.cents,
    previousUnitsSold: t.previousUnitsSold,
    previousRank: t.previousRank,
  }));
}

function cancellationsOf(c: any) {
  return {
    cancelledOrders: c.cancelledOrders,
    refundedOrders: c.refundedOrders,
    lostNetReceiptsCents: c.lostNetReceipts.cents,
    rate: c.rate,
  };
}

/** Field by field, each difference reported (soft), so that one run lists every figure that disagrees. */
function expectPeriod(label: string, actual: Period, expected: Period) {
  for (const field of Object.keys(expected) as Array<keyof Period>) {
    expect.soft(actual[field], `${label}.${field}`).toEqual(expected[field]);
  }
}

function expectCohorts(label: string, actual: CohortRow[], expected: CohortRow[]) {
  expect.soft(actual.map((c) => [c.start, c.end]), `${label} periods`).toEqual(expected.map((c) => [c.start, c.end]));
  expected.forEach((cohort, i) => expect.soft(actual[i], `${label}[${cohort.start}]`).toEqual(cohort));
}

const byId = <T extends { tiktokCustomerId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.tiktokCustomerId < b.tiktokCustomerId ? -1 : 1));

interface ShopCase {
  name: string;
  timezone: string;
  weekStartsOn: WeekStart;
  seed: number;
  firstDay: string;
  /** Whether the days hold a fall-back day (an hour the clock shows twice). */
  fallsBack: boolean;
}

const SHOPS: ShopCase[] = [
  // Spring forward on 2025-03-09.
  { name: 'Chicago Monday', timezone: 'America/Chicago', weekStartsOn: 'MONDAY', seed: 11, firstDay: '2025-02-01', fallsBack: false },
  // Fall back on 2025-11-02 (1 a.m. twice).
  { name: 'New York Sunday', timezone: 'America/New_York', weekStartsOn: 'SUNDAY', seed: 22, firstDay: '2025-09-20', fallsBack: true },
  { name: 'Tokyo Sunday', timezone: 'Asia/Tokyo', weekStartsOn: 'SUNDAY', seed: 33, firstDay: '2024-12-01', fallsBack: false },
  // Fall back on 2025-04-06 (2 a.m. twice).
  { name: 'Sydney Monday', timezone: 'Australia/Sydney', weekStartsOn: 'MONDAY', seed: 44, firstDay: '2025-03-10', fallsBack: true },
];
const DAYS = 90;
/** Crossovers after 0–7, 8–30, 31–90 and 91–95 days, and orders either side of each clock change. */
const SECTION_11_TRAFFIC = { delayedCrossovers: 12, ordersPerClockChange: 12 };

let api: TestApi;
useTestApiPerFile((started) => ({ api } = started));

describe.each(SHOPS)('every insights field equals the reference computation ($name)', (shopCase) => {
  let token: string;
  let allOrders: OrderData[];
  const shop: ReferenceShop = {
    timezone: shopCase.timezone,
    weekStartsOn: shopCase.weekStartsOn,
    currency: 'USD',
    aovTargetCents: 4000,
  };

  beforeAll(async () => {
    ({ token } = await api.createShop({
      name: shopCase.name,
      timezone: shopCase.timezone,
      weekStartsOn: shopCase.weekStartsOn,
    }));
    const batches = randomOrders({
      seed: shopCase.seed,
      timeZone: shopCase.timezone,
      firstDay: shopCase.firstDay,
      days: DAYS,
      orders: 900,
      ...SECTION_11_TRAFFIC,
    });
    for (const batch of batches) {
      const result = await api.gql(IMPORT_MUTATION, { orders: batch }, token);
      expect(result.errors).toBeUndefined();
    }
    allOrders = batches.flat();
  });

  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const cases = [
    { label: 'after the last order', asOf: () => addDays(shopCase.firstDay, DAYS + 10) },
    { label: 'in the middle, default ranges', asOf: () => addDays(shopCase.firstDay, 45) },
    {
      label: 'in the middle, explicit ranges that reach past asOf',
      asOf: () => addDays(shopCase.firstDay, 50),
      from: () => addDays(shopCase.firstDay, 3),
      to: () => addDays(shopCase.firstDay, 60),
      crossoverFrom: () => addDays(shopCase.firstDay, 20),
      crossoverTo: () => addDays(shopCase.firstDay, 70),
    },
    { label: 'before the first order', asOf: () => addDays(shopCase.firstDay, -3) },
  ];

  it.each(cases)('asOf $label', async (c) => {
    const variables = {
      asOf: c.asOf(),
      from: c.from?.() ?? null,
      to: c.to?.() ?? null,
      crossoverFrom: c.crossoverFrom?.() ?? null,
      crossoverTo: c.crossoverTo?.() ?? null,
    };
    const result = await api.gql(INSIGHTS, variables, token);
    expect(result.errors).toBeUndefined();
    const actual = result.data!.shop.tiktokInsights;
    const expected = referenceInsights(allOrders, shop, variables.asOf, variables);

    expect(actual.asOf).toBe(expected.asOf);
    expect(summaryOf(actual.allTime)).toEqual(expected.allTime);
    expectPeriod('last7Days', periodOf(actual.last7Days), expected.last7Days);
    expectPeriod('dateRange', periodOf(actual.dateRange), expected.dateRange);
    expectCohorts('cohorts', actual.cohorts, expected.cohorts);

    expect(actual.customers.totalCount).toBe(expected.customers.length);
    expect(actual.customers.pageInfo.hasNextPage).toBe(false);
    const customers = actual.customers.edges.map(({ node }: any) => ({
      tiktokCustomerId: node.tiktokCustomerId,
      name: node.name,
      address: node.address,
      firstOrderAt: node.firstOrderAt,
      lastOrderAt: node.lastOrderAt,
      orders: node.orders,
      netReceiptsCents: node.netReceipts.cents,
    }));
    expect(byId(customers)).toEqual(byId(expected.customers));

    const crossover = actual.crossover;
    expect({
      sourcedCustomers: crossover.sourcedCustomers,
      crossoverCustomers: crossover.crossoverCustomers,
      crossoverRate: crossover.crossoverRate,
      crossoverNonTikTokNetReceiptsCents: crossover.crossoverNonTikTokNetReceipts.cents,
      orderBreakdown: crossover.orderBreakdown,
      cumulativeByWeek: crossover.cumulativeByWeek,
      medianDaysToCrossover: crossover.medianDaysToCrossover,
      daysToCrossover: crossover.daysToCrossover,
    }).toEqual({ ...expected.crossover, customers: undefined });
    expect(crossover.customers.totalCount).toBe(expected.crossover.customers.length);
    const crossoverCustomers = crossover.customers.edges.map(({ node }: any) => ({
      tiktokCustomerId: node.customer.tiktokCustomerId,
      firstTikTokOrderAt: node.firstTikTokOrderAt,
      firstCrossoverOrderAt: node.firstCrossoverOrderAt,
      nonTikTokOrders: node.nonTikTokOrders,
      nonTikTokNetReceiptsCents: node.nonTikTokNetReceipts.cents,
    }));
    expect(byId(crossoverCustomers)).toEqual(byId(expected.crossover.customers));
    // The crossover node's customer carries the marketing figures as of the same day.
    for (const { node } of crossover.customers.edges) {
      const listed = customers.find((c: { tiktokCustomerId: string }) => c.tiktokCustomerId === node.customer.tiktokCustomerId)!;
      expect({ orders: node.customer.orders, netReceiptsCents: node.customer.netReceipts.cents }).toEqual({
        orders: listed.orders,
        netReceiptsCents: listed.netReceiptsCents,
      });
    }

    // Top products in both orderings, and cohorts by month and week with other `first`s.
    const more = await api.gql(MORE_INSIGHTS, { asOf: variables.asOf, from: variables.from, to: variables.to }, token);
    expect(more.errors).toBeUndefined();
    const moreActual = more.data!.shop.tiktokInsights;
    const bySales = referenceInsights(allOrders, shop, variables.asOf, { ...variables, topProductsOrderBy: 'TOTAL_SALES' });
    for (const window of ['last7Days', 'dateRange'] as const) {
      expect.soft(topProductsOf(moreActual[window].byUnits), `${window} UNITS_SOLD`).toEqual(expected[window].topProducts);
      expect.soft(topProductsOf(moreActual[window].bySales), `${window} TOTAL_SALES`).toEqual(bySales[window].topProducts);
    }
    for (const { alias, options } of COHORT_VARIANTS) {
      const cohorts = referenceInsights(allOrders, shop, variables.asOf, { ...variables, ...options }).cohorts;
      expectCohorts(alias, moreActual[alias], cohorts);
    }
  });

  // Small pages of the marketing list as of a past day, in every order: a page is bounded by the
  // customers whose kept totals are still theirs, so customers who bought later must land where
  // their figures as of that day put them, on whichever page that is.
  it.each(['NAME', 'FIRST_ORDER_AT', 'LAST_ORDER_AT', 'ORDERS', 'NET_RECEIPTS'])(
    'pages the marketing list as of a past day by %s, both directions, as the reference orders it',
    async (field) => {
      const asOf = addDays(shopCase.firstDay, 45);
      const expected = referenceInsights(allOrders, shop, asOf).customers;
      const key = (c: (typeof expected)[number]): string | number =>
        field === 'NAME' ? c.name : field === 'FIRST_ORDER_AT' ? c.firstOrderAt : field === 'LAST_ORDER_AT' ? c.lastOrderAt : field === 'ORDERS' ? c.orders : c.netReceiptsCents;
      const codePoint = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
      for (const direction of ['ASC', 'DESC'] as const) {
        const sign = direction === 'ASC' ? 1 : -1;
        // Ties by the customer's internal id, which follows import order; compare the sort values
        // in order and the set of customers, so a tie may fall either way.
        const wanted = [...expected].sort((a, b) => sign * codePoint(key(a), key(b)));
        const seen: typeof expected = [];
        let after: string | null = null;
        for (let pages = 0; pages < 200; pages++) {
          const result: { data?: any; errors?: unknown } = await api.gql(
            `query ($asOf: Date, $after: String, $orderBy: CustomerOrder) { shop { tiktokInsights(asOf: $asOf) {
               customers(first: 7, after: $after, orderBy: $orderBy) { pageInfo { hasNextPage endCursor }
                 edges { node { tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents } address { line1 line2 city region postalCode country } } } } } } }`,
            { asOf, after, orderBy: { field, direction } },
            token,
          );
          expect(result.errors).toBeUndefined();
          const connection: any = result.data!.shop.tiktokInsights.customers;
          for (const { node } of connection.edges) {
            seen.push({
              tiktokCustomerId: node.tiktokCustomerId, name: node.name, address: node.address, firstOrderAt: node.firstOrderAt,
              lastOrderAt: node.lastOrderAt, orders: node.orders, netReceiptsCents: node.netReceipts.cents,
            });
          }
          if (!connection.pageInfo.hasNextPage) break;
          after = connection.pageInfo.endCursor;
        }
        expect(seen.map(key), `${field} ${direction}`).toEqual(wanted.map(key));
        expect(byId(seen)).toEqual(byId(expected));
      }
    },
  );

  it('has real crossover and update traffic to compare (the data exercises the rules)', () => {
    const expected = referenceInsights(allOrders, shop, addDays(shopCase.firstDay, DAYS + 10));
    expect(expected.crossover.crossoverCustomers).toBeGreaterThan(0);
    expect(expected.crossover.sourcedCustomers).toBeGreaterThan(expected.crossover.crossoverCustomers);
    expect(expected.customers.length).toBeGreaterThan(30);
    expect(new Set(allOrders.map((o) => `${o.channel}|${o.externalId}`)).size).toBeLessThan(allOrders.length);
  });

  it('has section-11 traffic to compare: cancellations, hours, rank changes, cohorts, crossover lags', () => {
    const end = addDays(shopCase.firstDay, DAYS + 10);
    const middle = referenceInsights(allOrders, shop, addDays(shopCase.firstDay, 45));
    // Cancelled and refunded TikTok orders in the windows and the ones before them.
    for (const period of [middle.last7Days, middle.dateRange]) {
      expect(period.cancellations.cancelledOrders).toBeGreaterThan(0);
      expect(period.cancellations.refundedOrders).toBeGreaterThan(0);
      expect(period.cancellations.rate).toBeGreaterThan(0);
      expect(period.cancellations.rate).toBeLessThan(1);
    }
    expect(middle.last7Days.previousCancellations.cancelledOrders + middle.last7Days.previousCancellations.refundedOrders).toBeGreaterThan(0);
    // Orders all over the week's hours, several in some of them.
    const filled = middle.dateRange.hourOfWeek.filter((cell) => cell.orders > 0);
    expect(filled.length).toBeGreaterThan(60);
    expect(new Set(filled.map((cell) => cell.weekday)).size).toBe(7);
    expect(filled.some((cell) => cell.orders > 1)).toBe(true);

    // Products that moved between ranks, in both orderings, and products with no previous rank.
    const bySales = referenceInsights(allOrders, shop, addDays(shopCase.firstDay, 45), { topProductsOrderBy: 'TOTAL_SALES' });
    for (const top of [middle.last7Days.topProducts, bySales.last7Days.topProducts]) {
      expect(top.some((t) => t.previousRank !== null && t.previousRank !== t.rank)).toBe(true);
    }
    expect(bySales.last7Days.topProducts.map((t) => t.productExternalId)).not.toEqual(middle.last7Days.topProducts.map((t) => t.productExternalId));
    const explicit = referenceInsights(allOrders, shop, addDays(shopCase.firstDay, 50), { from: addDays(shopCase.firstDay, 3), to: addDays(shopCase.firstDay, 60) });
    expect(explicit.dateRange.topProducts.some((t) => t.previousRank === null)).toBe(true);

    // Cohorts: several with customers coming back, crossovers accumulating, empty ones.
    for (const options of [{}, { cohortBy: 'WEEK', cohortFirst: 20 }] as ReferenceOptions[]) {
      const cohorts = referenceInsights(allOrders, shop, end, options).cohorts;
      expect(cohorts.filter((c) => c.periods.slice(1).some((p) => p.activeCustomers > 0)).length).toBeGreaterThan(1);
      expect(cohorts.some((c) => c.periods.at(-1)!.cumulativeCrossoverCustomers > c.periods[0]!.cumulativeCrossoverCustomers)).toBe(true);
      expect(cohorts.some((c) => c.customers === 0)).toBe(true);
    }
    // A TikTok customer whose first order did not count and whose first counted order came on a later day.
    const tiktokOrders = latestOrderPerKey(allOrders).filter((o) => o.channel === 'TIKTOK');
    const dayOf = (placedAt: string) => dayInZone(parseIsoDateTime(placedAt), shopCase.timezone);
    const firstDays = new Map<string, { any: string; counted: string | null }>();
    for (const order of tiktokOrders) {
      const day = dayOf(order.placedAt);
      const known = firstDays.get(order.customer.externalId) ?? { any: day, counted: null };
      if (day < known.any) known.any = day;
      if (isCounted(order.status) && (known.counted === null || day < known.counted)) known.counted = day;
      firstDays.set(order.customer.externalId, known);
    }
    expect([...firstDays.values()].some((f) => f.counted !== null && f.any < f.counted)).toBe(true);

    // Crossovers in every lag bucket.
    const crossover = referenceInsights(allOrders, shop, end).crossover;
    expect(crossover.daysToCrossover.map((b) => b.customers).every((n) => n > 0)).toBe(true);
    expect(crossover.medianDaysToCrossover).not.toBeNull();

    // On a fall-back day, counted orders in both passes of the repeated hour.
    if (shopCase.fallsBack) {
      const offsetsByHour = new Map<string, Set<number>>();
      for (const order of tiktokOrders.filter((o) => isCounted(o.status))) {
        const instant = parseIsoDateTime(order.placedAt);
        const key = `${dayOf(order.placedAt)} ${wallClockHourOfWeek(instant, shopCase.timezone).hour}`;
        offsetsByHour.set(key, (offsetsByHour.get(key) ?? new Set()).add(zoneOffsetMs(instant, shopCase.timezone)));
      }
      expect([...offsetsByHour.values()].some((offsets) => offsets.size === 2)).toBe(true);
    }
  });
});
