import { spawn } from 'node:child_process';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoExportFiles, type DemoExportFiles } from '../../modules/demo/demo-export-files.js';
import { generateDemo, type DemoOptions } from '../../modules/demo/demo-generator.js';
import { importOrders } from '../../modules/ingest/import-pipeline.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { PROJECT_ROOT } from '../config.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runImportOrdersCommand } from './import-orders.js';

const OPTIONS: DemoOptions = { seed: 11, timeZone: 'America/Chicago', endDay: '2025-03-31', days: 60, tiktokOrders: 150, storeOrders: 150, products: 30 };

let db: TestDatabase;
let api: TestApi;
let work: string;
let importDir: string;
let files: DemoExportFiles;
let shop: { shopId: string; token: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  work = await mkdtemp(join(tmpdir(), 'import-orders-cli-'));
  importDir = join(work, 'imports');
  files = await writeDemoExportFiles(join(work, 'exports'), OPTIONS);
  shop = await api.createShop({ name: 'Files Boutique', timezone: 'America/Chicago' });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  await rm(work, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: db.url, IMPORT_DIR: importDir, LOG_LEVEL: 'silent' });

/** The command as the operator runs it, called in this process: its exit code and what it printed. */
async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportOrdersCommand(
    args,
    { ...env(), ...extraEnv },
    { line: (text) => out.push(...text.split('\n')), error: (text) => err.push(...text.split('\n')), progressStream: null },
    new AbortController().signal,
  );
  return { code, out, err };
}

