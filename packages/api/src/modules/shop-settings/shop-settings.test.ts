/**
 * updateShopSettings over GraphQL on a real PostgreSQL. The time-zone change is proven against a
 * fresh shop created in the new zone with the same orders: the whole dashboard answer, and every
 * summary kept by day, must be the same.
 */
import { describe, expect, it } from 'vitest';
import type { WeekStart } from '@tiktok-insights/shared';
import type { OrderData } from '../orders/order-input.js';
import { TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { randomOrders } from '../../test-support/random-orders.js';
import { shopChecksum, summariesMatchOrders } from '../../test-support/table-checksum.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

const UPDATE = `
  mutation ($input: UpdateShopSettingsInput!) {
    updateShopSettings(input: $input) { id name timezone currency weekStartsOn aovTarget { cents currency formatted } }
  }`;
const SETTINGS = `{ shop { id name timezone currency weekStartsOn aovTarget { cents currency formatted } } }`;

async function update(token: string, input: Record<string, unknown>) {
  return api.gql(UPDATE, { input }, token);
}

async function importAll(token: string, batches: OrderData[][]): Promise<void> {
  for (const orders of batches) {
    const result = await api.gql(IMPORT_MUTATION, { orders }, token);
    expect(result.errors).toBeUndefined();
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing two shops
// ---------------------------------------------------------------------------------------------

/** Ids, cursors and timestamps of the shop itself differ between two shops; everything else must not. */
const SHOP_OWN = new Set(['id', 'cursor', 'endCursor', 'lastImportAt', 'connectedAt', 'disconnectedAt']);

function withoutShopOwnValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutShopOwnValues);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SHOP_OWN.has(key))
        .map(([key, item]) => [key, withoutShopOwnValues(item)]),
    );
  }
  return value;
}

/** The whole dashboard answer, comparable across shops (lists with id tie-breaks sorted by the buyer's id). */
async function dashboard(token: string, variables: Record<string, unknown>): Promise<unknown> {
  const result = await api.gql(FULL_DASHBOARD_QUERY, { customersFirst: 500, crossoverFirst: 500, topFirst: 500, ...variables }, token);
  expect(result.errors).toBeUndefined();
  const insights = result.data!.shop.tiktokInsights;
  const byBuyer = (edges: Array<{ node: any }>, id: (node: any) => string) => [...edges].sort((a, b) => (id(a.node) < id(b.node) ? -1 : 1));
  insights.customers.edges = byBuyer(insights.customers.edges, (n) => n.tiktokCustomerId);
  insights.crossover.customers.edges = byBuyer(insights.crossover.customers.edges, (n) => n.customer.tiktokCustomerId);
  return withoutShopOwnValues(result.data);
}

