import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../app/http/app.js';
import { createLogger } from '../logging/logger.js';
import { TEST_ADMIN_TOKEN } from '../../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { openDatabase } from './data-source.js';

/**
 * DATABASE_REPLICA_URLS: the "replica" here is the same database reached as a role that may only
 * read, so any write routed to it fails, and its sessions show which reads it served.
 */
let db: TestDatabase;
let replicated: DataSource;
let server: RunningServer;
const reader = `tti_reader_${randomBytes(4).toString('hex')}`;

async function asAdmin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  const database = new URL(db.url).pathname.slice(1);
  await asAdmin(db.url, `CREATE ROLE ${reader} LOGIN PASSWORD 'reader'`);
  await asAdmin(db.url, `GRANT CONNECT ON DATABASE ${database} TO ${reader}`);
  await asAdmin(db.url, `GRANT USAGE ON SCHEMA public TO ${reader}`);
  await asAdmin(db.url, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
  await asAdmin(db.url, `ALTER ROLE ${reader} SET default_transaction_read_only = on`);
  const replicaUrl = new URL(db.url);
  replicaUrl.username = reader;
  replicaUrl.password = 'reader';
  ({ dataSource: replicated } = await openDatabase({ url: db.url, replicaUrls: [replicaUrl.toString()] }));
  server = await startServer({ dataSource: replicated, logger: createLogger('silent'), adminToken: TEST_ADMIN_TOKEN }, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.stop();
  await replicated?.destroy();
  await db?.drop();
  await asAdmin(db.url, `DROP OWNED BY ${reader}`).catch(() => {});
  await asAdmin(db.url.replace(/\/[^/]+$/, '/postgres'), `DROP ROLE IF EXISTS ${reader}`).catch(() => {});
});

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
}

it('sends writes to the primary and dashboard reads to the replica', async () => {
  const created = await gql(
    `mutation { createShop(input: { name: "Replica Boutique", timezone: "America/Chicago" }) { shop { id } token tokenId } }`,
    {},
    TEST_ADMIN_TOKEN,
  );
  expect(created.errors).toBeUndefined();
  const { token, tokenId, shop } = created.data.createShop;

  const imported = await gql(IMPORT_MUTATION, { orders: [makeOrder({ placedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() })] }, token);
  expect(imported.errors).toBeUndefined();
  expect(imported.data.importOrders).toEqual({ created: 1, updated: 0, unchanged: 0 });

  const disconnected = await gql(`mutation { disconnectTikTok { connected } }`, {}, token);
  expect(disconnected.data.disconnectTikTok.connected).toBe(false);
  await gql(`mutation { connectTikTok { connected } }`, {}, token);

  const dashboard = await gql(FULL_DASHBOARD_QUERY, {}, token);
  expect(dashboard.errors).toBeUndefined();
  expect(dashboard.data.shop.tiktokInsights.allTime.totalOrders).toBe(1);

  // The replica's sessions served the dashboard's aggregates (each shows its latest statement).
  const replicaStatements = (
    await asAdmin(db.url, `SELECT query FROM pg_stat_activity WHERE usename = '${reader}' AND datname = current_database()`)
  ).rows.map((row: { query: string }) => row.query);
  expect(replicaStatements.some((sql: string) => /daily_channel_summary|daily_product_summary|crossover|customer/.test(sql))).toBe(true);
  const primaryWrites = (
    await asAdmin(db.url, `SELECT count(*)::int AS n FROM sales_order`)
  ).rows[0].n;
  expect(primaryWrites).toBe(1);

  const second = await gql(`mutation ($shopId: ID!) { createShopToken(shopId: $shopId) { token } }`, { shopId: shop.id }, TEST_ADMIN_TOKEN);
  expect(second.errors).toBeUndefined();
  const revoked = await gql(
    `mutation ($shopId: ID!, $tokenId: ID!) { revokeShopToken(shopId: $shopId, tokenId: $tokenId) }`,
    { shopId: shop.id, tokenId },
    TEST_ADMIN_TOKEN,
  );
  expect(revoked.data.revokeShopToken).toBe(true);
  const refused = await gql(`{ shop { id } }`, {}, token);
  expect((refused.errors![0] as { extensions?: { code?: string } }).extensions?.code).toBe('UNAUTHENTICATED');
});

it('runs the CSV export on the replica, on the exports’ own connections', async () => {
  const created = await gql(`mutation { createShop(input: { name: "Replica Export Boutique", timezone: "America/Chicago" }) { token } }`, {}, TEST_ADMIN_TOKEN);
  const { token } = created.data.createShop;
  const imported = await gql(IMPORT_MUTATION, { orders: [makeOrder({ placedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() })] }, token);
  expect(imported.errors).toBeUndefined();
  const exported = await fetch(`${server.url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${token}` } });
  expect(exported.status).toBe(200);
  expect((await exported.text()).split('\r\n').filter(Boolean)).toHaveLength(2);
  const sessions = (
    await asAdmin(db.url, `SELECT usename, query FROM pg_stat_activity WHERE application_name = 'tiktok-insights-exports' AND datname = current_database()`)
  ).rows as Array<{ usename: string; query: string }>;
  expect(sessions.length).toBeGreaterThan(0);
  expect(sessions.every((session) => session.usename === reader)).toBe(true);
});
