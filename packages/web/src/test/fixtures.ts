import { addDays, formatMoney } from '@tiktok-insights/shared';

/* Server answers shaped like the API's, with __typename as Apollo's cache expects. */

export const money = (cents: number) => ({ __typename: 'Money' as const, cents, formatted: formatMoney(cents, 'USD'), currency: 'USD' });

export function summary(orders: number, netCents: number, unique: number, aovBelowTarget = false) {
  return {
    __typename: 'MetricSummary' as const,
    totalOrders: orders,
    netReceipts: money(netCents),
    averageOrderValue: orders === 0 ? null : money(Math.round(netCents / orders)),
    uniqueCustomers: unique,
    aovBelowTarget,
  };
}

function point(start: string, end: string, orders: number) {
  return {
    __typename: 'PeriodPoint' as const,
    start,
    end,
    orders,
    netReceipts: money(orders * 4500),
    allChannelsNetReceipts: money(orders * 6000),
    nonTikTokNetReceipts: money(orders * 1500),
    tiktokShare: orders === 0 ? null : 0.75,
    uniqueCustomers: orders,
    firstTimeCustomers: Math.floor(orders / 2),
    repeatCustomers: orders - Math.floor(orders / 2),
  };
}

/**
 * The week's hours: a little in the daytime, more in the evening, and three hot hours when the
 * window has orders (Tuesday 7–9 pm and Thursday 8–9 pm; weekday 1 = Monday).
 */
export function hourOfWeek(withOrders: boolean, hot: Record<string, number> = { '2:19': 10, '2:20': 9, '4:20': 9 }) {
  const cells = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    for (let hour = 0; hour < 24; hour += 1) {
      const base = hour >= 18 && hour <= 21 ? 3 : hour >= 9 && hour < 18 ? 1 : 0;
      const orders = withOrders ? (hot[`${weekday}:${hour}`] ?? base) : 0;
      cells.push({ __typename: 'HourOfWeekCell' as const, weekday, hour, orders, netReceipts: money(orders * 4500) });
    }
  }
  return cells;
}

export function cancellations(cancelled: number, refunded: number, counted: number) {
  const lost = cancelled + refunded;
  return {
    __typename: 'CancellationSummary' as const,
    cancelledOrders: cancelled,
    refundedOrders: refunded,
    lostNetReceipts: money(lost * 4500),
    rate: lost + counted === 0 ? null : lost / (lost + counted),
  };
}

export function period(start: string, days: number, step: 1 | 7, orders: number) {
  const points = [];
  for (let i = 0; i < days; i += step) points.push(point(addDays(start, i), addDays(start, i + step - 1), orders));
  const end = addDays(start, days - 1);
  return {
    __typename: 'PeriodInsights' as const,
    start,
    end,
    previousStart: addDays(start, -days),
    previousEnd: addDays(start, -1),
    summary: summary(orders * points.length, orders * points.length * 4500, orders * points.length),
    previous: summary(orders * points.length - (orders ? 10 : 0), (orders * points.length - (orders ? 10 : 0)) * 4500, orders * points.length),
    series: points,
    hourOfWeek: hourOfWeek(orders > 0),
    cancellations: orders ? cancellations(3, 1, orders * points.length) : cancellations(0, 0, 0),
    previousCancellations: orders ? cancellations(2, 1, orders * points.length - 10) : cancellations(0, 0, 0),
    topProducts: orders
      ? [
          { __typename: 'TopProduct' as const, rank: 1, unitsSold: 40, previousRank: 3, previousUnitsSold: 20, totalSales: money(180000), product: { __typename: 'Product' as const, id: 'p1', name: 'Ribbed Ivory Crop Top', sku: 'RIC-S' } },
          { __typename: 'TopProduct' as const, rank: 2, unitsSold: 25, previousRank: null, previousUnitsSold: 0, totalSales: money(250000), product: { __typename: 'Product' as const, id: 'p2', name: '=Sunday Camel Hoops', sku: null } },
        ]
      : [],
  };
}

export function customer(i: number) {
  return {
    __typename: 'TikTokCustomer' as const,
    id: `c${i}`,
    tiktokCustomerId: `tt-${1000 + i}`,
    name: `Customer ${i}`,
    address: { __typename: 'Address' as const, line1: `${i} Main St`, line2: null, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    orders: 10 - i,
    netReceipts: money((10 - i) * 4000),
    firstOrderAt: '2026-01-05T15:00:00.000Z',
    lastOrderAt: '2026-11-20T15:00:00.000Z',
  };
}

export function customerConnection(ids: number[], endCursor: string | null, hasNextPage: boolean, totalCount = 60) {
  return {
    __typename: 'TikTokCustomerConnection' as const,
    totalCount,
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage, endCursor },
    edges: ids.map((i) => ({ __typename: 'TikTokCustomerEdge' as const, cursor: `cursor-${i}`, node: customer(i) })),
  };
}

