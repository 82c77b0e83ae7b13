/**
 * An import job stopped with the process (the API's shutdown: stop the HTTP server, then the job
 * queue, which asks a running job to stop): nothing of its file is written and the job waits,
 * queued; the next start runs it to its end, once. A job started more times than the runner
 * allows is failed instead.
 */
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderData } from '../../modules/orders/order-input.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { makeOrder } from '../../test-support/order-factory.js';
import { templateCsv } from '../../test-support/order-file-csv.js';
import { importsClient } from '../../test-support/order-file-uploads.js';
import { shopChecksum, summariesMatchOrders } from '../../test-support/table-checksum.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi | null = null;
let importDir: string;

/** Starts the API on the test's database and upload folder, as a process start does. */
async function startApi(): Promise<TestApi> {
  api = await startTestApi(db.dataSource, { server: { imports: { dir: importDir } } });
  return api;
}

/** Stops the API the way its shutdown does (main.ts): HTTP first, then the background jobs, whose deadline has come. */
async function stopApi(): Promise<{ finished: boolean; stopped: number }> {
  const running = api!;
  api = null;
  await running.server.stopHttp();
  return running.server.stopJobs(performance.now());
}

beforeAll(async () => {
  db = await createTestDatabase();
  importDir = await mkdtemp(join(tmpdir(), 'import-interrupted-test-'));
  await startApi();
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  await rm(importDir, { recursive: true, force: true });
});

const imports = importsClient(() => api!.server.url);

interface JobRow {
  status: string;
  rows_read: number;
  attempts: number;
  orders_created: number;
  stored_file: string | null;
  finished_at: Date | null;
  errors: unknown[];
}

const jobRow = async (id: string): Promise<JobRow> =>
  (await db.dataSource.query(`SELECT status, rows_read, attempts, orders_created, stored_file, finished_at, errors FROM import_job WHERE import_job_id = $1`, [id]))[0];

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** The shop's tables but its import jobs. */
async function ordersChecksum(shopId: string) {
  const sums = await shopChecksum(db.dataSource, shopId);
  delete sums.import_job;
  return sums;
}

/** Rows of sales_order read so far in the test's database, through its indexes or by scans (PostgreSQL's statistics). */
async function salesOrderRowsRead(): Promise<number> {
  // A backend reports its counters when it goes idle, at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const [row] = await db.dataSource.query(
    `SELECT (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE relname = 'sales_order')
          + (SELECT coalesce(sum(seq_tup_read), 0) FROM pg_stat_user_tables WHERE relname = 'sales_order') AS n`,
  );
  return Number(row.n);
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** A file of several of the runner's 5,000-order batches, so that a stop finds the job between two of them. */
const BIG = 16_000;
const bigFile = (prefix: string): { orders: OrderData[]; csv: string } => {
  const orders = Array.from({ length: BIG }, (_, i) =>
    makeOrder({
      externalId: `${prefix}-${i}`,
      channel: i % 4 === 0 ? 'WEBSITE' : 'TIKTOK',
      placedAt: `2025-05-${String(1 + (i % 28)).padStart(2, '0')}T1${i % 10}:00:00-05:00`,
      customer: i % 4 === 0 ? { externalId: `cus-${i % 900}`, email: `cus-${i % 900}@example.com` } : { externalId: `tt-${i % 3000}`, email: null },
      lines: [{ productExternalId: `p-${i % 7}`, productName: `Product ${i % 7}`, sku: null, quantity: 1 + (i % 3), unitPriceCents: 1500 + (i % 5) * 100 }],
      taxCents: i % 50,
    }),
  );
  return { orders, csv: templateCsv(orders) };
};

