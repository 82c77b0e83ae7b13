/**
 * PostgreSQL stops while the API runs, then starts again: `/readyz` turns 503 then 200, every
 * request in the outage fails promptly with a coded error (no hang, no crash), and the API serves
 * again without a restart, with every order as it was.
 */
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../platform/database/data-source.js';
import { startServer, type RunningServer } from '../app/http/app.js';
import { createLogger } from '../platform/logging/logger.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { IMPORT_MUTATION } from '../test-support/order-factory.js';
import { bigBatch, createShopAt, gqlAt, RELIABILITY_ADMIN_TOKEN, startControlledPostgres, totalsOf, waitFor, type ControlledPostgres } from './support.js';

let postgres: ControlledPostgres;
let dataSource: DataSource;
let server: RunningServer;

beforeAll(async () => {
  postgres = await startControlledPostgres('outage');
  ({ dataSource } = await openDatabase({ url: postgres.url, poolSize: 5 }));
  server = await startServer({ dataSource, logger: createLogger('silent'), adminToken: RELIABILITY_ADMIN_TOKEN, webDistDir: null }, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy().catch(() => {});
  await postgres?.destroy();
});

const ready = async () => (await fetch(`${server.url}/readyz`)).status;

/** Sends a request and returns how long it took with what came back. */
async function timed<T>(send: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await send();
  return { ms: performance.now() - started, result };
}

it('answers 503 and coded errors while PostgreSQL is down, and serves again once it is back', async () => {
  const { shopId, token } = await createShopAt(server.url, 'Outage Boutique');
  const orders = bigBatch('outage', 500, 2);
  const imported = await gqlAt(server.url, IMPORT_MUTATION, { orders }, token);
  expect(imported.errors).toBeUndefined();
  const dashboardBefore = await gqlAt(server.url, FULL_DASHBOARD_QUERY, { asOf: '2025-12-31' }, token);
  expect(dashboardBefore.errors).toBeUndefined();
  expect(await ready()).toBe(200);

  // The outage.
  await postgres.stop();
  expect(await ready()).toBe(503);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  const outage = [
    ['dashboard', () => gqlAt(server.url, FULL_DASHBOARD_QUERY, { asOf: '2025-12-31' }, token)],
    ['import', () => gqlAt(server.url, IMPORT_MUTATION, { orders: bigBatch('during-outage', 50) }, token)],
    ['shop', () => gqlAt(server.url, `{ shop { id name } }`, {}, token)],
    ['createShop', () => gqlAt(server.url, `mutation { createShop(input: { name: "X", timezone: "UTC" }) { token } }`, {}, RELIABILITY_ADMIN_TOKEN)],
  ] as const;
  for (const [name, send] of outage) {
    const { ms, result } = await timed(send);
    expect(ms, `${name} answered promptly`).toBeLessThan(10_000);
    expect(result.errors?.length, `${name} failed`).toBeGreaterThan(0);
    expect(result.errors![0]!.extensions!.code, name).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result), name).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|SELECT/i);
  }
  const exported = await timed(() => fetch(`${server.url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${token}` } }));
  expect(exported.ms).toBeLessThan(10_000);
  expect(exported.result.status).toBe(500);
  expect(await exported.result.json()).toEqual({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  // Still down: still 503, the process still up.
  expect(await ready()).toBe(503);

  // PostgreSQL is back: the same process serves again.
  await postgres.start();
  await waitFor(async () => (await ready()) === 200, 30_000, '/readyz to turn 200');
  const dashboardAfter = await gqlAt(server.url, FULL_DASHBOARD_QUERY, { asOf: '2025-12-31' }, token);
  expect(dashboardAfter.errors).toBeUndefined();
  expect(dashboardAfter.data).toEqual(dashboardBefore.data);

  // Nothing of the import sent during the outage was written, and imports work again.
  const expected = totalsOf(orders);
  const [stored] = await dataSource.query(
    `SELECT count(*)::int AS orders, coalesce(sum(net_receipts_cents), 0)::bigint AS net FROM sales_order WHERE shop_id = $1`,
    [shopId],
  );
  expect({ orders: stored.orders, net: Number(stored.net) }).toEqual({ orders: expected.orders, net: expected.netReceiptsCents });
  const again = await gqlAt(server.url, IMPORT_MUTATION, { orders: bigBatch('after-outage', 50) }, token);
  expect(again.data!.importOrders).toEqual({ created: 50, updated: 0, unchanged: 0 });
  console.log('database outage: /readyz 200 → 503 → 200; 5 requests in the outage answered with INTERNAL_SERVER_ERROR; served again without a restart');
});
