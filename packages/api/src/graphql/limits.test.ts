import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeQueries } from '../database/query-observer.js';
import { startTestApi, type TestApi } from '../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { QUERY_LIMITS } from './limits.js';

let db: TestDatabase;
let api: TestApi;
let token: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  ({ token } = await api.createShop());
  await api.gql(IMPORT_MUTATION, { orders: [makeOrder(), makeOrder({ channel: 'APP' })] }, token);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** Sends a request and returns its response with the SQL statements run while it was answered. */
async function withStatements<T>(send: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const stop = observeQueries((sql) => statements.push(sql));
  try {
    return { result: await send(), statements };
  } finally {
    stop();
  }
}

const nested = (depth: number): string => {
  // shop > tiktokInsights > crossover > customers > edges > node > customer > address > line1 is 9 deep;
  // fragments on the same path do not add depth, so deepen with repeated inline fragments of Query.
  let selection = 'line1';
  for (const field of ['address', 'customer', 'node', 'edges', 'customers', 'crossover', 'tiktokInsights', 'shop']) {
    selection = `${field} { ${selection} }`;
  }
  let query = selection;
  for (let level = 9; level < depth; level++) query = `... on Query { __typename ${query} }`;
  return `{ ${query} }`;
};

describe('limits refuse a query with a coded error before any SQL runs', () => {
  const cases: Array<[string, () => { query: string; variables?: Record<string, unknown> }, string]> = [
    ['depth over 12', () => ({ query: `{ shop { tiktokInsights { crossover { customers { edges { node { customer { address { line1 } } } } } } } } }`.replace('line1', 'line1 ') }), 'none'],
    [
      'more than 15 aliases',
      () => ({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: shop { id }`).join(' ')} }` }),
      'aliases',
    ],
    [
      'more than 10 directives',
      () => ({ query: `{ shop { ${Array.from({ length: 11 }, (_, i) => `f${i}: id @include(if: true)`).join(' ')} } }` }),
      'directives',
    ],
    [
      'more than 3000 tokens',
      () => ({ query: `{ shop { ${Array.from({ length: 3100 }, () => 'id').join(' ')} } }` }),
      'tokens',
    ],
    [
      'a cost over the limit through first given as variables',
      () => ({
        query: `query ($n: Int) { shop { tiktokInsights {
          a: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          b: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          c: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          d: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          e: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          f: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          g: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
          h: customers(first: $n) { edges { node { id name orders address { line1 line2 city region postalCode country } } } }
        } } }`,
        variables: { n: 500 },
      }),
      'cost',
    ],
    ['first over 500', () => ({ query: `{ shop { tiktokInsights { customers(first: 501) { totalCount } } } }` }), 'first'],
    [
      'first over 500 as a variable',
      () => ({ query: `query ($n: Int) { shop { tiktokInsights { crossover { customers(first: $n) { totalCount } } } } }`, variables: { n: 100000 } }),
      'first',
    ],
    ['a negative first', () => ({ query: `{ shop { tiktokInsights { dateRange { topProducts(first: -1) { rank } } } } }` }), 'first'],
  ];

  it('refuses a query deeper than 12', async () => {
    const { result, statements } = await withStatements(() => api.gql(nested(13), {}, token));
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(statements).toEqual([]);
    const ok = await api.gql(nested(12), {}, token);
    expect(ok.errors).toBeUndefined();
  });

  it.each(cases.filter(([, , limit]) => limit !== 'none'))('refuses %s', async (_name, build, limit) => {
    const { query, variables } = build();
    const { result, statements } = await withStatements(() => api.gql(query, variables, token));
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit });
    expect(statements).toEqual([]);
  });

  it('refuses batched requests', async () => {
    const { result: response, statements } = await withStatements(() =>
      fetch(`${api.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify([{ query: '{ shop { id } }' }, { query: '{ shop { id } }' }]),
      }),
    );
    expect(response.status).toBe(400);
    expect(statements).toEqual([]);
  });

  it('gives no field suggestions', async () => {
    const result = await api.gql(`{ shop { nme } }`, {}, token);
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('lets the full dashboard with 500-row pages through, and introspection without a token', async () => {
    const dashboard = await api.gql(FULL_DASHBOARD_QUERY, { customersFirst: 500, crossoverFirst: 500, topFirst: 500 }, token);
    expect(dashboard.errors).toBeUndefined();
    const introspection = await api.gql(
      `query { __schema { types { name fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }`,
    );
    expect(introspection.errors).toBeUndefined();
  });

  it('states the limits the spec names', () => {
    expect(QUERY_LIMITS.maxDepth).toBe(12);
  });
});

describe('SQL statements of the full dashboard', () => {
  it('stay few and do not grow with the number of products, customers or rows returned', async () => {
    const small = await api.createShop();
    await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ placedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() })] }, small.token);

    const big = await api.createShop();
    const now = Date.now();
    const orders = Array.from({ length: 600 }, (_, i) =>
      makeOrder({
        externalId: `big-${i}`,
        channel: i % 3 === 0 ? 'WEBSITE' : 'TIKTOK',
        // Store orders come after the TikTok orders of the same address, so some buyers cross over.
        placedAt: new Date(now - (i % 3 === 0 ? 1 : 2 + (i % 40)) * 86_400_000).toISOString(),
        customer: { externalId: `c-${i % 150}`, address: { line1: `${(i % 3 === 0 ? i + 1 : i) % 150} Main St` } },
        lines: [{ productExternalId: `p-${i % 90}`, productName: `Product ${i % 90}`, sku: null, quantity: 1, unitPriceCents: 1000 + i }],
      }),
    );
    expect((await api.gql(IMPORT_MUTATION, { orders }, big.token)).errors).toBeUndefined();

    const count = async (shopToken: string, pageSize: number) => {
      const { result, statements } = await withStatements(() =>
        api.gql(FULL_DASHBOARD_QUERY, { customersFirst: pageSize, crossoverFirst: pageSize, topFirst: pageSize }, shopToken),
      );
      expect(result.errors).toBeUndefined();
      return { statements: statements.length, data: result.data! };
    };
    const smallShop = await count(small.token, 50);
    const bigShopSmallPages = await count(big.token, 5);
    const bigShopBigPages = await count(big.token, 500);
    const insights = bigShopBigPages.data.shop.tiktokInsights;
    expect(insights.customers.edges.length).toBe(100);
    expect(insights.dateRange.topProducts.length).toBeGreaterThan(10);
    expect(insights.crossover.customers.edges.length).toBeGreaterThan(0);
    // One statement per data set whatever the number of rows: only lists that are empty skip theirs.
    expect(bigShopBigPages.statements).toBe(bigShopSmallPages.statements);
    expect(smallShop.statements).toBeLessThanOrEqual(bigShopBigPages.statements);
    expect(bigShopBigPages.statements).toBeLessThanOrEqual(25);
    console.log(`full dashboard: ${bigShopBigPages.statements} SQL statements`);
  });
});
