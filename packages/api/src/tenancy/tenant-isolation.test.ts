/**
 * Tenant isolation: a token of shop A never returns, counts or changes anything of shop B.
 *
 * Shops A and B share every external id (customers, products, orders), every address and the
 * store customers that make TikTok buyers cross over; they differ in names, products' names,
 * SKUs, emails and amounts, and B has one more buyer. A's answers are recorded before B exists
 * and must be identical once B has its data; A's figures are also checked against the reference
 * computation of A's orders alone. Every response to A is searched for B's names, ids and tokens.
 *
 * The same holds for the accounts: A's owner, keys and shared links see A's own people, keys and
 * links only, and B's key and link ids revoke nothing from A's side.
 *
 * The suite reads the schema through introspection and fails when a root field or a field of
 * an object type has no isolation case in ISOLATION_CASES, or when the case named there never
 * selects it.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderData } from '../modules/orders/order-input.js';
import { startTestApi, TEST_ADMIN_TOKEN, type GraphQLResponse, type TestApi } from '../test-support/api-client.js';
import { IMPORT_MUTATION } from '../test-support/order-factory.js';
import { addPerson, gqlWithCookie, signIn } from '../test-support/people.js';
import { referenceInsights, type ReferenceShop } from '../test-support/reference-metrics.js';
import { shopChecksum } from '../test-support/table-checksum.js';
import { selectedCoordinates } from '../test-support/schema-coordinates.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';

type CaseName =
  | 'shop'
  | 'insights'
  | 'customers'
  | 'crossover'
  | 'cursors'
  | 'importOrders'
  | 'tiktokConnection'
  | 'shopSettings'
  | 'admin'
  | 'caller'
  | 'apiKeys'
  | 'sharedLinks'
  | 'serverInfo';

const fields = (type: string, names: string, covered: CaseName): Array<[string, CaseName]> =>
  names.split(/\s+/).filter(Boolean).map((name) => [`${type}.${name}`, covered]);

/** Every root field and every field of every object type, with the case that proves it isolated. */
const ISOLATION_CASES: Record<string, CaseName> = Object.fromEntries([
  ...fields('Query', 'shop', 'shop'),
  ...fields('Mutation', 'importOrders', 'importOrders'),
  ...fields('Mutation', 'connectTikTok disconnectTikTok', 'tiktokConnection'),
  ...fields('Mutation', 'updateShopSettings', 'shopSettings'),
  ...fields('Mutation', 'createShop createShopToken revokeShopToken', 'admin'),
  ...fields('Query', 'caller', 'caller'),
  ...fields('Query', 'apiKeys', 'apiKeys'),
  ...fields('Mutation', 'createApiKey revokeApiKey', 'apiKeys'),
  ...fields('Query', 'sharedLinks', 'sharedLinks'),
  ...fields('Mutation', 'createSharedLink revokeSharedLink', 'sharedLinks'),
  ...fields('Query', 'serverInfo', 'serverInfo'),
  ...fields('Caller', 'kind person role scope canImport canChangeSettings canManage canSeeCustomers', 'caller'),
  ...fields('Person', 'id name email', 'caller'),
  ...fields('ApiKey', 'id name scope prefix createdAt lastUsedAt createdBy', 'apiKeys'),
  ...fields('CreatedApiKey', 'apiKey key', 'apiKeys'),
  ...fields('SharedLink', 'id name prefix hasPassword expiresAt createdAt lastUsedAt', 'sharedLinks'),
  ...fields('CreatedSharedLink', 'sharedLink url', 'sharedLinks'),
  ...fields('ServerInfo', 'mailConfigured setupNeeded', 'serverInfo'),
  ...fields('Shop', 'id name timezone currency weekStartsOn lastImportAt aovTarget tiktok', 'shop'),
  ...fields('Shop', 'tiktokInsights', 'insights'),
  ...fields('TikTokIntegration', 'connected connectedAt disconnectedAt', 'shop'),
  ...fields('Money', 'cents currency formatted', 'insights'),
  ...fields('TikTokInsights', 'asOf allTime last7Days dateRange', 'insights'),
  ...fields('TikTokInsights', 'customers', 'customers'),
  ...fields('TikTokInsights', 'crossover', 'crossover'),
  ...fields('TikTokInsights', 'cohorts', 'insights'),
  ...fields('Cohort', 'start end customers periods', 'insights'),
  ...fields('CohortPeriodPoint', 'index start end activeCustomers cumulativeCrossoverCustomers', 'insights'),
  ...fields('MetricSummary', 'totalOrders netReceipts averageOrderValue uniqueCustomers aovBelowTarget', 'insights'),
  ...fields('PeriodInsights', 'start end previousStart previousEnd summary previous series topProducts', 'insights'),
  ...fields('PeriodInsights', 'hourOfWeek cancellations previousCancellations', 'insights'),
  ...fields('HourOfWeekCell', 'weekday hour orders netReceipts', 'insights'),
  ...fields('CancellationSummary', 'cancelledOrders refundedOrders lostNetReceipts rate', 'insights'),
  ...fields(
    'PeriodPoint',
    'start end orders netReceipts allChannelsNetReceipts nonTikTokNetReceipts tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers',
    'insights',
  ),
  ...fields('TopProduct', 'rank product unitsSold totalSales previousUnitsSold previousRank', 'insights'),
  ...fields('Product', 'id externalId name sku', 'insights'),
  ...fields('TikTokCustomerConnection', 'edges pageInfo totalCount', 'customers'),
  ...fields('TikTokCustomerEdge', 'node', 'customers'),
  ...fields('TikTokCustomerEdge', 'cursor', 'cursors'),
  ...fields('PageInfo', 'hasNextPage', 'customers'),
  ...fields('PageInfo', 'endCursor', 'cursors'),
  ...fields('TikTokCustomer', 'id tiktokCustomerId name address firstOrderAt lastOrderAt orders netReceipts', 'customers'),
  ...fields('Address', 'line1 line2 city region postalCode country', 'customers'),
  ...fields(
    'CrossoverInsights',
    'sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts cumulativeByWeek orderBreakdown customers',
    'crossover',
  ),
  ...fields('CrossoverInsights', 'medianDaysToCrossover daysToCrossover', 'crossover'),
  ...fields('CrossoverLagBucket', 'bucket customers share', 'crossover'),
  ...fields('CrossoverWeek', 'start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate', 'crossover'),
  ...fields('CrossoverBucket', 'bucket customers share', 'crossover'),
  ...fields('CrossoverCustomerConnection', 'edges pageInfo totalCount', 'crossover'),
  ...fields('CrossoverCustomerEdge', 'node', 'crossover'),
  ...fields('CrossoverCustomerEdge', 'cursor', 'cursors'),
  ...fields(
    'CrossoverCustomer',
    'customer firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts',
    'crossover',
  ),
  ...fields('ImportOrdersResult', 'created updated unchanged', 'importOrders'),
  ...fields('CreateShopPayload', 'shop token tokenId', 'admin'),
  ...fields('ShopTokenPayload', 'token tokenId', 'admin'),
]);