async function upload(csv: string, token: string): Promise<string> {
  const response = await imports.upload(csv, token, 'big.csv');
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

describe('an import job stopped with the process', () => {
  it('writes nothing, waits queued, and runs to its end once at the next start', async () => {
    const { shopId, token } = await api!.createShop();
    const earlier = await imports.importFile(templateCsv([makeOrder({ externalId: 'earlier-1' }), makeOrder({ externalId: 'earlier-2', channel: 'APP' })]), token);
    expect(earlier).toMatchObject({ status: 'done', ordersCreated: 2 });
    const before = await ordersChecksum(shopId);
    const { csv } = bigFile('big');

    const id = await upload(csv, token);
    // Running, with rows read: at least one batch is written inside the file's transaction.
    const running = await until('the job running with rows read', () => jobRow(id), (row) => row.status !== 'queued' && (row.status !== 'running' || row.rows_read > 0));
    expect(running).toMatchObject({ status: 'running', attempts: 1 });
    expect(running.rows_read).toBeGreaterThan(0);
    expect(running.rows_read).toBeLessThan(BIG);

    const stop = await stopApi();
    expect(stop).toEqual({ finished: false, stopped: 1 });
    // The runner puts the job back as its transaction rolls back.
    const stopped = await until('the job back to queued', () => jobRow(id), (row) => row.status !== 'running', 30_000);
    expect(stopped).toMatchObject({ status: 'queued', attempts: 1, orders_created: 0, finished_at: null, errors: [] });
    expect(stopped.stored_file).not.toBeNull();
    expect(await exists(stopped.stored_file!), 'the upload is kept for the next run').toBe(true);
    expect(await ordersChecksum(shopId), 'nothing of the stopped file was written').toEqual(before);

    // As autovacuum may do after the rollback: statistics that say the table is nearly empty while
    // the resumed run refills its pages. The run must keep keyed plans all the same.
    await db.dataSource.query('VACUUM ANALYZE sales_order, customer, order_line');
    // The next start picks the job up by itself.
    const readBefore = await salesOrderRowsRead();
    await startApi();
    const done = await imports.finished(id, token, 150_000);
    const readByRun = (await salesOrderRowsRead()) - readBefore;
    expect(done).toMatchObject({ status: 'done', rowsRead: BIG, ordersCreated: BIG, ordersUpdated: 0, ordersUnchanged: 0, errors: [] });
    expect(await exists(stopped.stored_file!)).toBe(false);

    // Once: every order and line of the file, none twice, the summaries as the orders say.
    const [stored] = await db.dataSource.query(
      `SELECT count(*)::int AS orders, count(DISTINCT (channel, external_id))::int AS keys,
              (SELECT count(*)::int FROM order_line WHERE shop_id = $1) AS lines
         FROM sales_order WHERE shop_id = $1`,
      [shopId],
    );
    expect(stored).toEqual({ orders: BIG + 2, keys: BIG + 2, lines: BIG + 2 });
    expect(await summariesMatchOrders(db.dataSource, shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
    // The same file again: every order is there once, unchanged.
    expect(await imports.importFile(csv, token, 'big.csv', 60_000)).toMatchObject({ status: 'done', ordersCreated: 0, ordersUnchanged: BIG });

    // The run after the stop reads the orders by key, as any import does (a clean import of this
    // file reads about 7 rows of sales_order per order), not the shop's orders once per customer.
    expect(readByRun, 'rows of sales_order read by the resumed run').toBeLessThan(30 * BIG);
    // Started twice: stopped once, then run to its end without another try.
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2, stored_file: null });
  }, 180_000);

  it('is failed, with the runner\'s message, once it was started more than 3 times', async () => {
    const { shopId, token } = await api!.createShop();
    const before = await ordersChecksum(shopId);
    const id = await upload(bigFile('again').csv, token);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      if (!api) await startApi();
      const started = await until(`run ${attempt} started`, () => jobRow(id), (row) => row.attempts === attempt && row.status === 'running');
      expect(started.status).toBe('running');
      expect((await stopApi()).stopped).toBe(1);
      expect(await until(`run ${attempt} stopped`, () => jobRow(id), (row) => row.status !== 'running', 30_000)).toMatchObject({ status: 'queued', attempts: attempt });
    }
    const file = (await jobRow(id)).stored_file!;
    expect(await exists(file)).toBe(true);

    await startApi();
    const failed = await imports.finished(id, token);
    expect(failed).toMatchObject({
      status: 'failed',
      ordersCreated: 0,
      errors: [{ row: 1, column: '', message: 'The import was interrupted 3 times before it finished (the server stopped or its database failed); upload the file again.' }],
    });
    expect(failed.finishedAt).not.toBeNull();
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 4, stored_file: null });
    expect(await exists(file)).toBe(false);
    expect(await ordersChecksum(shopId)).toEqual(before);
    // The job removes its file just after it says it ended.
    await expect.poll(() => readdir(importDir), { timeout: 5_000 }).toEqual([]);
  }, 180_000);
});
