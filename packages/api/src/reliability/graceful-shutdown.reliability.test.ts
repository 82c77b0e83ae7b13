/**
 * SIGTERM lets the requests in flight finish: the API runs as its own process (`node dist/main.js`,
 * as `pnpm start` runs it); a 5,000-order import is sent and SIGTERM arrives while its statements
 * run. New connections are refused from then on, the import still answers 200 with
 * every order written, and the process exits 0.
 */
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPORT_MUTATION } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { adminClient, bigBatch, connectionRefused, createShopAt, gqlAt, logLines, startApiProcess, totalsOf, waitFor, type ApiProcess } from './support.js';

let db: TestDatabase;
let observer: pg.Client;
let api: ApiProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  observer = await adminClient(db.url);
});

afterAll(async () => {
  if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
  await observer?.end();
  await db?.drop();
});

it('finishes the import in flight, refuses new connections, and exits 0', async () => {
  api = await startApiProcess(db.url);
  const { shopId, token } = await createShopAt(api.url, 'Shutdown Boutique');
  const batch = bigBatch('sigterm', 5000, 4);
  const database = new URL(db.url).pathname.slice(1);

  let settledAt: number | null = null;
  const sent = gqlAt(api.url, IMPORT_MUTATION, { orders: batch }, token).finally(() => (settledAt = performance.now()));
  // Wait until the import's statements run in PostgreSQL, then ask the process to stop.
  await waitFor(
    async () =>
      (
        await observer.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = $1 AND application_name = 'tiktok-insights-api' AND state = 'active' AND pid <> pg_backend_pid()`,
          [database],
        )
      ).rowCount,
    30_000,
    'the import to reach the database',
    5,
  );
  expect(settledAt).toBeNull();
  api.child.kill('SIGTERM');

  // New connections are refused while the import is still being answered.
  await waitFor(() => connectionRefused(api!.port), 10_000, 'new connections to be refused', 5);
  const refusedAt = performance.now();
  const answer = await sent;
  expect(settledAt, 'the import answered after the listening socket closed').not.toBeNull();
  expect(settledAt!).toBeGreaterThan(refusedAt);
  expect(answer.status).toBe(200);
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.importOrders).toEqual({ created: 5000, updated: 0, unchanged: 0 });

  const exit = await api.exited;
  expect(exit, api.output().slice(-2000)).toEqual({ code: 0, signal: null });
  const logs = logLines(api.output());
  expect(logs.some((line) => line.msg === 'shutting down: finishing requests in flight')).toBe(true);
  for (const step of ['http', 'background work', 'database']) {
    expect(logs.find((line) => line.step === step), step).toMatchObject({ msg: 'shutdown step finished' });
  }
  expect(logs.find((line) => line.msg === 'stopped')).toMatchObject({ exitCode: 0 });

  const expected = totalsOf(batch);
  const [stored] = await db.dataSource.query(
    `SELECT count(*)::int AS orders, coalesce(sum(net_receipts_cents), 0)::bigint AS net FROM sales_order WHERE shop_id = $1`,
    [shopId],
  );
  expect({ orders: stored.orders, net: Number(stored.net) }).toEqual({ orders: expected.orders, net: expected.netReceiptsCents });
  console.log(`graceful shutdown: SIGTERM during a 5,000-order import; new connections refused ${Math.round(settledAt! - refusedAt)} ms before the import answered 200; exit code 0`);
});