const countOrders = async (shopId: string) => {
  const [row]: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE shop_id = $1`, [shopId]);
  return row!.n;
};

const jobsOf = (shopId: string) =>
  db.dataSource.query(
    `SELECT status, format, file_name, rows_read, orders_created, orders_updated, orders_unchanged, orders_skipped, errors, stored_file
       FROM import_job WHERE shop_id = $1 ORDER BY created_at, import_job_id`,
    [shopId],
  ) as Promise<Array<Record<string, any>>>;

const orderCount = { tiktok: 0, store: 0 };
const rowCount = { tiktok: 0, store: 0 };
for (const order of generateDemo(OPTIONS).orders) {
  const kind = order.channel === 'TIKTOK' ? 'tiktok' : 'store';
  orderCount[kind] += 1;
  rowCount[kind] += order.lines.length;
}

describe('pnpm import-orders', () => {
  it('imports the demo exports into the shop named by its token, file after file, as upload jobs', async () => {
    const { code, out, err } = await run(['--shop', shop.token, files.tiktokFile, files.shopifyFile]);
    expect(err).toEqual([]);
    expect(code).toBe(EXIT_OK);
    expect(out).toEqual([
      `Importing 2 files into Files Boutique (${shop.shopId}, America/Chicago)`,
      `tiktok-orders.csv: imported (tiktok), ${rowCount.tiktok} rows: ${orderCount.tiktok} created, 0 updated, 0 unchanged, 0 skipped`,
      `shopify-orders.csv: imported (shopify), ${rowCount.store} rows: ${orderCount.store} created, 0 updated, 0 unchanged, 0 skipped`,
    ]);
    expect(await countOrders(shop.shopId)).toBe(orderCount.tiktok + orderCount.store);
    expect(await jobsOf(shop.shopId)).toEqual([
      expect.objectContaining({ status: 'done', format: 'tiktok', file_name: 'tiktok-orders.csv', rows_read: rowCount.tiktok, orders_created: orderCount.tiktok, errors: [], stored_file: null }),
      expect.objectContaining({ status: 'done', format: 'shopify', file_name: 'shopify-orders.csv', rows_read: rowCount.store, orders_created: orderCount.store, errors: [], stored_file: null }),
    ]);
    // The jobs' copies are gone; the operator's files stay.
    expect(await readdir(importDir)).toEqual([]);
    await access(files.tiktokFile);
    await access(files.shopifyFile);
  });

  it('changes nothing when the same files come again, named by the shop id', async () => {
    const { code, out } = await run(['--shop', shop.shopId, files.shopifyFile, files.tiktokFile]);
    expect(code).toBe(EXIT_OK);
    expect(out.slice(1)).toEqual([
      `shopify-orders.csv: imported (shopify), ${rowCount.store} rows: 0 created, 0 updated, ${orderCount.store} unchanged, 0 skipped`,
      `tiktok-orders.csv: imported (tiktok), ${rowCount.tiktok} rows: 0 created, 0 updated, ${orderCount.tiktok} unchanged, 0 skipped`,
    ]);
    expect(await countOrders(shop.shopId)).toBe(orderCount.tiktok + orderCount.store);
  });

  it('shows the dashboard the generated orders give through importOrders', async () => {
    const viaFiles = await api.createShop({ name: 'Files Boutique', timezone: 'America/Chicago' });
    expect((await run(['--shop', viaFiles.token, files.tiktokFile, files.shopifyFile])).code).toBe(EXIT_OK);
    const baseline = await api.createShop({ name: 'Files Boutique', timezone: 'America/Chicago' });
    const scope = new ShopScope(db.dataSource, baseline.shopId);
    const orders = generateDemo(OPTIONS).orders;
    for (let i = 0; i < orders.length; i += 5_000) await importOrders(scope, orders.slice(i, i + 5_000));

    const dashboard = async (token: string) => {
      const result = await api.gql(FULL_DASHBOARD_QUERY, { asOf: '2025-03-31', from: '2025-02-01', to: '2025-03-31', customersFirst: 500, crossoverFirst: 500, topFirst: 500 }, token);
      expect(result.errors).toBeUndefined();
      return comparable(result.data!.shop);
    };
    const fromFiles = await dashboard(viaFiles.token);
    const fromImport = await dashboard(baseline.token);
    // Counted orders only: not the unpaid, cancelled or refunded ones.
    expect(fromFiles.tiktokInsights.allTime.totalOrders).toBeGreaterThan(100);
    expect(fromFiles.tiktokInsights.crossover.crossoverCustomers).toBeGreaterThan(0);
    // Seller Center's export has no product id: a product's key is its name (spec §7).
    const topOfFiles = fromFiles.tiktokInsights.dateRange.topProducts as Array<{ product: { externalId: string; name: string } }>;
    expect(topOfFiles.length).toBeGreaterThan(10);
    for (const { product } of topOfFiles) expect(product.externalId).toBe(product.name);
    const withoutProductKeys = (data: Record<string, any>) => JSON.parse(JSON.stringify(data, (key, value: unknown) => (key === 'externalId' ? undefined : value)));
    expect(withoutProductKeys(fromFiles)).toEqual(withoutProductKeys(fromImport));
  });

  it('fails a file with invalid rows, shows them by row and column, writes nothing of it and exits 1', async () => {
    const csv = await readFile(files.shopifyFile, 'utf8');
    const lines = csv.split('\r\n');
    const header = lines[0]!.split(',');
    const price = header.indexOf('Lineitem price');
    // New orders (so that a written one would show), two of them with a price no one can read:
    // lines[3] is the file's row 4 (the header is row 1).
    const changed = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(',');
      cells[0] = cells[0]!.replace('MT-', 'NEW-');
      if (i === 3 || i === 7) cells[price] = 'twelve';
      return cells.join(',');
    });
    const bad = join(work, 'bad-shopify.csv');
    await writeFile(bad, changed.join('\r\n'));
    const fresh = await api.createShop({ name: 'Fresh Boutique', timezone: 'America/Chicago' });

    const { code, out } = await run(['--shop', fresh.token, bad, files.tiktokFile]);
    expect(code).toBe(EXIT_FAILED);
    expect(out[1]).toBe('bad-shopify.csv: failed (shopify), nothing of it was written; 2 errors:');
    expect(out[2]).toMatch(/^ {2}row 4, column "Lineitem price": /);
    expect(out[3]).toMatch(/^ {2}row 8, column "Lineitem price": /);
    // The next file still runs.
    expect(out[4]).toBe(`tiktok-orders.csv: imported (tiktok), ${rowCount.tiktok} rows: ${orderCount.tiktok} created, 0 updated, 0 unchanged, 0 skipped`);
    expect(await countOrders(fresh.shopId)).toBe(orderCount.tiktok);
    const jobs = await jobsOf(fresh.shopId);
    expect(jobs).toHaveLength(2);
    expect(jobs.at(-2)).toMatchObject({ status: 'failed', file_name: 'bad-shopify.csv', orders_created: 0 });
    expect(jobs.at(-2)!.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, 'Lineitem price'],
      [8, 'Lineitem price'],
    ]);
  });

  it('fails a file whose header no format knows, as the upload refuses it', async () => {
    const unknown = join(work, 'notes.csv');
    await writeFile(unknown, 'when,what\n2025-01-01,hello\n');
    const { code, out } = await run(['--shop', shop.token, unknown]);
    expect(code).toBe(EXIT_FAILED);
    expect(out[1]).toMatch(/^notes\.csv: failed: /);
    expect(await readdir(importDir)).toEqual([]);
  });

  it('fails a file over IMPORT_MAX_BYTES, as the upload answers 413', async () => {
    const { code, out } = await run(['--shop', shop.token, files.tiktokFile], { IMPORT_MAX_BYTES: '1000' });
    expect(code).toBe(EXIT_FAILED);
    expect(out[1]).toBe('tiktok-orders.csv: failed: the file is larger than the import limit of 1000 bytes (IMPORT_MAX_BYTES).');
    expect(await readdir(importDir)).toEqual([]);
  });

  it('refuses an unknown token, shop or file with exit code 2 before importing anything, and never prints the token', async () => {
    const before = await jobsOf(shop.shopId);
    const stranger = 'tti_' + 'x'.repeat(43);
    const cases = [
      await run(['--shop', stranger, files.tiktokFile]),
      await run(['--shop', '00000000-0000-4000-8000-000000000000', files.tiktokFile]),
      await run(['--shop', shop.token, files.tiktokFile, join(work, 'missing.csv')]),
      await run([files.tiktokFile]),
      await run(['--shop', shop.token]),
      await run(['--shop', shop.token, '--format', 'excel', files.tiktokFile]),
    ];
    expect(cases.map((c) => c.code)).toEqual(Array(cases.length).fill(EXIT_USAGE));
    expect(cases[0]!.err).toEqual(['No shop has this token, or it was revoked.']);
    expect(cases[1]!.err).toEqual(['No shop with the id 00000000-0000-4000-8000-000000000000.']);
    expect(cases[2]!.err[0]).toBe(`No such file: ${join(work, 'missing.csv')}`);
    for (const { out, err } of cases) {
      for (const text of [...out, ...err]) {
        expect(text).not.toContain(stranger);
        expect(text).not.toContain(shop.token);
      }
    }
    expect(await jobsOf(shop.shopId)).toEqual(before);
  });

  it("waits while another process (a server) holds the shop's import lock, and runs the job once it is let go", async () => {
    const other = await api.createShop({ name: 'Busy Boutique', timezone: 'America/Chicago' });
    const lock = new pg.Client({ connectionString: db.url });
    await lock.connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(hashtext('import_job'), hashtext($1))`, [other.shopId]);
      const running = run(['--shop', other.token, files.tiktokFile]);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect((await jobsOf(other.shopId)).map((j) => j.status)).toEqual(['queued']);
      await lock.query(`SELECT pg_advisory_unlock(hashtext('import_job'), hashtext($1))`, [other.shopId]);
      const { code, out } = await running;
      expect(code).toBe(EXIT_OK);
      expect(out[1]).toBe(`tiktok-orders.csv: imported (tiktok), ${rowCount.tiktok} rows: ${orderCount.tiktok} created, 0 updated, 0 unchanged, 0 skipped`);
    } finally {
      await lock.end();
    }
  });

  it("on Ctrl-C fails the file's job with nothing written and leaves nothing queued", async () => {
    const other = await api.createShop({ name: 'Stopped Boutique', timezone: 'America/Chicago' });
    const lock = new pg.Client({ connectionString: db.url });
    await lock.connect();
    try {
      // Held, so that the job is surely waiting when the command is stopped.
      await lock.query(`SELECT pg_advisory_lock(hashtext('import_job'), hashtext($1))`, [other.shopId]);
      const stop = new AbortController();
      const out: string[] = [];
      const running = runImportOrdersCommand(
        ['--shop', other.token, files.tiktokFile, files.shopifyFile],
        env(),
        { line: (text) => out.push(...text.split('\n')), error: (text) => out.push(text), progressStream: null },
        stop.signal,
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      stop.abort();
      expect(await running).toBe(EXIT_FAILED);
      expect(out.slice(1)).toEqual([
        'tiktok-orders.csv: failed (tiktok), nothing of it was written; 1 error:',
        '  row 1: Stopped before it finished: nothing was written.',
        'shopify-orders.csv: not imported, stopped',
      ]);
    } finally {
      await lock.end();
    }
    expect(await jobsOf(other.shopId)).toEqual([expect.objectContaining({ status: 'failed', stored_file: null })]);
    expect(await countOrders(other.shopId)).toBe(0);
    expect(await readdir(importDir)).toEqual([]);
  });

  it('runs as a process: the token from SHOP_TOKEN, exit code 0, then 2 for an unknown one', async () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const cli = join(PROJECT_ROOT, 'packages', 'api', 'src', 'app', 'cli', 'import-orders.cli.ts');
    const spawnCli = (args: string[], token: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(tsx, ['--tsconfig', join(PROJECT_ROOT, 'packages', 'api', 'tsconfig.json'), cli, ...args], {
          env: { ...process.env, ...env(), SHOP_TOKEN: token },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const done = await spawnCli([files.tiktokFile], shop.token);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout.trim().split('\n').at(-1)).toBe(
      `tiktok-orders.csv: imported (tiktok), ${rowCount.tiktok} rows: 0 created, 0 updated, ${orderCount.tiktok} unchanged, 0 skipped`,
    );
    expect(done.stdout).not.toContain(shop.token);

    const refused = await spawnCli([files.tiktokFile], 'tti_not-a-token-of-any-shop');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('No shop has this token, or it was revoked.');
  }, 60_000);
});

/** The dashboard without what differs between two shops: their ids, when they were made and imported into, cursors. */
function comparable(shopData: Record<string, any>): Record<string, any> {
  const { id: _id, lastImportAt: _last, tiktok: { connectedAt: _connected, ...tiktok }, ...rest } = shopData;
  rest.tiktok = tiktok;
  return JSON.parse(
    JSON.stringify(rest, (key, value) => {
      if (key === 'id' || key === 'cursor' || key === 'endCursor') return undefined;
      if (key === 'edges' && Array.isArray(value)) {
        const key = (edge: { node: unknown }) => JSON.stringify(edge.node, (k, v: unknown) => (k === 'id' ? undefined : v));
        return [...value].sort((x, y) => key(x).localeCompare(key(y)));
      }
      return value;
    }),
  );
}
