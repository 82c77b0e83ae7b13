/**
 * Orders in from files give the dashboard the same figures as the same orders sent to importOrders:
 * generated orders written as TikTok Seller Center's export (the TikTok orders) and Shopify's (the
 * store orders), and separately as our template (all of them), uploaded through POST /api/imports
 * into fresh shops, then compared, figure by figure over several ranges, with a shop that got the
 * orders through importOrders.
 */
import fc from 'fast-check';
import { addDays } from '@tiktok-insights/shared';
import { describe, expect, it } from 'vitest';
import type { OrderData, OrderLineData } from '../../modules/orders/order-input.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { importOrdersOfShop } from '../../test-support/import-orders-of-shop.js';
import { templateCsv } from '../../test-support/order-file-csv.js';
import {
  exportableOrder,
  importsClient,
  orderTotalCents,
  shopifyExportCsv,
  tiktokExportCsv,
  withoutIds,
  type FinishedImportJob,useImportTestEnv
} from '../../test-support/order-file-uploads.js';
import { randomOrders } from '../../test-support/random-orders.js';

const env = useImportTestEnv('import-dashboard-test-');

const imports = importsClient(() => env.api.server.url);

/** A free gift: a line at 0.00, which every format must carry. */
const GIFT: OrderLineData = { productExternalId: 'gift-tote', productName: 'Gift Tote', sku: 'GIFT-TOTE', quantity: 1, unitPriceCents: 0 };

/**
 * What a run generates. The days stay clear of the autumn clock change: a Seller Center time is a
 * wall time without an offset, and in the hour the fall-back repeats it is read as the first of
 * the two (spec section 7), so an order in the second one cannot be written in that export.
 * Spring's skipped hour is fine (no order can be placed in it) and March's runs include it.
 */
const scenarioArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  timeZone: fc.constantFrom('America/Chicago', 'America/New_York', 'America/Los_Angeles'),
  firstDay: fc.constantFrom('2025-02-03', '2025-03-01', '2025-05-10'),
  days: fc.integer({ min: 20, max: 60 }),
  orders: fc.integer({ min: 40, max: 90 }),
  giftOrders: fc.uniqueArray(fc.nat({ max: 89 }), { maxLength: 15 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The scenario's orders (test-support/random-orders.ts: TikTok orders and store orders over five
 * channels, one to three lines, every status, customers who buy again, store customers living at
 * TikTok buyers' addresses written other ways, later corrections), free gift lines added, each as
 * the export of its channel can carry it (exportableOrder: product keys, emails, DELIVERED in
 * Shopify). Totals stay above 0 (randomOrders' cheapest line is 15.00 against at most 7.50 off),
 * so a REFUNDED TikTok order can be written as Seller Center's full refund.
 */
function ordersOf(s: Scenario): { first: OrderData[]; corrections: OrderData[] } {
  const batches = randomOrders({ seed: s.seed, timeZone: s.timeZone, firstDay: s.firstDay, days: s.days, orders: s.orders });
  const gifted = new Set(s.giftOrders.map((i) => `o-${i}`));
  const fit = (order: OrderData) => exportableOrder(gifted.has(order.externalId) ? { ...order, lines: [...order.lines, GIFT] } : order);
  const tiktokFirst = (orders: OrderData[]) => [...orders.filter((o) => o.channel === 'TIKTOK'), ...orders.filter((o) => o.channel !== 'TIKTOK')];
  const first = tiktokFirst(batches.slice(0, -1).flat().map(fit));
  const corrections = tiktokFirst(batches.at(-1)!.map(fit));
  for (const order of [...first, ...corrections]) expect(orderTotalCents(order)).toBeGreaterThan(0);
  return { first, corrections };
}

const sum = (jobs: FinishedImportJob[]) => ({
  created: jobs.reduce((n, j) => n + j.ordersCreated, 0),
  updated: jobs.reduce((n, j) => n + j.ordersUpdated, 0),
  unchanged: jobs.reduce((n, j) => n + j.ordersUnchanged, 0),
});

/** Uploads each non-empty file in turn; every job must end done. */
async function importAll(files: Array<{ csv: string; orders: number; name: string }>, token: string): Promise<FinishedImportJob[]> {
  const jobs: FinishedImportJob[] = [];
  for (const file of files) {
    if (file.orders === 0) continue;
    const job = await imports.importFile(file.csv, token, file.name);
    expect(job, `${file.name}: ${JSON.stringify(job.errors.slice(0, 3))}`).toMatchObject({ status: 'done', errors: [], ordersSkipped: 0 });
    jobs.push(job);
  }
  return jobs;
}

describe('orders uploaded as files', () => {
  it('give every dashboard figure the same as the same orders sent to importOrders', async () => {
    let runs = 0;
    let runsWithCrossover = 0;
    let runsWithGifts = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        runs += 1;
        const { first, corrections } = ordersOf(s);
        const tiktok = (orders: OrderData[]) => orders.filter((o) => o.channel === 'TIKTOK');
        const store = (orders: OrderData[]) => orders.filter((o) => o.channel !== 'TIKTOK');
        const shop = { timezone: s.timeZone };
        const reference = await env.api.createShop(shop);
        const viaExports = await env.api.createShop(shop);
        const viaTemplate = await env.api.createShop(shop);

        const expectedFirst = await importOrdersOfShop(env.db.dataSource, reference.shopId, first);
        const expectedCorrections = await importOrdersOfShop(env.db.dataSource, reference.shopId, corrections);
        expect(expectedFirst).toEqual({ created: first.length, updated: 0, unchanged: 0 });

        const exportFiles = (orders: OrderData[], stage: string) => [
          { csv: tiktokExportCsv(tiktok(orders), s.timeZone), orders: tiktok(orders).length, name: `tiktok-${stage}.csv` },
          { csv: shopifyExportCsv(store(orders), s.timeZone), orders: store(orders).length, name: `shopify-${stage}.csv` },
        ];
        const exportsFirst = await importAll(exportFiles(first, 'first'), viaExports.token);
        expect(exportsFirst.map((j) => j.format)).toEqual(['tiktok', 'shopify']);
        expect(exportsFirst.map((j) => j.rowsRead)).toEqual([tiktok(first), store(first)].map((orders) => orders.reduce((n, o) => n + o.lines.length, 0)));
        expect(sum(exportsFirst)).toEqual(expectedFirst);
        expect(sum(await importAll(exportFiles(corrections, 'later'), viaExports.token))).toEqual(expectedCorrections);

        const templateFiles = (orders: OrderData[], stage: string) => [{ csv: templateCsv(orders), orders: orders.length, name: `template-${stage}.csv` }];
        expect(sum(await importAll(templateFiles(first, 'first'), viaTemplate.token))).toEqual(expectedFirst);
        expect(sum(await importAll(templateFiles(corrections, 'later'), viaTemplate.token))).toEqual(expectedCorrections);

        const lastDay = addDays(s.firstDay, s.days - 1);
        const ranges = [
          { asOf: lastDay, from: s.firstDay, to: lastDay },
          { asOf: addDays(s.firstDay, Math.floor(s.days / 2)), from: addDays(s.firstDay, 3), to: addDays(s.firstDay, Math.floor(s.days / 2)) },
          { asOf: addDays(lastDay, 10), from: addDays(lastDay, -13), to: addDays(lastDay, 10) },
        ];
        for (const range of ranges) {
          const variables = { ...range, customersFirst: 500, crossoverFirst: 500, topFirst: 500 };
          const [expected, fromExports, fromTemplate] = await Promise.all(
            [reference, viaExports, viaTemplate].map((owner) => env.api.gql(FULL_DASHBOARD_QUERY, variables, owner.token)),
          );
          for (const answer of [expected, fromExports, fromTemplate]) expect(answer!.errors).toBeUndefined();
          const insights = expected!.data!.shop.tiktokInsights;
          expect(withoutIds(fromExports!.data!.shop.tiktokInsights), `exports, ${JSON.stringify(range)}`).toEqual(withoutIds(insights));
          expect(withoutIds(fromTemplate!.data!.shop.tiktokInsights), `template, ${JSON.stringify(range)}`).toEqual(withoutIds(insights));
          if (range === ranges[0]) {
            if (insights.crossover.crossoverCustomers > 0) runsWithCrossover += 1;
            const products = insights.dateRange.topProducts as Array<{ product: { name: string } }>;
            if (products.some((p) => p.product.name === GIFT.productName)) runsWithGifts += 1;
          }
        }
      }),
      { numRuns: 8 },
    );
    // The runs covered what they are for: crossover customers and free gifts on the dashboard.
    expect(runsWithCrossover).toBeGreaterThan(runs / 2);
    expect(runsWithGifts).toBeGreaterThan(0);
  }, 180_000);
});