// ---------------------------------------------------------------------------------------------
// The two shops' orders: the same ids and addresses, other names and amounts.
// ---------------------------------------------------------------------------------------------

type ShopKey = 'A' | 'B';
const TIMEZONE = 'America/Chicago';
const REFERENCE_SHOP: ReferenceShop = { timezone: TIMEZONE, weekStartsOn: 'MONDAY', currency: 'USD', aovTargetCents: 4000 };
/** Everything of B that is text carries this marker: none of it may reach A. */
const B_MARKER = 'Zqx';

const address = (k: number) => ({ line1: `${k}00 Oak Ave`, line2: k % 2 === 0 ? `Apt ${k}` : null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' });

function ordersOf(shop: ShopKey): OrderData[] {
  const name = (kind: string, k: number) => (shop === 'A' ? `Avery ${kind} ${k}` : `${B_MARKER} ${kind} ${k}`);
  const price = (k: number) => (shop === 'A' ? 1000 + 100 * k : 7300 + 37 * k);
  const product = (k: number) => ({
    productExternalId: `p-${k}`,
    productName: shop === 'A' ? `Linen Shirt ${k}` : `${B_MARKER} Velvet Gown ${k}`,
    sku: shop === 'A' ? `LS-${k}` : `${B_MARKER}-SKU-${k}`,
  });
  const buyers = shop === 'A' ? 3 : 4;
  const orders: OrderData[] = [];
  // TikTok orders o-1 … o-7 (o-7 only in B): buyer tt-k, product p-k, on March 1 … 7, 2025.
  for (let i = 1; i <= (shop === 'A' ? 6 : 7); i++) {
    const k = ((i - 1) % buyers) + 1;
    orders.push({
      externalId: `o-${i}`,
      channel: 'TIKTOK',
      placedAt: `2025-03-0${i}T12:00:00-06:00`,
      status: i === 6 ? 'CANCELLED' : 'PAID',
      customer: { externalId: `tt-${k}`, name: name('Buyer', k), email: null, address: address(k) },
      lines: [{ ...product((i % 2) + 1), quantity: 1 + (i % 3), unitPriceCents: price(i) }],
      taxCents: shop === 'A' ? 80 : 611,
      shippingCents: 0,
      discountCents: 0,
      creditCents: 0,
    });
  }
  // Store orders s-1 … s-3 (s-3 only in B) at the buyers' addresses, after their first TikTok order.
  for (let i = 1; i <= (shop === 'A' ? 2 : 3); i++) {
    orders.push({
      externalId: `s-${i}`,
      channel: i === 2 ? 'APP' : 'WEBSITE',
      placedAt: `2025-03-1${i}T10:00:00-05:00`,
      status: 'DELIVERED',
      customer: {
        externalId: `cus-${i}`,
        name: name('Client', i),
        email: shop === 'A' ? `avery${i}@a-shop.example` : `${B_MARKER.toLowerCase()}${i}@b-shop.example`,
        address: address(i),
      },
      lines: [{ ...product(3), quantity: 1, unitPriceCents: price(10 + i) }],
      taxCents: 0,
      shippingCents: shop === 'A' ? 500 : 999,
      discountCents: 0,
      creditCents: 0,
    });
  }
  return orders;
}

// ---------------------------------------------------------------------------------------------
// The queries of each case
// ---------------------------------------------------------------------------------------------

const AS_OF_CURRENT = '2025-03-20';
const AS_OF_HISTORICAL = '2025-03-05';
const AS_OFS = [AS_OF_CURRENT, AS_OF_HISTORICAL];

const MONEY = `{ cents currency formatted }`;
const SUMMARY = `{ totalOrders netReceipts ${MONEY} averageOrderValue ${MONEY} uniqueCustomers aovBelowTarget }`;
const CANCELLATIONS = `{ cancelledOrders refundedOrders lostNetReceipts ${MONEY} rate }`;
const PERIOD = `{
  start end previousStart previousEnd summary ${SUMMARY} previous ${SUMMARY}
  series { start end orders netReceipts ${MONEY} allChannelsNetReceipts ${MONEY} nonTikTokNetReceipts ${MONEY}
           tiktokShare uniqueCustomers firstTimeCustomers repeatCustomers }
  topProducts(first: 500) { rank unitsSold totalSales ${MONEY} previousUnitsSold previousRank product { id externalId name sku } }
  hourOfWeek { weekday hour orders netReceipts ${MONEY} }
  cancellations ${CANCELLATIONS}
  previousCancellations ${CANCELLATIONS}
}`;
const COHORT = `{ start end customers periods { index start end activeCustomers cumulativeCrossoverCustomers } }`;
const CUSTOMER = `{ id tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts ${MONEY}
  address { line1 line2 city region postalCode country } }`;

const QUERIES = {
  shop: `{ shop { id name timezone currency weekStartsOn lastImportAt aovTarget ${MONEY} tiktok { connected connectedAt disconnectedAt } } }`,
  insights: `query ($asOf: Date) { shop { tiktokInsights(asOf: $asOf) {
    asOf allTime ${SUMMARY} last7Days ${PERIOD}
    defaultRange: dateRange ${PERIOD}
    dateRange(from: "2025-02-10", to: "2025-03-19") ${PERIOD}
    cohorts(first: 4) ${COHORT}
    weeklyCohorts: cohorts(by: WEEK, first: 10) ${COHORT}
  } } }`,
  customers: `query ($asOf: Date, $first: Int, $after: String, $orderBy: CustomerOrder) { shop { tiktokInsights(asOf: $asOf) {
    customers(first: $first, after: $after, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node ${CUSTOMER} }
    }
  } } }`,
  crossover: `query ($asOf: Date, $first: Int, $after: String) { shop { tiktokInsights(asOf: $asOf) { crossover {
    sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts ${MONEY}
    orderBreakdown { bucket customers share }
    medianDaysToCrossover daysToCrossover { bucket customers share }
    cumulativeByWeek { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
    ranged: cumulativeByWeek(from: "2025-02-17", to: "2025-03-30") { start end cumulativeSourcedCustomers cumulativeCrossoverCustomers crossoverRate }
    customers(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts ${MONEY} customer ${CUSTOMER} } }
    }
  } } } }`,
};

const ORDERINGS = (['NAME', 'FIRST_ORDER_AT', 'LAST_ORDER_AT', 'ORDERS', 'NET_RECEIPTS'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

// ---------------------------------------------------------------------------------------------
// Coverage: which schema coordinates each case actually selected
// ---------------------------------------------------------------------------------------------

let schema: GraphQLSchema;
const selectedByCase = new Map<CaseName, Set<string>>();

function record(caseName: CaseName, query: string): void {
  const selected = selectedByCase.get(caseName) ?? new Set<string>();
  selectedByCase.set(caseName, selected);
  for (const coordinate of selectedCoordinates(schema, query)) selected.add(coordinate);
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

let db: TestDatabase;
let api: TestApi;
const shops = {} as Record<ShopKey, { shopId: string; token: string; tokenId: string }>;

async function createShop(key: ShopKey) {
  const result = await api.gql(
    `mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } token tokenId } }`,
    { input: { name: key === 'A' ? 'Avery Boutique' : `${B_MARKER} Boutique`, timezone: TIMEZONE } },
    TEST_ADMIN_TOKEN,
  );
  expect(result.errors).toBeUndefined();
  const payload = result.data!.createShop;
  shops[key] = { shopId: payload.shop.id, token: payload.token, tokenId: payload.tokenId };
}

async function importAll(key: ShopKey, orders: OrderData[]) {
  const result = await api.gql(IMPORT_MUTATION, { orders }, shops[key].token);
  expect(result.errors).toBeUndefined();
  return result.data!.importOrders;
}

/** Every read of a shop, keyed by a description of the request. */
async function readAll(key: ShopKey, track = false): Promise<Map<string, GraphQLResponse>> {
  const answers = new Map<string, GraphQLResponse>();
  const ask = async (caseName: CaseName, label: string, query: string, variables: Record<string, unknown> = {}) => {
    if (track) record(caseName, query);
    const answer = await api.gql(query, variables, shops[key].token);
    expect(answer.errors, `${key} ${label}`).toBeUndefined();
    answers.set(label, answer);
  };
  await ask('shop', 'shop', QUERIES.shop);
  for (const asOf of AS_OFS) {
    await ask('insights', `insights ${asOf}`, QUERIES.insights, { asOf });
    for (const orderBy of ORDERINGS) {
      await ask('customers', `customers ${asOf} ${orderBy.field} ${orderBy.direction}`, QUERIES.customers, { asOf, first: 500, orderBy });
    }
    await ask('crossover', `crossover ${asOf}`, QUERIES.crossover, { asOf, first: 500 });
  }
  return answers;
}

async function exportsOf(key: ShopKey): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const paths = AS_OFS.flatMap((asOf) => [
    `tiktok-customers.csv?asOf=${asOf}`,
    `tiktok-customers.csv?asOf=${asOf}&orderBy=NAME&direction=ASC`,
    `crossover-customers.csv?asOf=${asOf}`,
  ]);
  for (const path of paths) {
    const response = await fetch(`${api.server.url}/api/exports/${path}`, { headers: { authorization: `Bearer ${shops[key].token}` } });
    expect(response.status, path).toBe(200);
    files.set(path, Buffer.from(await response.arrayBuffer()).toString('utf8'));
  }
  return files;
}

/** The values of every `id` field in a response. */
function idsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => idsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'id' && typeof item === 'string') found.add(item);
      else idsIn(item, found);
    }
  }
  return found;
}