/** Every summary kept by day (and every day column), keyed by external ids, zero rows left out. */
async function daySummaries(shopId: string): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.dataSource.query(sql, [shopId]);
  return {
    orders: await q(`SELECT channel, external_id, local_day::text FROM sales_order WHERE shop_id = $1 ORDER BY 1, 2`),
    customers: await q(
      `SELECT space, external_id, first_counted_day::text, sourced_day::text, first_crossover_day::text, crossover_orders
         FROM customer WHERE shop_id = $1 ORDER BY 1, 2`,
    ),
    channel: await q(
      `SELECT day::text, channel, orders, net_receipts_cents FROM daily_channel_summary
        WHERE shop_id = $1 AND (orders <> 0 OR net_receipts_cents <> 0) ORDER BY 1, 2`,
    ),
    product: await q(
      `SELECT s.day::text, p.external_id, s.units_sold, s.total_sales_cents FROM daily_product_summary s
         JOIN product p ON p.shop_id = s.shop_id AND p.product_id = s.product_id
        WHERE s.shop_id = $1 AND (s.units_sold <> 0 OR s.total_sales_cents <> 0) ORDER BY 1, 2`,
    ),
    newCustomers: await q(`SELECT day::text, tiktok_customers FROM daily_new_customer_summary WHERE shop_id = $1 AND tiktok_customers <> 0 ORDER BY 1`),
    buyers: await q(`SELECT day::text, customers FROM daily_tiktok_buyer_summary WHERE shop_id = $1 AND customers <> 0 ORDER BY 1`),
    returns: await q(`SELECT day::text, previous_day::text, customers FROM tiktok_return_summary WHERE shop_id = $1 AND customers <> 0 ORDER BY 1, 2`),
    addresses: await q(
      `SELECT address_key, store_orders, store_net_receipts_cents, first_store_order_at, first_store_day::text, crossover_customers
         FROM address_store_summary WHERE shop_id = $1 ORDER BY 1`,
    ),
    crossoverDays: await q(
      `SELECT day::text, sourced_customers, crossover_customers FROM daily_crossover_summary
        WHERE shop_id = $1 AND (sourced_customers <> 0 OR crossover_customers <> 0) ORDER BY 1`,
    ),
    hours: await q(
      `SELECT day::text, hour, orders, net_receipts_cents, cancelled_orders, refunded_orders, lost_net_receipts_cents
         FROM tiktok_hour_summary WHERE shop_id = $1
          AND (orders, net_receipts_cents, cancelled_orders, refunded_orders, lost_net_receipts_cents) <> (0, 0, 0, 0, 0)
        ORDER BY 1, 2`,
    ),
    cohorts: await q(
      `SELECT period, cohort_start::text, period_start::text, customers FROM tiktok_cohort_summary
        WHERE shop_id = $1 AND customers <> 0 ORDER BY 1, 2, 3`,
    ),
    cohortDays: await q(
      `SELECT period, day::text, cohort_start::text, customers FROM tiktok_cohort_day_summary
        WHERE shop_id = $1 AND customers <> 0 ORDER BY 1, 2, 3`,
    ),
    crossoverLags: await q(
      `SELECT first_day::text, crossover_day::text, customers FROM crossover_lag_summary
        WHERE shop_id = $1 AND customers <> 0 ORDER BY 1, 2`,
    ),
    crossoverShop: await q(
      `SELECT sourced_customers, none_customers, one_customers, two_customers, three_or_more_customers, crossover_net_receipts_cents
         FROM shop_crossover_summary WHERE shop_id = $1`,
    ),
  };
}

