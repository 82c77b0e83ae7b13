import { beforeAll, describe, expect, it } from 'vitest';
import type { WeekStart } from '@tiktok-insights/shared';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION } from '../../test-support/order-factory.js';
import { randomOrders } from '../../test-support/random-orders.js';
import { referenceInsights, type ReferenceShop } from '../../test-support/reference-metrics.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { OrderData } from '../orders/order-input.js';

const SUMMARY = `totalOrders netReceipts { cents } averageOrderValue { cents } uniqueCustomers aovBelowTarget`;
const PERIOD = `
  start end
  summary { ${SUMMARY} }
  previous { ${SUMMARY} }
  series {
    start end orders netReceipts { cents } allChannelsNetReceipts { cents } nonTikTokNetReceipts { cents }
    tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers
  }
  topProducts(first: 500) { rank unitsSold totalSales { cents } product { externalId name sku } }`;

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
        crossover {
          sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents }
          orderBreakdown { bucket customers share }
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
  topProducts: p.topProducts.map((t: any) => ({
    rank: t.rank,
    productExternalId: t.product.externalId,
    productName: t.product.name,
    sku: t.product.sku,
    unitsSold: t.unitsSold,
    totalSalesCents: t.totalSales.cents,
  })),
});

const byId = <T extends { tiktokCustomerId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.tiktokCustomerId < b.tiktokCustomerId ? -1 : 1));

interface ShopCase {
  name: string;
  timezone: string;
  weekStartsOn: WeekStart;
  seed: number;
  firstDay: string;
}

const SHOPS: ShopCase[] = [
  { name: 'Chicago Monday', timezone: 'America/Chicago', weekStartsOn: 'MONDAY', seed: 11, firstDay: '2025-02-01' },
  { name: 'New York Sunday', timezone: 'America/New_York', weekStartsOn: 'SUNDAY', seed: 22, firstDay: '2025-09-20' },
  { name: 'Tokyo Sunday', timezone: 'Asia/Tokyo', weekStartsOn: 'SUNDAY', seed: 33, firstDay: '2024-12-01' },
  { name: 'Sydney Monday', timezone: 'Australia/Sydney', weekStartsOn: 'MONDAY', seed: 44, firstDay: '2025-03-10' },
];
const DAYS = 90;

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
    const batches = randomOrders({ seed: shopCase.seed, timeZone: shopCase.timezone, firstDay: shopCase.firstDay, days: DAYS, orders: 900 });
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
    expect(periodOf(actual.last7Days)).toEqual(expected.last7Days);
    expect(periodOf(actual.dateRange)).toEqual(expected.dateRange);

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
  });

  it('has real crossover and update traffic to compare (the data exercises the rules)', () => {
    const expected = referenceInsights(allOrders, shop, addDays(shopCase.firstDay, DAYS + 10));
    expect(expected.crossover.crossoverCustomers).toBeGreaterThan(0);
    expect(expected.crossover.sourcedCustomers).toBeGreaterThan(expected.crossover.crossoverCustomers);
    expect(expected.customers.length).toBeGreaterThan(30);
    expect(new Set(allOrders.map((o) => `${o.channel}|${o.externalId}`)).size).toBeLessThan(allOrders.length);
  });
});