/** The cursors of every connection in a response. */
function cursorsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => cursorsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'cursor' || key === 'endCursor') && typeof item === 'string') found.add(item);
      else cursorsIn(item, found);
    }
  }
  return found;
}

let aAlone: Map<string, GraphQLResponse>;
let aAloneExports: Map<string, string>;
let bAnswers: Map<string, GraphQLResponse>;
/** B's secrets: its text marker, its shop and token ids, its token. */
let bStrings: string[];
/** The ids of B's customers and products. */
let bIds: Set<string>;
let isolationChecks = 0;

/** Nothing of B in an answer to A: no marker, no id, no token. */
function expectNothingOfB(answer: unknown, label: string): void {
  const text = JSON.stringify(answer);
  for (const secret of bStrings) expect(text.includes(secret), `${label}: B's "${secret}" in A's answer`).toBe(false);
  const shared = [...idsIn(answer)].filter((id) => bIds.has(id));
  expect(shared, `${label}: ids of B in A's answer`).toEqual([]);
  isolationChecks++;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.data!);

  await createShop('A');
  expect(await importAll('A', ordersOf('A'))).toEqual({ created: 8, updated: 0, unchanged: 0 });
  // A's answers while B does not exist at all.
  aAlone = await readAll('A', true);
  aAloneExports = await exportsOf('A');

  await createShop('B');
  expect(await importAll('B', ordersOf('B'))).toEqual({ created: 10, updated: 0, unchanged: 0 });
  bAnswers = await readAll('B');
  bIds = new Set([...bAnswers.values()].flatMap((answer) => [...idsIn(answer.data)]));
  bStrings = [B_MARKER, B_MARKER.toLowerCase(), B_MARKER.toUpperCase(), shops.B.shopId, shops.B.tokenId, shops.B.token];
  // B really holds what A must not see.
  expect(JSON.stringify(bAnswers.get(`customers ${AS_OF_CURRENT} NAME ASC`))).toContain(`${B_MARKER} Buyer 4`);
  expect(bIds.size).toBeGreaterThan(4);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

