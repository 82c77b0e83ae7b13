import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../database/data-source.js';
import { observeQueries } from '../database/query-observer.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
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

/** Resolves once `condition` holds, checking every 10 ms; fails after `ms`. */
async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

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

  it('refuses a cycle of fragments', async () => {
    const cycle = `query { shop { ...A } } fragment A on Shop { id ...B } fragment B on Shop { name ...A }`;
    const { result, statements } = await withStatements(() => api.gql(cycle, {}, token));
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.errors![0]!.message).toContain('within itself');
    expect(statements).toEqual([]);
  });

  it('refuses a fragment bomb (each fragment spreading the next twice) quickly', async () => {
    const fragments = Array.from({ length: 40 }, (_, i) =>
      `fragment F${i} on TikTokInsights { allTime { totalOrders } ${i < 39 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
    ).join('\n');
    const started = performance.now();
    const { result, statements } = await withStatements(() => api.gql(`{ shop { tiktokInsights { ...F0 } } } ${fragments}`, {}, token));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: expect.stringMatching(/^(cost|depth)$/) });
    expect(statements).toEqual([]);
  });

  it('refuses a wide selection under a page of 500 by its cost', async () => {
    // 15 aliased addresses per customer: 500 × (1 + 1 + (1 + 115)) = 59,000 > 50,000.
    const wide = Array.from({ length: 15 }, (_, i) => `a${i}: address { line1 line2 city region postalCode country }`).join(' ');
    const fields = `id tiktokCustomerId name firstOrderAt lastOrderAt orders netReceipts { cents currency formatted } ${wide}`;
    const query = `{ shop { tiktokInsights { customers(first: 500) { edges { node { ${fields} } } } } } }`;
    const { result, statements } = await withStatements(() => api.gql(query, {}, token));
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(statements).toEqual([]);
  });

  it('lets the full introspection query of Sandbox and code generators through without a token', async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const { result, statements } = await withStatements(() => api.gql(query));
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.queryType.name).toBe('Query');
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

describe('the statement timeout', () => {
  it('stops a runaway query with a coded TIMEOUT error and returns its connection to the pool', async () => {
    const shop = await api.createShop();
    const orders = [makeOrder({ externalId: 'runaway-1' }), makeOrder({ externalId: 'runaway-2', channel: 'WEBSITE' })];
    expect((await api.gql(IMPORT_MUTATION, { orders }, shop.token)).errors).toBeUndefined();

    // A statement that cannot finish, whatever the machine's speed: the dashboard's range metrics
    // wait behind a lock another session holds on the channel summary.
    const blocker = db.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE daily_channel_summary IN ACCESS EXCLUSIVE MODE');

    const tight = createDataSource({ url: db.url, poolSize: 1, statementTimeoutMs: 300, applicationName: 'tiktok-insights-timeout-test' });
    await tight.initialize();
    const tightApi = await startTestApi(tight);
    try {
      const started = performance.now();
      const stopped = await tightApi.gql(FULL_DASHBOARD_QUERY, {}, shop.token);
      const ms = performance.now() - started;
      await blocker.rollbackTransaction();
      expect(stopped.errors, 'the runaway dashboard was stopped').toBeDefined();
      const timeouts = stopped.errors!.filter((e) => e.extensions?.reason === 'TIMEOUT');
      expect(timeouts.length).toBeGreaterThan(0);
      for (const error of timeouts) {
        expect(error).toMatchObject({ message: 'The request took too long and was stopped.', extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'TIMEOUT' } });
      }
      // No SQL or stack in the answer.
      expect(JSON.stringify(stopped)).not.toMatch(/SELECT|canceling statement|at .*\.ts/);
      expect(ms).toBeLessThan(5000);

      // graphql-js answers once an error has nulled the data, while sibling fields' statements still
      // wait for the one connection; each is stopped by the timeout, and then the pool has it back, idle.
      const pool = (tight.driver as PostgresDriver).master as { totalCount: number; idleCount: number; waitingCount: number };
      await waitFor(() => pool.waitingCount === 0 && pool.idleCount === pool.totalCount, 5000);
      expect(pool.totalCount).toBe(1);
      const next = await tightApi.gql(`{ shop { name tiktok { connected } } }`, {}, shop.token);
      expect(next.errors).toBeUndefined();
      expect(next.data!.shop.tiktok.connected).toBe(true);
      console.log(`statement timeout: dashboard stopped after ${Math.round(ms)} ms with ${timeouts.length} TIMEOUT error(s); next request served`);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
      await tightApi.close();
      await tight.destroy();
    }
  });
});
