/**
 * A minute of load on loopback: 50 concurrent clients (autocannon) against the API running as its
 * own process. 40 read full dashboards (current and historical asOf) of two shops; 10 send
 * overlapping import batches to the same two shops: every key is in three batches, each batch is
 * sent again and again by several clients, a third of the keys are new during the run and the rest
 * are updates of orders imported before it. A key carries the same content in every batch, so
 * the final state is defined whatever the order of arrival. One import in ten is invalid on
 * purpose (BAD_USER_INPUT, the only intended error).
 *
 * Checked: no other error, no deadlock (no 40P01 in any response or log line, no deadlock counted
 * by PostgreSQL), p50/p99 printed, and at the end every order count and sum equals what was sent:
 * no order lost or doubled.
 */
import autocannon from 'autocannon';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderData } from '../modules/orders/order-input.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { referenceInsights } from '../test-support/reference-metrics.js';
import { summariesMatchOrders } from '../test-support/table-checksum.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { adminClient, createShopAt, gqlAt, startApiProcess, totalsOf, type ApiProcess } from './support.js';

const DURATION_SECONDS = 60;
const READ_CLIENTS = 40;
const IMPORT_CLIENTS = 10;
const KEYS = 1500;
const PRE_IMPORTED = 1000;
const BATCHES = 15;
const BATCH_SIZE = 300;
const INVALID_INDEX = 17;
const AS_OF = '2025-12-31';
const HISTORICAL_AS_OF = '2025-06-30';

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

/** Key i's order: version 0 (imported before the load) or 1 (what every batch sends). */
function orderOf(i: number, version: 0 | 1): OrderData {
  const tiktok = i % 3 !== 0;
  const household = i % 450;
  const changed = version === 1 && i % 7 !== 0;
  return makeOrder({
    externalId: `load-${i}`,
    channel: tiktok ? 'TIKTOK' : i % 2 === 0 ? 'WEBSITE' : 'APP',
    placedAt: new Date(Date.UTC(2025, 0, 1) + (i % 330) * 86_400_000 + (tiktok ? 0 : 7_200_000)).toISOString(),
    status: changed && i % 3 === 1 ? 'SHIPPED' : i % 11 === 0 ? 'CANCELLED' : 'PAID',
    customer: { externalId: `${tiktok ? 'tt' : 'cus'}-${household}`, name: `Load Buyer ${household}`, address: { line1: `${household} Maple Ave` } },
    lines: [
      { productExternalId: `p-${i % 60}`, productName: `Product ${i % 60}`, sku: `SKU-${i % 60}`, quantity: 1 + (i % 3) + (changed ? 1 : 0), unitPriceCents: 1500 + (i % 40) * 25 },
      { productExternalId: `p-${(i + 7) % 60}`, productName: `Product ${(i + 7) % 60}`, sku: null, quantity: 1, unitPriceCents: 900 },
    ],
    taxCents: i % 90,
    shippingCents: tiktok ? 0 : 599,
  });
}

/** Batch b holds keys b·100 … b·100 + 299 (mod 1,500): every key is in three batches. */
const batchKeys = (b: number) => Array.from({ length: BATCH_SIZE }, (_, j) => (b * (KEYS / BATCHES) + j) % KEYS);

interface Tally {
  ok: number;
  intended: number;
  unexpected: string[];
  deadlocks: number;
}

const tally = (): Tally => ({ ok: 0, intended: 0, unexpected: [], deadlocks: 0 });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