describe('reads of shop A once shop B exists with the same ids', () => {
  it('shop: the same answer as before B existed, nothing of B', async () => {
    const answer = await api.gql(QUERIES.shop, {}, shops.A.token);
    expect(answer).toEqual(aAlone.get('shop'));
    expect(answer.data!.shop).toMatchObject({ id: shops.A.shopId, name: 'Avery Boutique', tiktok: { connected: true } });
    expectNothingOfB(answer, 'shop');
  });

  it.each(AS_OFS)('insights at %s: as before B existed, equal to the reference of A alone, nothing of B', async (asOf) => {
    const answer = await api.gql(QUERIES.insights, { asOf }, shops.A.token);
    expect(answer).toEqual(aAlone.get(`insights ${asOf}`));
    expectNothingOfB(answer, `insights ${asOf}`);
    const insights = answer.data!.shop.tiktokInsights;
    const reference = referenceInsights(ordersOf('A'), REFERENCE_SHOP, asOf, { from: '2025-02-10', to: '2025-03-19' });
    expect(insights.allTime.totalOrders).toBe(reference.allTime.totalOrders);
    expect(insights.allTime.netReceipts.cents).toBe(reference.allTime.netReceiptsCents);
    expect(insights.allTime.uniqueCustomers).toBe(reference.allTime.uniqueCustomers);
    expect(insights.dateRange.series.map((p: any) => [p.start, p.orders, p.netReceipts.cents, p.allChannelsNetReceipts.cents])).toEqual(
      reference.dateRange.series.map((p) => [p.start, p.orders, p.netReceiptsCents, p.allChannelsNetReceiptsCents]),
    );
    expect(insights.dateRange.topProducts.map((t: any) => [t.product.externalId, t.product.name, t.unitsSold, t.totalSales.cents])).toEqual(
      reference.dateRange.topProducts.map((t) => [t.productExternalId, t.productName, t.unitsSold, t.totalSalesCents]),
    );
  });

  it('insights: A counts its own orders only (hand-computed)', () => {
    // A: TikTok o-1 … o-5 counted (o-6 cancelled); o-i is (1 + i % 3) × (1000 + 100 i) + 80 tax.
    const expected = [1, 2, 3, 4, 5].reduce((sum, i) => sum + (1 + (i % 3)) * (1000 + 100 * i) + 80, 0);
    const allTime = aAlone.get(`insights ${AS_OF_CURRENT}`)!.data!.shop.tiktokInsights.allTime;
    expect(allTime).toMatchObject({ totalOrders: 5, uniqueCustomers: 3, netReceipts: { cents: expected } });
  });

  describe.each(AS_OFS)('customers at %s', (asOf) => {
    it.each(ORDERINGS.map((o) => [`${o.field} ${o.direction}`, o] as const))(
      'ordered by %s: as before B existed, equal to the reference, nothing of B',
      async (label, orderBy) => {
        const answer = await api.gql(QUERIES.customers, { asOf, first: 500, orderBy }, shops.A.token);
        expect(answer).toEqual(aAlone.get(`customers ${asOf} ${label}`));
        expectNothingOfB(answer, `customers ${asOf} ${label}`);
        const list = answer.data!.shop.tiktokInsights.customers;
        const reference = referenceInsights(ordersOf('A'), REFERENCE_SHOP, asOf).customers;
        expect(list.totalCount).toBe(reference.length);
        expect(list.edges.map((e: any) => [e.node.tiktokCustomerId, e.node.name, e.node.orders, e.node.netReceipts.cents]).sort()).toEqual(
          reference.map((c) => [c.tiktokCustomerId, c.name, c.orders, c.netReceiptsCents]).sort(),
        );
      },
    );

    it("pages through A's own list with A's cursors, one customer at a time, exactly as the whole list", async () => {
      record('cursors', QUERIES.customers);
      const whole = aAlone.get(`customers ${asOf} NET_RECEIPTS DESC`)!.data!.shop.tiktokInsights.customers;
      const seen: unknown[] = [];
      let after: string | null = null;
      for (;;) {
        const page: GraphQLResponse = await api.gql(QUERIES.customers, { asOf, first: 1, after }, shops.A.token);
        expect(page.errors).toBeUndefined();
        expectNothingOfB(page, `customers page after ${after}`);
        const connection = page.data!.shop.tiktokInsights.customers;
        expect(connection.totalCount).toBe(whole.totalCount);
        seen.push(...connection.edges.map((e: any) => e.node));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toEqual(whole.edges.map((e: any) => e.node));
    });
  });

  it.each(AS_OFS)('crossover at %s: as before B existed, equal to the reference, nothing of B', async (asOf) => {
    const answer = await api.gql(QUERIES.crossover, { asOf, first: 500 }, shops.A.token);
    expect(answer).toEqual(aAlone.get(`crossover ${asOf}`));
    expectNothingOfB(answer, `crossover ${asOf}`);
    const crossover = answer.data!.shop.tiktokInsights.crossover;
    const reference = referenceInsights(ordersOf('A'), REFERENCE_SHOP, asOf).crossover;
    expect(crossover).toMatchObject({
      sourcedCustomers: reference.sourcedCustomers,
      crossoverCustomers: reference.crossoverCustomers,
      crossoverNonTikTokNetReceipts: { cents: reference.crossoverNonTikTokNetReceiptsCents },
      orderBreakdown: reference.orderBreakdown,
    });
    expect(crossover.customers.totalCount).toBe(reference.customers.length);
    if (asOf === AS_OF_CURRENT) {
      // tt-1 and tt-2 crossed over through s-1 and s-2 at their addresses: 2 of A's 3 buyers.
      expect(crossover).toMatchObject({ sourcedCustomers: 3, crossoverCustomers: 2 });
    }
  });
});

describe("B's cursors and ids used with A's token", () => {
  it("B's customer cursors give A's own customers (or BAD_USER_INPUT), never B's", async () => {
    let tried = 0;
    for (const asOf of AS_OFS) {
      for (const orderBy of ORDERINGS) {
        const label = `customers ${asOf} ${orderBy.field} ${orderBy.direction}`;
        const aList = aAlone.get(label)!.data!.shop.tiktokInsights.customers.edges.map((e: any) => e.node);
        for (const after of cursorsIn(bAnswers.get(label)!.data)) {
          for (const first of [1, 500]) {
            const answer = await api.gql(QUERIES.customers, { asOf, first, after, orderBy }, shops.A.token);
            tried++;
            expectNothingOfB(answer, `${label} after B's cursor`);
            if (answer.errors) {
              expect(answer.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
              continue;
            }
            const connection = answer.data!.shop.tiktokInsights.customers;
            expect(connection.totalCount).toBe(aList.length);
            const nodes = connection.edges.map((e: any) => e.node);
            // A page of A's list: consecutive customers of A, in A's order.
            if (nodes.length > 0) {
              const start = aList.findIndex((node: any) => node.id === nodes[0].id);
              expect(start).toBeGreaterThanOrEqual(0);
              expect(nodes).toEqual(aList.slice(start, start + nodes.length));
            }
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(40);
  });

  it("B's crossover cursors give A's own crossover customers (or BAD_USER_INPUT), never B's", async () => {
    record('cursors', QUERIES.crossover);
    let tried = 0;
    for (const asOf of AS_OFS) {
      const aList = aAlone.get(`crossover ${asOf}`)!.data!.shop.tiktokInsights.crossover.customers.edges.map((e: any) => e.node);
      const bCursors = [...cursorsIn(bAnswers.get(`crossover ${asOf}`)!.data), ...cursorsIn(bAnswers.get(`customers ${asOf} NAME ASC`)!.data)];
      for (const after of bCursors) {
        const answer = await api.gql(QUERIES.crossover, { asOf, first: 500, after }, shops.A.token);
        tried++;
        expectNothingOfB(answer, `crossover ${asOf} after B's cursor`);
        if (answer.errors) {
          expect(answer.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
          continue;
        }
        const connection = answer.data!.shop.tiktokInsights.crossover.customers;
        expect(connection.totalCount).toBe(aList.length);
        for (const node of connection.edges.map((e: any) => e.node)) expect(aList).toContainEqual(node);
      }
    }
    expect(tried).toBeGreaterThan(2);
  });

  it("B's ids mean nothing to A: A's token may not issue or revoke B's tokens, and B's token id does not revoke A's", async () => {
    const bBefore = await shopChecksum(db.dataSource, shops.B.shopId);
    const forged = [
      ['createShopToken', `mutation ($shopId: ID!) { createShopToken(shopId: $shopId) { token tokenId } }`, { shopId: shops.B.shopId }],
      ['revokeShopToken', `mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`, { shopId: shops.B.shopId, tokenId: shops.B.tokenId }],
    ] as const;
    for (const [name, query, variables] of forged) {
      record('admin', query);
      const answer = await api.gql(query, variables, shops.A.token);
      expect(answer.errors![0]!.extensions!.code, name).toBe('FORBIDDEN');
      expect(answer.data ?? null).toBeNull();
      expectNothingOfB({ errors: answer.errors }, name);
    }
    // The admin token revoking "B's token of shop A" revokes nothing.
    const mixed = await api.gql(forged[1][1], { shopId: shops.A.shopId, tokenId: shops.B.tokenId }, TEST_ADMIN_TOKEN);
    expect(mixed.data!.revokeShopToken).toBe(false);
    expect(await shopChecksum(db.dataSource, shops.B.shopId)).toEqual(bBefore);
    expect((await api.gql(QUERIES.shop, {}, shops.B.token)).data!.shop.id).toBe(shops.B.shopId);
    expect((await api.gql(QUERIES.shop, {}, shops.A.token)).data!.shop.id).toBe(shops.A.shopId);
  });
});

describe('CSV exports with A’s token', () => {
  it('are byte for byte what they were before B existed, and hold nothing of B', async () => {
    const now = await exportsOf('A');
    expect([...now.keys()]).toEqual([...aAloneExports.keys()]);
    for (const [path, text] of now) {
      expect(text, path).toBe(aAloneExports.get(path));
      expectNothingOfB(text, path);
      const rows: string[][] = parseCsv(text.slice(1));
      const ids = rows.slice(1).map((row) => row[0]);
      if (path.startsWith('tiktok-customers')) {
        const asOf = /asOf=([\d-]+)/.exec(path)![1]!;
        expect(ids.sort()).toEqual(referenceInsights(ordersOf('A'), REFERENCE_SHOP, asOf).customers.map((c) => c.tiktokCustomerId).sort());
      }
    }
    // A's answers name A's buyers: the check above would have seen B's.
    expect(now.get(`tiktok-customers.csv?asOf=${AS_OF_CURRENT}`)).toContain('Avery Buyer 1');
  });
});

// ---------------------------------------------------------------------------------------------
// Writes: after each of A's mutations, B is unchanged to the byte and answers as before.
// ---------------------------------------------------------------------------------------------

describe("A's writes never change B", () => {
  async function expectBUnchanged(before: Record<string, string>) {
    expect(await shopChecksum(db.dataSource, shops.B.shopId)).toEqual(before);
    const now = await readAll('B');
    for (const [label, answer] of now) expect(answer, `B ${label}`).toEqual(bAnswers.get(label));
  }

  it('importOrders: the same keys are A’s own orders; updates, new orders and resends touch B not at all', async () => {
    record('importOrders', IMPORT_MUTATION);
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    const aOrders = ordersOf('A');
    // Resent unchanged: nothing of A's (or B's) changes.
    const resend = await api.gql(IMPORT_MUTATION, { orders: aOrders }, shops.A.token);
    expect(resend.data!.importOrders).toEqual({ created: 0, updated: 0, unchanged: 8 });
    await expectBUnchanged(before);
    // o-1 … o-3 updated (B has these keys too), o-7 and tt-4 are new to A (B has them).
    const changed = aOrders.slice(0, 3).map((order) => ({ ...order, status: 'REFUNDED' as const }));
    const newOne: OrderData = { ...aOrders[0]!, externalId: 'o-7', customer: { ...aOrders[0]!.customer, externalId: 'tt-4', name: 'Avery Buyer 4' } };
    const result = await api.gql(IMPORT_MUTATION, { orders: [...changed, newOne] }, shops.A.token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importOrders).toEqual({ created: 1, updated: 3, unchanged: 0 });
    expectNothingOfB(result, 'importOrders');
    await expectBUnchanged(before);
    // A counts its own orders: o-4, o-5 and the new o-7.
    const allTime = (await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, shops.A.token)).data!.shop.tiktokInsights.allTime;
    const net = (1 + (4 % 3)) * 1400 + 80 + (1 + (5 % 3)) * 1500 + 80 + (1 + (1 % 3)) * 1100 + 80;
    expect(allTime).toMatchObject({ totalOrders: 3, netReceipts: { cents: net } });
    // An invalid import of A names A's order only and writes nothing anywhere.
    const invalid = await api.gql(IMPORT_MUTATION, { orders: [{ ...aOrders[0]!, taxCents: -1 }] }, shops.A.token);
    expect(invalid.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: 0, field: 'taxCents' });
    expectNothingOfB(invalid, 'invalid import');
    await expectBUnchanged(before);
  });

  it('disconnectTikTok and connectTikTok change A’s connection only', async () => {
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    for (const mutation of ['disconnectTikTok', 'connectTikTok'] as const) {
      const query = `mutation { ${mutation} { connected connectedAt disconnectedAt } }`;
      record('tiktokConnection', query);
      const result = await api.gql(query, {}, shops.A.token);
      expect(result.errors).toBeUndefined();
      expect(result.data![mutation].connected).toBe(mutation === 'connectTikTok');
      expectNothingOfB(result, mutation);
      if (mutation === 'disconnectTikTok') {
        const exported = await fetch(`${api.server.url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${shops.A.token}` } });
        expect(exported.status).toBe(404);
        expect((await api.gql(QUERIES.shop, {}, shops.B.token)).data!.shop.tiktok.connected).toBe(true);
      }
      await expectBUnchanged(before);
    }
  });

  it('updateShopSettings changes A’s settings only, the time zone’s rebuild of every daily summary included', async () => {
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    const query = `mutation ($input: UpdateShopSettingsInput!) {
      updateShopSettings(input: $input) { id name timezone currency weekStartsOn aovTarget ${MONEY} }
    }`;
    record('shopSettings', query);
    const changed = await api.gql(
      query,
      { input: { name: 'Avery Tokyo', timezone: 'Asia/Tokyo', currency: 'EUR', weekStartsOn: 'SUNDAY', aovTargetCents: 1 } },
      shops.A.token,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateShopSettings).toMatchObject({ id: shops.A.shopId, timezone: 'Asia/Tokyo' });
    expectNothingOfB(changed, 'updateShopSettings');
    const aInsights = await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, shops.A.token);
    expectNothingOfB(aInsights, 'insights after the settings change');
    await expectBUnchanged(before);
    // Back to A's settings, for the cases below.
    const restored = await api.gql(
      query,
      { input: { name: 'Avery Boutique', timezone: TIMEZONE, currency: 'USD', weekStartsOn: 'MONDAY', aovTargetCents: 4000 } },
      shops.A.token,
    );
    expect(restored.errors).toBeUndefined();
    await expectBUnchanged(before);
  });

  it('admin calls with A’s token are FORBIDDEN; a new shop and tokens issued for A see nothing of B', async () => {
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    const create = `mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id name } token tokenId } }`;
    const issue = `mutation ($shopId: ID!) { createShopToken(shopId: $shopId, label: "second") { token tokenId } }`;
    const revoke = `mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`;
    for (const query of [create, issue, revoke]) record('admin', query);

    const refused = await api.gql(create, { input: { name: 'Sneaky', timezone: TIMEZONE } }, shops.A.token);
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    await expectBUnchanged(before);

    // A new shop C sees only its own (empty) data.
    const created = await api.gql(create, { input: { name: 'Cora Shop', timezone: TIMEZONE } }, TEST_ADMIN_TOKEN);
    const c = created.data!.createShop;
    expectNothingOfB(created, 'createShop');
    const cShop = await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, c.token);
    expectNothingOfB(cShop, 'new shop insights');
    expect(cShop.data!.shop.tiktokInsights.allTime).toMatchObject({ totalOrders: 0, netReceipts: { cents: 0 } });
    await expectBUnchanged(before);

    // A second token of A: A's data, then revoked at once; B's token keeps working.
    const issued = await api.gql(issue, { shopId: shops.A.shopId }, TEST_ADMIN_TOKEN);
    const second = issued.data!.createShopToken;
    expectNothingOfB(issued, 'createShopToken');
    const viaSecond = await api.gql(QUERIES.customers, { asOf: AS_OF_CURRENT, first: 500 }, second.token);
    expectNothingOfB(viaSecond, 'second token customers');
    expect(viaSecond.data!.shop.tiktokInsights.customers.totalCount).toBe(3);
    const revoked = await api.gql(revoke, { shopId: shops.A.shopId, tokenId: second.tokenId }, TEST_ADMIN_TOKEN);
    expect(revoked.data!.revokeShopToken).toBe(true);
    expect((await api.gql(QUERIES.shop, {}, second.token)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    await expectBUnchanged(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Accounts: people, API keys and shared links of A, and B's with the same kinds of names
// ---------------------------------------------------------------------------------------------

describe("A's people, API keys and shared links never show or touch B's", () => {
  const PERSON = `{ id name email }`;
  const API_KEY = `{ id name scope prefix createdAt lastUsedAt createdBy }`;
  const SHARED_LINK = `{ id name prefix hasPassword expiresAt createdAt lastUsedAt }`;
  const ACCOUNT_QUERIES = {
    caller: `{ caller { kind role scope canImport canChangeSettings canManage canSeeCustomers person ${PERSON} } }`,
    apiKeys: `{ apiKeys ${API_KEY} }`,
    sharedLinks: `{ sharedLinks ${SHARED_LINK} }`,
    serverInfo: `{ serverInfo { mailConfigured setupNeeded } }`,
    createApiKey: `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey ${API_KEY} } }`,
    revokeApiKey: `mutation ($id: ID!) { revokeApiKey(id: $id) ${API_KEY} }`,
    createSharedLink: `mutation ($input: CreateSharedLinkInput!) { createSharedLink(input: $input) { url sharedLink ${SHARED_LINK} } }`,
    revokeSharedLink: `mutation ($id: ID!) { revokeSharedLink(id: $id) ${SHARED_LINK} }`,
  };
  const SHOP_ID = `{ shop { id name } }`;
  const A_OWNER = 'avery-owner@a-shop.example';
  const B_OWNER = `${B_MARKER.toLowerCase()}-owner@b-shop.example`;
  const B_LINK_PASSWORD = `${B_MARKER}-ledger-2025`;

  let aOwner: string;
  let bOwner: string;
  /** B's own credentials and their ids: none may appear in, or be revoked by, anything of A. */
  const b = {} as { key: string; keyId: string; link: string; linkId: string; lockedLink: string; lockedLinkId: string; grant: string };
  let aLink: string;

  const tokenOfUrl = (url: string) => url.split('/shared/')[1]!;
  const unlock = async (token: string, password: string): Promise<string> => {
    const response = await fetch(`${api.server.url}/api/shared-links/${token}/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  /** A's answer with its own random secrets (keys, URLs, prefixes) masked: by chance they could hold B's marker. */
  const masked = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(masked);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ['key', 'url', 'prefix'].includes(k) && typeof v === 'string' ? '[random]' : masked(v)]));
  };
  const expectNoSecretOfB = (secret: string) => expect([b.key, b.link, b.lockedLink, b.grant]).not.toContain(secret);
  const asOwner = (cookie: string, query: string, variables?: Record<string, unknown>) => gqlWithCookie(api.server.url, cookie, query, variables);
  const liveIds = async (table: 'api_token' | 'shared_link', shopId: string): Promise<string[]> => {
    const id = table === 'api_token' ? 'token_id' : 'link_id';
    const rows: Array<{ id: string }> = await db.dataSource.query(
      `SELECT ${id}::text AS id FROM ${table} WHERE shop_id = $1 AND revoked_at IS NULL ${table === 'shared_link' ? 'AND (expires_at IS NULL OR expires_at > now())' : ''}`,
      [shopId],
    );
    return rows.map((row) => row.id).sort();
  };

  beforeAll(async () => {
    const bUserId = await addPerson(db.dataSource, shops.B.shopId, B_OWNER, 'owner');
    await addPerson(db.dataSource, shops.A.shopId, A_OWNER, 'owner');
    aOwner = (await signIn(api.server.url, A_OWNER)).cookie!;
    bOwner = (await signIn(api.server.url, B_OWNER)).cookie!;
    expect(aOwner && bOwner).toBeTruthy();

    const bKey = await asOwner(bOwner, ACCOUNT_QUERIES.createApiKey, { input: { name: `${B_MARKER} reports`, scope: 'READ' } });
    const bLink = await asOwner(bOwner, ACCOUNT_QUERIES.createSharedLink, { input: { name: `${B_MARKER} accountant` } });
    const bLocked = await asOwner(bOwner, ACCOUNT_QUERIES.createSharedLink, { input: { name: `${B_MARKER} partner`, password: B_LINK_PASSWORD } });
    b.key = bKey.data!.createApiKey.key;
    b.keyId = bKey.data!.createApiKey.apiKey.id;
    b.link = tokenOfUrl(bLink.data!.createSharedLink.url);
    b.linkId = bLink.data!.createSharedLink.sharedLink.id;
    b.lockedLink = tokenOfUrl(bLocked.data!.createSharedLink.url);
    b.lockedLinkId = bLocked.data!.createSharedLink.sharedLink.id;
    b.grant = await unlock(b.lockedLink, B_LINK_PASSWORD);
    bStrings.push(bUserId, b.key, b.keyId, b.link, b.linkId, b.lockedLink, b.lockedLinkId, b.grant);
    for (const id of [bUserId, b.keyId, b.linkId, b.lockedLinkId]) bIds.add(id);
    // B's credentials read B's shop.
    for (const credential of [b.key, b.link, b.grant]) expect((await api.gql(SHOP_ID, {}, credential)).data!.shop.id).toBe(shops.B.shopId);

    const aKey = await asOwner(aOwner, ACCOUNT_QUERIES.createApiKey, { input: { name: 'Avery reports', scope: 'READ' } });
    expect(aKey.errors).toBeUndefined();
    const link = await asOwner(aOwner, ACCOUNT_QUERIES.createSharedLink, { input: { name: 'Avery accountant' } });
    aLink = tokenOfUrl(link.data!.createSharedLink.url);
  });

  it("caller: A's owner, A's key and A's shared link are A's; nothing of B", async () => {
    record('caller', ACCOUNT_QUERIES.caller);
    const owner = await asOwner(aOwner, ACCOUNT_QUERIES.caller);
    expect(owner.data!.caller).toMatchObject({ kind: 'PERSON', role: 'OWNER', scope: null, person: { name: 'avery-owner', email: A_OWNER } });
    expectNothingOfB(owner, 'caller as A’s owner');
    const key = await api.gql(ACCOUNT_QUERIES.caller, {}, shops.A.token);
    expect(key.data!.caller).toMatchObject({ kind: 'API_KEY', scope: 'IMPORT', person: null, role: null });
    expectNothingOfB(key, 'caller as A’s key');
    const link = await api.gql(ACCOUNT_QUERIES.caller, {}, aLink);
    expect(link.data!.caller).toMatchObject({ kind: 'SHARED_LINK', person: null, role: null, scope: null, canSeeCustomers: false });
    expectNothingOfB(link, 'caller as A’s shared link');
    // B's owner is B's, with the marker the checks above look for.
    expect((await asOwner(bOwner, ACCOUNT_QUERIES.caller)).data!.caller.person.email).toBe(B_OWNER);
  });

  it("apiKeys and sharedLinks: A's owner lists exactly A's live keys and links, nothing of B", async () => {
    record('apiKeys', ACCOUNT_QUERIES.apiKeys);
    record('sharedLinks', ACCOUNT_QUERIES.sharedLinks);
    const keys = await asOwner(aOwner, ACCOUNT_QUERIES.apiKeys);
    expect(keys.errors).toBeUndefined();
    expect(keys.data!.apiKeys.map((k: { id: string }) => k.id).sort()).toEqual(await liveIds('api_token', shops.A.shopId));
    expect(keys.data!.apiKeys.map((k: { name: string }) => k.name)).toContain('Avery reports');
    expectNothingOfB(masked(keys), 'apiKeys');
    const links = await asOwner(aOwner, ACCOUNT_QUERIES.sharedLinks);
    expect(links.errors).toBeUndefined();
    expect(links.data!.sharedLinks.map((l: { id: string }) => l.id).sort()).toEqual(await liveIds('shared_link', shops.A.shopId));
    expect(links.data!.sharedLinks).toHaveLength(1);
    expectNothingOfB(masked(links), 'sharedLinks');
    // B lists its own: the lists are per shop, not empty for want of data.
    expect((await asOwner(bOwner, ACCOUNT_QUERIES.apiKeys)).data!.apiKeys.map((k: { id: string }) => k.id)).toContain(b.keyId);
    expect((await asOwner(bOwner, ACCOUNT_QUERIES.sharedLinks)).data!.sharedLinks).toHaveLength(2);
  });

  it("createApiKey and createSharedLink write A's rows only, and what they create reads A's shop; A revokes its own", async () => {
    record('apiKeys', ACCOUNT_QUERIES.createApiKey);
    record('apiKeys', ACCOUNT_QUERIES.revokeApiKey);
    record('sharedLinks', ACCOUNT_QUERIES.createSharedLink);
    record('sharedLinks', ACCOUNT_QUERIES.revokeSharedLink);
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    const created = await asOwner(aOwner, ACCOUNT_QUERIES.createApiKey, { input: { name: 'Avery import', scope: 'IMPORT' } });
    expect(created.errors).toBeUndefined();
    expectNothingOfB(masked(created), 'createApiKey');
    const { key, apiKey } = created.data!.createApiKey;
    expectNoSecretOfB(key);
    const link = await asOwner(aOwner, ACCOUNT_QUERIES.createSharedLink, { input: { name: 'Avery partner', password: 'avery-ledger-2025' } });
    expect(link.errors).toBeUndefined();
    expectNothingOfB(masked(link), 'createSharedLink');
    const linkToken = tokenOfUrl(link.data!.createSharedLink.url);
    expectNoSecretOfB(linkToken);
    const grant = await unlock(linkToken, 'avery-ledger-2025');
    expectNoSecretOfB(grant);
    for (const [label, credential] of [['new key', key], ['new link', grant]] as const) {
      const insights = await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, credential);
      expect(insights, label).toEqual(await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, shops.A.token));
      expectNothingOfB(insights, `insights through A's ${label}`);
    }
    expect(await shopChecksum(db.dataSource, shops.B.shopId)).toEqual(before);

    const revokedKey = await asOwner(aOwner, ACCOUNT_QUERIES.revokeApiKey, { id: apiKey.id });
    expect(revokedKey.data!.revokeApiKey.id).toBe(apiKey.id);
    const revokedLink = await asOwner(aOwner, ACCOUNT_QUERIES.revokeSharedLink, { id: link.data!.createSharedLink.sharedLink.id });
    expect(revokedLink.data!.revokeSharedLink.hasPassword).toBe(true);
    for (const answer of [revokedKey, revokedLink]) expectNothingOfB(masked(answer), 'revoke');
    expect((await api.gql(SHOP_ID, {}, key)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SHOP_ID, {}, grant)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await shopChecksum(db.dataSource, shops.B.shopId)).toEqual(before);
  });

  it("B's key and link ids revoke nothing for A's owner: NOT_FOUND, B's rows unchanged, B's credentials still work", async () => {
    const before = await shopChecksum(db.dataSource, shops.B.shopId);
    const aBefore = await shopChecksum(db.dataSource, shops.A.shopId);
    const tries = [
      ['revokeApiKey', ACCOUNT_QUERIES.revokeApiKey, b.keyId],
      ['revokeSharedLink', ACCOUNT_QUERIES.revokeSharedLink, b.linkId],
      ['revokeSharedLink', ACCOUNT_QUERIES.revokeSharedLink, b.lockedLinkId],
      // A key's id is no link's and a link's no key's, in either shop.
      ['revokeApiKey', ACCOUNT_QUERIES.revokeApiKey, b.linkId],
      ['revokeSharedLink', ACCOUNT_QUERIES.revokeSharedLink, b.keyId],
      ['revokeApiKey', ACCOUNT_QUERIES.revokeApiKey, shops.B.tokenId],
    ] as const;
    for (const [name, query, id] of tries) {
      const answer = await asOwner(aOwner, query, { id });
      expect(answer.errors?.map((e) => e.extensions?.code), `${name} ${id}`).toEqual(['NOT_FOUND']);
      expect(answer.data ?? null).toBeNull();
      expectNothingOfB({ errors: answer.errors }, `${name} of B's id`);
    }
    expect(await shopChecksum(db.dataSource, shops.B.shopId)).toEqual(before);
    expect(await shopChecksum(db.dataSource, shops.A.shopId)).toEqual(aBefore);
    for (const credential of [b.key, b.link, b.grant, shops.B.token]) expect((await api.gql(SHOP_ID, {}, credential)).data!.shop.id).toBe(shops.B.shopId);
  });

  it('serverInfo: the same answer for A, B and no one, with no shop in it', async () => {
    record('serverInfo', ACCOUNT_QUERIES.serverInfo);
    const anonymous = await api.gql(ACCOUNT_QUERIES.serverInfo);
    expect(anonymous.data!.serverInfo).toEqual({ mailConfigured: false, setupNeeded: false });
    for (const answer of [await api.gql(ACCOUNT_QUERIES.serverInfo, {}, shops.A.token), await asOwner(aOwner, ACCOUNT_QUERIES.serverInfo), await api.gql(ACCOUNT_QUERIES.serverInfo, {}, aLink)]) {
      expect(answer.data).toEqual(anonymous.data);
      expectNothingOfB(answer, 'serverInfo');
    }
  });

  it("A's shared link reads A's dashboard as A's token does and lists no customer; nothing of B", async () => {
    const insights = await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, aLink);
    expect(insights).toEqual(await api.gql(QUERIES.insights, { asOf: AS_OF_CURRENT }, shops.A.token));
    expectNothingOfB(insights, 'insights through A’s shared link');
    const list = await api.gql(QUERIES.customers, { asOf: AS_OF_CURRENT, first: 500 }, aLink);
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The refused list nulls the nullable insights above it: no figure and no customer.
    expect(list.data).toEqual({ shop: { tiktokInsights: null } });
    const count = await api.gql(QUERIES.customers, { asOf: AS_OF_CURRENT, first: 0 }, aLink);
    expect(count.data!.shop.tiktokInsights.customers).toMatchObject({ totalCount: 3, edges: [] });
    expectNothingOfB(count, 'customer count through A’s shared link');
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage of the schema
// ---------------------------------------------------------------------------------------------

describe('coverage', () => {
  it('has an isolation case for every root field and every field of every object type, and each case selects its fields', async () => {
    const introspection = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
    const served = introspection.data!.__schema.types
      .filter((type) => type.kind === 'OBJECT' && !type.name.startsWith('__'))
      .flatMap((type) => (type.kind === 'OBJECT' ? type.fields.map((field) => `${type.name}.${field.name}`) : []))
      .sort();
    expect(served, 'a field without an isolation case (add it to ISOLATION_CASES), or a case for a field gone').toEqual(
      Object.keys(ISOLATION_CASES).sort(),
    );
    const unselected = Object.entries(ISOLATION_CASES).filter(([coordinate, caseName]) => !selectedByCase.get(caseName)?.has(coordinate));
    expect(unselected, 'fields that their case never asked for').toEqual([]);
    expect(isolationChecks).toBeGreaterThan(100);
    console.log(`tenant isolation: ${served.length} fields in ${new Set(Object.values(ISOLATION_CASES)).size} cases, ${isolationChecks} answers to A checked for B's data`);
  });
});