/** asOf values that take both paths (summaries current, and before the last order) and explicit ranges. */
function asOfCases(firstDay: string, days: number): Array<Record<string, string>> {
  const day = (n: number) => new Date(Date.parse(`${firstDay}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return [
    { asOf: day(days + 5) },
    { asOf: day(Math.floor(days / 2)) },
    { asOf: day(days + 5), from: day(3), to: day(days - 1) },
  ];
}

async function expectSameAsFreshShop(
  changed: { shopId: string; token: string },
  fresh: { shopId: string; token: string },
  cases: Array<Record<string, string>>,
): Promise<void> {
  expect(await daySummaries(changed.shopId)).toEqual(await daySummaries(fresh.shopId));
  for (const variables of cases) {
    expect(await dashboard(changed.token, variables), JSON.stringify(variables)).toEqual(await dashboard(fresh.token, variables));
  }
  const consistent = await summariesMatchOrders(db.dataSource, changed.shopId);
  for (const [name, mismatches] of Object.entries(consistent)) expect(mismatches, name).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Time zone
// ---------------------------------------------------------------------------------------------

/** Orders at the edges of days in several zones, so that a zone change moves them to other days. */
function ordersAroundMidnight(): OrderData[] {
  const at = [
    '2025-03-03T23:45:00-06:00', // Chicago late Monday = Tuesday in New York and Tokyo
    '2025-03-04T00:10:00-06:00', // Chicago just after midnight
    '2025-03-04T05:30:00Z', // Monday night in Chicago, Tuesday morning in Europe
    '2025-03-09T23:59:00-06:00', // Chicago Sunday: the next week in New York
    '2025-03-10T00:01:00+09:00', // Tokyo Monday, Sunday everywhere west
  ];
  return at.flatMap((placedAt, i) => [
    makeOrder({ externalId: `mid-${i}`, placedAt, customer: { externalId: `tt-mid-${i % 3}`, address: { line1: `${i % 3} Elm St` } } }),
    makeOrder({
      externalId: `store-mid-${i}`,
      channel: 'WEBSITE',
      placedAt: new Date(Date.parse(placedAt) + (i + 1) * 3_600_000).toISOString(),
      customer: { externalId: `cus-mid-${i}`, address: { line1: `${i % 3} Elm Street` } },
    }),
  ]);
}

describe('a time-zone change', () => {
  it('makes every figure of a shop with orders near midnight equal a fresh shop created in the new zone', async () => {
    const batches = [ordersAroundMidnight()];
    const changed = await api.createShop({ name: 'Zone Shop', timezone: 'America/Chicago' });
    await importAll(changed.token, batches);
    const before = await dashboard(changed.token, { asOf: '2025-03-20' });

    const result = await update(changed.token, { timezone: 'Asia/Tokyo' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateShopSettings).toMatchObject({ id: changed.shopId, timezone: 'Asia/Tokyo', weekStartsOn: 'MONDAY' });

    const fresh = await api.createShop({ name: 'Zone Shop', timezone: 'Asia/Tokyo' });
    await importAll(fresh.token, batches);
    const cases: Array<Record<string, string>> = [{ asOf: '2025-03-20' }, { asOf: '2025-03-04' }, { asOf: '2025-03-20', from: '2025-03-03', to: '2025-03-16' }];
    await expectSameAsFreshShop(changed, fresh, cases);
    // The figures did move: the same orders fall on other days in Tokyo.
    expect(await dashboard(changed.token, { asOf: '2025-03-20' })).not.toEqual(before);
    const [{ days }] = await db.dataSource.query(
      `SELECT array_agg(local_day::text ORDER BY external_id) AS days FROM sales_order WHERE shop_id = $1 AND channel = 'TIKTOK'`,
      [changed.shopId],
    );
    expect(days).toEqual(['2025-03-04', '2025-03-04', '2025-03-04', '2025-03-10', '2025-03-10']);

    // Back to Chicago: the first answer again.
    expect((await update(changed.token, { timezone: 'America/Chicago' })).errors).toBeUndefined();
    expect(await dashboard(changed.token, { asOf: '2025-03-20' })).toEqual(before);
  });

  // Property-style: random shops (late-evening orders on DST days, crossover households, updates
  // of earlier orders), several zone pairs and week starts.
  const CASES: Array<{ seed: number; from: string; to: string; weekStartsOn: WeekStart; firstDay: string }> = [
    { seed: 7, from: 'America/Chicago', to: 'America/New_York', weekStartsOn: 'SUNDAY', firstDay: '2025-02-20' },
    { seed: 8, from: 'Australia/Sydney', to: 'America/Los_Angeles', weekStartsOn: 'MONDAY', firstDay: '2025-03-20' },
    { seed: 9, from: 'Asia/Tokyo', to: 'Europe/London', weekStartsOn: 'SUNDAY', firstDay: '2025-10-10' },
  ];
  it.each(CASES)('equals a fresh shop for random orders: $from → $to, weeks from $weekStartsOn (seed $seed)', async (c) => {
    const days = 60;
    const batches = randomOrders({ seed: c.seed, timeZone: c.from, firstDay: c.firstDay, days, orders: 500 });
    const changed = await api.createShop({ name: 'Random', timezone: c.from });
    await importAll(changed.token, batches);
    const result = await update(changed.token, { timezone: c.to, weekStartsOn: c.weekStartsOn });
    expect(result.errors).toBeUndefined();

    const fresh = await api.createShop({ name: 'Random', timezone: c.to, weekStartsOn: c.weekStartsOn });
    await importAll(fresh.token, batches);
    await expectSameAsFreshShop(changed, fresh, asOfCases(c.firstDay, days));

    // Imports after the change count in the new zone, like the fresh shop's.
    const more = randomOrders({ seed: c.seed + 100, timeZone: c.to, firstDay: c.firstDay, days, orders: 120 });
    await importAll(changed.token, more);
    await importAll(fresh.token, more);
    await expectSameAsFreshShop(changed, fresh, asOfCases(c.firstDay, days).slice(0, 1));
  });

  it('fills the weekly cohorts again when only the week start changes: the same as a fresh shop', async () => {
    const days = 50;
    const batches = randomOrders({ seed: 12, timeZone: 'America/Chicago', firstDay: '2025-06-01', days, orders: 400 });
    const changed = await api.createShop({ name: 'Weeks', timezone: 'America/Chicago', weekStartsOn: 'MONDAY' });
    await importAll(changed.token, batches);
    const result = await update(changed.token, { weekStartsOn: 'SUNDAY' });
    expect(result.errors).toBeUndefined();

    const fresh = await api.createShop({ name: 'Weeks', timezone: 'America/Chicago', weekStartsOn: 'SUNDAY' });
    await importAll(fresh.token, batches);
    await expectSameAsFreshShop(changed, fresh, asOfCases('2025-06-01', days));
  });

  it('waits for an import running at the same time, or makes it wait: either way the figures are the new zone’s', async () => {
    const [first, second] = randomOrders({ seed: 31, timeZone: 'America/Chicago', firstDay: '2025-05-01', days: 30, orders: 800 });
    const changed = await api.createShop({ name: 'Busy', timezone: 'America/Chicago' });
    await importAll(changed.token, [first!]);
    const [imported, updated] = await Promise.all([
      api.gql(IMPORT_MUTATION, { orders: second }, changed.token),
      update(changed.token, { timezone: 'Pacific/Auckland' }),
    ]);
    expect(imported.errors).toBeUndefined();
    expect(updated.errors).toBeUndefined();

    const fresh = await api.createShop({ name: 'Busy', timezone: 'Pacific/Auckland' });
    await importAll(fresh.token, [first!, second!]);
    await expectSameAsFreshShop(changed, fresh, asOfCases('2025-05-01', 30));
  });

  it('changes nothing but the setting when the zone is the same', async () => {
    const shop = await api.createShop({ timezone: 'America/Chicago' });
    await importAll(shop.token, [ordersAroundMidnight()]);
    const before = await shopChecksum(db.dataSource, shop.shopId);
    expect((await update(shop.token, { timezone: 'America/Chicago' })).errors).toBeUndefined();
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// The other settings
// ---------------------------------------------------------------------------------------------

describe('updateShopSettings', () => {
  it('changes only the fields given and answers the shop as it now is', async () => {
    const shop = await api.createShop({ name: 'Rosie Lane', timezone: 'America/Chicago' });
    const result = await update(shop.token, { name: '  Rosie Lane Boutique ', aovTargetCents: 5500 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateShopSettings).toEqual({
      id: shop.shopId,
      name: 'Rosie Lane Boutique',
      timezone: 'America/Chicago',
      currency: 'USD',
      weekStartsOn: 'MONDAY',
      aovTarget: { cents: 5500, currency: 'USD', formatted: '$55.00' },
    });
    expect((await api.gql(SETTINGS, {}, shop.token)).data!.shop).toEqual(result.data!.updateShopSettings);
    // An empty input changes nothing.
    expect((await update(shop.token, {})).data!.updateShopSettings).toEqual(result.data!.updateShopSettings);
  });

  it('applies the AOV target and the week start to the next read', async () => {
    const shop = await api.createShop({ timezone: 'America/Chicago' });
    // Two orders of $30 and $50 on Sunday 2025-03-09 and Monday 2025-03-10: AOV $40.
    await importAll(shop.token, [
      [
        makeOrder({ placedAt: '2025-03-09T12:00:00-05:00', lines: [{ productExternalId: 'p', productName: 'P', sku: null, quantity: 1, unitPriceCents: 3000 }] }),
        makeOrder({ placedAt: '2025-03-10T12:00:00-05:00', lines: [{ productExternalId: 'p', productName: 'P', sku: null, quantity: 1, unitPriceCents: 5000 }] }),
      ],
    ]);
    const READ = `{ shop { weekStartsOn tiktokInsights(asOf: "2025-03-20") {
      allTime { averageOrderValue { cents } aovBelowTarget }
      dateRange(from: "2025-03-09", to: "2025-03-10") { start end series { start orders } }
    } } }`;
    const before = (await api.gql(READ, {}, shop.token)).data!.shop;
    expect(before.tiktokInsights.allTime).toEqual({ averageOrderValue: { cents: 4000 }, aovBelowTarget: false });
    expect(before.tiktokInsights.dateRange).toMatchObject({ start: '2025-03-03', end: '2025-03-16' });

    expect((await update(shop.token, { aovTargetCents: 4001, weekStartsOn: 'SUNDAY' })).errors).toBeUndefined();
    const after = (await api.gql(READ, {}, shop.token)).data!.shop;
    expect(after.weekStartsOn).toBe('SUNDAY');
    expect(after.tiktokInsights.allTime).toEqual({ averageOrderValue: { cents: 4000 }, aovBelowTarget: true });
    // Sunday weeks: both orders now fall in the week of Sunday 03-09.
    expect(after.tiktokInsights.dateRange).toEqual({ start: '2025-03-09', end: '2025-03-15', series: [{ start: '2025-03-09', orders: 2 }] });
  });

  it('relabels amounts with a currency of the same minor unit; refuses one of another once there are orders', async () => {
    const shop = await api.createShop({ timezone: 'America/Chicago' });
    await importAll(shop.token, [[makeOrder({ placedAt: '2025-03-04T12:00:00-06:00' })]]);
    const euro = await update(shop.token, { currency: 'EUR' });
    expect(euro.errors).toBeUndefined();
    expect(euro.data!.updateShopSettings.aovTarget).toEqual({ cents: 4000, currency: 'EUR', formatted: '€40.00' });
    const net = await api.gql(`{ shop { tiktokInsights(asOf: "2025-03-10") { allTime { netReceipts { cents currency formatted } } } } }`, {}, shop.token);
    expect(net.data!.shop.tiktokInsights.allTime.netReceipts).toEqual({ cents: 2500, currency: 'EUR', formatted: '€25.00' });

    const before = await shopChecksum(db.dataSource, shop.shopId);
    const yen = await update(shop.token, { currency: 'JPY', aovTargetCents: 5000 });
    expect(yen.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(yen.errors![0]!.message).toMatch(/decimal digits/);
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);

    // A shop without orders may take any currency.
    const empty = await api.createShop({ timezone: 'Asia/Tokyo' });
    const japanese = await update(empty.token, { currency: 'JPY', aovTargetCents: 5000 });
    expect(japanese.data!.updateShopSettings.aovTarget).toEqual({ cents: 5000, currency: 'JPY', formatted: '¥5,000' });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '+05:00' }, 'timezone'],
    [{ timezone: '' }, 'timezone'],
    [{ currency: 'ABC' }, 'currency'],
    [{ currency: 'usd' }, 'currency'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ aovTargetCents: -1 }, 'aovTargetCents'],
    // A valid change beside an invalid one is not applied either.
    [{ aovTargetCents: 9900, weekStartsOn: 'SUNDAY', timezone: 'Asia/Tokyo', currency: 'XYZ' }, 'currency'],
  ])('refuses %j as BAD_USER_INPUT on %s and changes nothing', async (input, field) => {
    const shop = await api.createShop({ timezone: 'America/Chicago' });
    await importAll(shop.token, [ordersAroundMidnight()]);
    const before = await shopChecksum(db.dataSource, shop.shopId);
    const settings = (await api.gql(SETTINGS, {}, shop.token)).data!.shop;
    const result = await update(shop.token, input);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors![0]!.message).toContain(field);
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
    expect((await api.gql(SETTINGS, {}, shop.token)).data!.shop).toEqual(settings);
  });

  it('refuses a week start or an AOV target of the wrong type before anything runs', async () => {
    const shop = await api.createShop();
    for (const input of [{ weekStartsOn: 'TUESDAY' }, { aovTargetCents: 12.5 }, { aovTargetCents: 2 ** 31 }]) {
      const result = await update(shop.token, input);
      expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
    expect((await api.gql(SETTINGS, {}, shop.token)).data!.shop).toMatchObject({ weekStartsOn: 'MONDAY', aovTarget: { cents: 4000 } });
  });

  it("changes the token's own shop only: another shop's token cannot reach this one", async () => {
    const a = await api.createShop({ name: 'Shop A', timezone: 'America/Chicago' });
    const b = await api.createShop({ name: 'Shop B', timezone: 'America/Chicago' });
    await importAll(a.token, [ordersAroundMidnight()]);
    const aBefore = await shopChecksum(db.dataSource, a.shopId);

    const byB = await update(b.token, { name: 'Renamed by B', timezone: 'Asia/Tokyo', aovTargetCents: 1 });
    expect(byB.data!.updateShopSettings).toMatchObject({ id: b.shopId, name: 'Renamed by B', timezone: 'Asia/Tokyo' });
    expect(await shopChecksum(db.dataSource, a.shopId)).toEqual(aBefore);
    expect((await api.gql(SETTINGS, {}, a.token)).data!.shop).toMatchObject({ name: 'Shop A', timezone: 'America/Chicago', aovTarget: { cents: 4000 } });

    const asAdmin = await update(TEST_ADMIN_TOKEN, { name: 'Admin' });
    expect(asAdmin.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await update('', { name: 'Nobody' });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await shopChecksum(db.dataSource, a.shopId)).toEqual(aBefore);
  });
});