/**
 * Twelve cohorts up to asOf's period, oldest first, each with its periods up to asOf's; the second
 * has no customers. `starts` are the periods' first days, `ends` their last.
 */
export function cohorts(starts: string[], ends: string[], { empty = false }: { empty?: boolean } = {}) {
  const sizes = [40, 0, 25, 18, 30, 22, 35, 28, 16, 20, 24, 12];
  return starts.map((start, i) => {
    const customers = empty ? 0 : sizes[i % sizes.length]!;
    return {
      __typename: 'Cohort' as const,
      start,
      end: ends[i]!,
      customers,
      periods: starts.slice(i).map((periodStart, index) => ({
        __typename: 'CohortPeriodPoint' as const,
        index,
        start: periodStart,
        end: ends[i + index]!,
        activeCustomers: index === 0 ? customers : Math.floor((customers * 0.3) / index),
        cumulativeCrossoverCustomers: Math.min(customers, Math.floor(customers * 0.05 * (index + 1))),
      })),
    };
  });
}

/** The month cohorts of the fixtures' asOf (Nov 26, 2026): Dec 2025 … Nov 2026. */
export function monthCohorts(options: { empty?: boolean } = {}) {
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = ((11 + i) % 12) + 1;
    const year = i === 0 ? 2025 : 2026;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return [`${year}-${String(month).padStart(2, '0')}-01`, `${year}-${String(month).padStart(2, '0')}-${days}`] as const;
  });
  return cohorts(
    months.map(([s]) => s),
    months.map(([, e]) => e),
    options,
  );
}

/** The week cohorts (weeks from Monday) of the fixtures' asOf: Sep 7 … Nov 23, 2026. */
export function weekCohorts(options: { empty?: boolean } = {}) {
  const starts = Array.from({ length: 12 }, (_, i) => addDays('2026-09-07', i * 7));
  return cohorts(
    starts,
    starts.map((s) => addDays(s, 6)),
    options,
  );
}

export function insights({ empty = false }: { empty?: boolean } = {}) {
  const n = empty ? 0 : 12;
  return {
    __typename: 'TikTokInsights' as const,
    asOf: '2026-11-26',
    allTime: summary(empty ? 0 : 1500, empty ? 0 : 6_800_000, empty ? 0 : 400),
    last7Days: period('2026-11-19', 7, 1, n),
    dateRange: period('2026-10-12', 42, 7, n * 7),
    customers: empty ? customerConnection([], null, false, 0) : customerConnection([1, 2, 3], 'cursor-3', true),
    cohorts: monthCohorts({ empty }),
    crossover: {
      __typename: 'CrossoverInsights' as const,
      sourcedCustomers: empty ? 0 : 300,
      crossoverCustomers: empty ? 0 : 30,
      crossoverRate: empty ? 0 : 0.1,
      crossoverNonTikTokNetReceipts: money(empty ? 0 : 250000),
      cumulativeByWeek: empty
        ? []
        : [
            { __typename: 'CrossoverWeek' as const, start: '2026-11-09', end: '2026-11-15', cumulativeSourcedCustomers: 290, cumulativeCrossoverCustomers: 28, crossoverRate: 28 / 290 },
            { __typename: 'CrossoverWeek' as const, start: '2026-11-16', end: '2026-11-22', cumulativeSourcedCustomers: 300, cumulativeCrossoverCustomers: 30, crossoverRate: 0.1 },
          ],
      orderBreakdown: (['NONE', 'ONE', 'TWO', 'THREE_OR_MORE'] as const).map((bucket, i) => ({
        __typename: 'CrossoverBucket' as const,
        bucket,
        customers: empty ? 0 : [270, 20, 6, 4][i]!,
        share: empty ? 0 : [0.9, 0.0667, 0.02, 0.0133][i]!,
      })),
      medianDaysToCrossover: empty ? null : 12,
      daysToCrossover: (['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER'] as const).map((bucket, i) => ({
        __typename: 'CrossoverLagBucket' as const,
        bucket,
        customers: empty ? 0 : [12, 9, 6, 3][i]!,
        share: empty ? 0 : [12, 9, 6, 3][i]! / 30,
      })),
      customers: { __typename: 'CrossoverCustomerConnection' as const, totalCount: 0, pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null }, edges: [] },
    },
  };
}

export function pageData({ connected = true, empty = false }: { connected?: boolean; empty?: boolean } = {}) {
  return {
    shop: {
      __typename: 'Shop' as const,
      id: 'shop-1',
      name: 'Rosie Lane Boutique',
      timezone: 'America/Chicago',
      currency: 'USD',
      weekStartsOn: 'MONDAY' as const,
      lastImportAt: empty ? null : '2026-11-26T11:16:44.386Z',
      aovTarget: { __typename: 'Money' as const, formatted: '$40.00' },
      tiktok: { __typename: 'TikTokIntegration' as const, connected },
      tiktokInsights: connected ? insights({ empty }) : null,
    },
  };
}