it('holds 50 clients for 60 s with no error but the intended ones, no deadlock, and every order as sent', async () => {
  api = await startApiProcess(db.url, { LOG_LEVEL: 'warn' });
  const url = api.url;
  const shops = [await createShopAt(url, 'Load Boutique One'), await createShopAt(url, 'Load Boutique Two')];

  // Version 0 of the first 1,000 keys in both shops, before the load.
  const initial = Array.from({ length: PRE_IMPORTED }, (_, i) => orderOf(i, 0));
  for (const shop of shops) {
    const result = await gqlAt(url, IMPORT_MUTATION, { orders: initial }, shop.token);
    expect(result.errors).toBeUndefined();
  }
  const [{ deadlocks: deadlocksBefore }] = (
    await observer.query(`SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()`)
  ).rows;

  const finalOrders = Array.from({ length: KEYS }, (_, i) => orderOf(i, 1));
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ query: IMPORT_MUTATION, variables: { orders: batchKeys(b).map((i) => finalOrders[i]) } }));
  const invalidBodies = Array.from({ length: BATCHES }, (_, b) => {
    const orders = batchKeys(b).map((i) => structuredClone(finalOrders[i]!));
    orders[INVALID_INDEX]!.lines[0]!.quantity = 0;
    return JSON.stringify({ query: IMPORT_MUTATION, variables: { orders } });
  });
  const readBodies = [AS_OF, AS_OF, AS_OF, HISTORICAL_AS_OF].map((asOf) => JSON.stringify({ query: FULL_DASHBOARD_QUERY, variables: { asOf, customersFirst: 50, crossoverFirst: 50 } }));

  const reads = tally();
  const imports = tally();
  /** Successful applications of each batch, per shop. */
  const applied = shops.map(() => new Array<number>(BATCHES).fill(0));
  const sawDeadlock = (body: string) => /40P01|deadlock/i.test(body);

  type Context = { shop?: number; batch?: number; invalid?: boolean; read?: number };
  let readCount = 0;
  let importCount = 0;
  let validCount = 0;

  const readRun = autocannon({
    url: `${url}/graphql`,
    connections: READ_CLIENTS,
    duration: DURATION_SECONDS,
    maxOverallRequests: 200_000,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context: Context) => {
          const n = readCount++;
          context.shop = n % 2;
          context.read = n % readBodies.length;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${shops[context.shop]!.token}` }, body: readBodies[context.read] };
        },
        onResponse: (status, body) => {
          if (sawDeadlock(body)) reads.deadlocks++;
          const parsed = status === 200 ? (JSON.parse(body) as { data?: any; errors?: unknown[] }) : null;
          if (parsed && !parsed.errors && parsed.data?.shop?.tiktokInsights) reads.ok++;
          else if (reads.unexpected.length < 20) reads.unexpected.push(`${status} ${body.slice(0, 300)}`);
          else reads.unexpected.push('…');
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;

  const importRun = autocannon({
    url: `${url}/graphql`,
    connections: IMPORT_CLIENTS,
    duration: DURATION_SECONDS,
    maxOverallRequests: 50_000,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context: Context) => {
          // Valid batches go round robin over both shops; one request in ten is an invalid batch.
          const n = importCount++;
          context.invalid = n % 10 === 9;
          const k = context.invalid ? Math.floor(n / 10) : validCount++;
          context.shop = k % 2;
          context.batch = Math.floor(k / 2) % BATCHES;
          const body = (context.invalid ? invalidBodies : bodies)[context.batch]!;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${shops[context.shop]!.token}` }, body };
        },
        onResponse: (status, body, context: Context) => {
          if (sawDeadlock(body)) imports.deadlocks++;
          const parsed = status === 200 ? (JSON.parse(body) as { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> }) : null;
          const counts = parsed?.data?.importOrders;
          const error = parsed?.errors?.[0]?.extensions;
          if (!context.invalid && counts && !parsed!.errors && counts.created + counts.updated + counts.unchanged === BATCH_SIZE) {
            imports.ok++;
            applied[context.shop!]![context.batch!]!++;
          } else if (context.invalid && error?.code === 'BAD_USER_INPUT' && error.orderIndex === INVALID_INDEX && error.field === 'lines[0].quantity') {
            imports.intended++;
          } else if (imports.unexpected.length < 20) {
            imports.unexpected.push(`${status} ${body.slice(0, 300)}`);
          } else imports.unexpected.push('…');
        },
      },
    ],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;

  const latencies = { read: [] as number[], import: [] as number[] };
  readRun.on('response', (_client, _status, _bytes, ms) => latencies.read.push(ms));
  importRun.on('response', (_client, _status, _bytes, ms) => latencies.import.push(ms));
  const socketErrors: string[] = [];
  for (const run of [readRun, importRun]) {
    run.on('reqError', (error: Error) => {
      if (socketErrors.length < 5) socketErrors.push(String(error));
    });
  }
  const [readResult, importResult] = await Promise.all([readRun, importRun]);

  // Stop the API so that its connections end and PostgreSQL has counted everything they did.
  api.child.kill('SIGTERM');
  const exit = await api.exited;
  const logs = api.output();
  const [{ deadlocks: deadlocksAfter }] = (
    await observer.query(`SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()`)
  ).rows;

  for (const list of [latencies.read, latencies.import]) list.sort((a, b) => a - b);
  const all = [...latencies.read, ...latencies.import].sort((a, b) => a - b);
  const report = {
    requests: all.length,
    reads: reads.ok,
    imports: imports.ok,
    intendedErrors: imports.intended,
    unexpectedErrors: reads.unexpected.length + imports.unexpected.length + readResult.errors + importResult.errors + readResult.timeouts + importResult.timeouts,
    p50: Math.round(percentile(all, 50)),
    p99: Math.round(percentile(all, 99)),
    readP50: Math.round(percentile(latencies.read, 50)),
    readP99: Math.round(percentile(latencies.read, 99)),
    importP50: Math.round(percentile(latencies.import, 50)),
    importP99: Math.round(percentile(latencies.import, 99)),
  };
  console.log(
    `load: ${READ_CLIENTS + IMPORT_CLIENTS} clients for ${DURATION_SECONDS} s: ${report.requests} requests ` +
      `(${report.reads} dashboards, ${report.imports} imports, ${report.intendedErrors} intended BAD_USER_INPUT), ` +
      `${report.unexpectedErrors} unexpected errors; latency p50 ${report.p50} ms, p99 ${report.p99} ms ` +
      `(dashboards ${report.readP50}/${report.readP99} ms, imports ${report.importP50}/${report.importP99} ms); ` +
      `deadlocks ${deadlocksAfter - deadlocksBefore}`,
  );

  expect(reads.unexpected, 'dashboard errors').toEqual([]);
  expect(imports.unexpected, 'import errors').toEqual([]);
  expect(
    [readResult.errors, readResult.timeouts, readResult.non2xx, importResult.errors, importResult.timeouts, importResult.non2xx],
    `socket errors: ${socketErrors.join('; ')}; the API's last words: ${logs.slice(-2000)}`,
  ).toEqual([0, 0, 0, 0, 0, 0]);
  expect(reads.ok).toBeGreaterThan(READ_CLIENTS);
  expect(imports.intended).toBeGreaterThan(0);
  expect(reads.ok + imports.ok + imports.intended).toBe(report.requests);
  // Every batch reached each shop at least once, most of them several times.
  for (const counts of applied) expect(Math.min(...counts), `batches applied per shop: ${counts.join(' ')}`).toBeGreaterThan(0);
  expect(imports.ok).toBeGreaterThan(2 * BATCHES);

  // No deadlock anywhere.
  expect(reads.deadlocks + imports.deadlocks).toBe(0);
  expect(logs).not.toMatch(/40P01|deadlock/i);
  expect(deadlocksAfter - deadlocksBefore).toBe(0);
  expect(exit).toEqual({ code: 0, signal: null });

  // Every order as sent: version 1 of all 1,500 keys in each shop, nothing lost or doubled.
  const expected = totalsOf(finalOrders);
  const reference = referenceInsights(finalOrders, { timezone: 'America/Chicago', weekStartsOn: 'MONDAY', currency: 'USD', aovTargetCents: 4000 }, AS_OF);
  for (const shop of shops) {
    const [stored] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM sales_order WHERE shop_id = $1) AS orders,
              (SELECT count(DISTINCT (channel, external_id))::int FROM sales_order WHERE shop_id = $1) AS keys,
              (SELECT count(*)::int FROM order_line WHERE shop_id = $1) AS lines,
              (SELECT coalesce(sum(net_receipts_cents), 0)::bigint FROM sales_order WHERE shop_id = $1) AS net,
              (SELECT coalesce(sum(quantity), 0)::int FROM order_line WHERE shop_id = $1) AS units,
              (SELECT count(*)::int FROM sales_order WHERE shop_id = $1 AND status = 'SHIPPED') AS shipped`,
      [shop.shopId],
    );
    const units = finalOrders.reduce((sum, order) => sum + order.lines.reduce((s, line) => s + line.quantity, 0), 0);
    const shipped = finalOrders.filter((order) => order.status === 'SHIPPED').length;
    expect({ ...stored, net: Number(stored.net) }).toEqual({
      orders: expected.orders,
      keys: expected.orders,
      lines: expected.lines,
      net: expected.netReceiptsCents,
      units,
      shipped,
    });
    expect(await summariesMatchOrders(db.dataSource, shop.shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
    const [{ counted_orders, counted_net }] = await db.dataSource.query(
      `SELECT coalesce(sum(orders), 0)::int AS counted_orders, coalesce(sum(net_receipts_cents), 0)::bigint AS counted_net
         FROM daily_channel_summary WHERE shop_id = $1 AND channel = 'TIKTOK' AND day <= $2`,
      [shop.shopId, AS_OF],
    );
    expect({ orders: counted_orders, net: Number(counted_net) }).toEqual({ orders: reference.allTime.totalOrders, net: reference.allTime.netReceiptsCents });
  }
  console.log(`load: orders lost 0, doubled 0 (${KEYS} keys per shop, ${expected.lines} lines, net ${expected.netReceiptsCents} cents each)`);
}, 300_000);
