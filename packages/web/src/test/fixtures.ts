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
    topProducts: orders
      ? [
          { __typename: 'TopProduct' as const, rank: 1, unitsSold: 40, totalSales: money(180000), product: { __typename: 'Product' as const, id: 'p1', name: 'Ribbed Ivory Crop Top', sku: 'RIC-S' } },
          { __typename: 'TopProduct' as const, rank: 2, unitsSold: 25, totalSales: money(250000), product: { __typename: 'Product' as const, id: 'p2', name: '=Sunday Camel Hoops', sku: null } },
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

export function insights({ empty = false }: { empty?: boolean } = {}) {
  const n = empty ? 0 : 12;
  return {
    __typename: 'TikTokInsights' as const,
    asOf: '2026-11-26',
    allTime: summary(empty ? 0 : 1500, empty ? 0 : 6_800_000, empty ? 0 : 400),
    last7Days: period('2026-11-19', 7, 1, n),
    dateRange: period('2026-10-12', 42, 7, n * 7),
    customers: empty ? customerConnection([], null, false, 0) : customerConnection([1, 2, 3], 'cursor-3', true),
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
