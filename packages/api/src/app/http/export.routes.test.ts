import {
  CROSSOVER_CUSTOMERS_CSV,
  CSV_BOM,
  csvDocument,
  csvStart,
  MARKETING_CUSTOMERS_CSV,
  type CrossoverCustomerCsvRow,
  type MarketingCustomerCsvRow,
} from '@tiktok-insights/shared';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './app.js';
import { createLogger } from '../../platform/logging/logger.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let token: string;

const CHICAGO = { currency: 'USD', timeZone: 'America/Chicago' };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource);
  ({ token } = await api.createShop());
  const orders = [
    ...Array.from({ length: 120 }, (_, i) =>
      makeOrder({
        externalId: `t-${i}`,
        placedAt: '2025-05-01T12:00:00-05:00',
        customer: { externalId: `tt-${i}`, name: `Buyer ${i}`, address: { line1: `${i} Main St` } },
        lines: [{ productExternalId: 'p', productName: 'P', sku: null, quantity: 1, unitPriceCents: 1000 + i }],
      }),
    ),
    makeOrder({
      externalId: 'hostile',
      placedAt: '2025-05-02T12:00:00-05:00',
      customer: { externalId: '=cmd|calc', name: '=HYPERLINK("http://x")', address: { line1: '@SUM(1+1)', line2: 'Apt "7", rear' } },
    }),
    // 01:52 UTC on Feb 19 is 7:52 PM on Feb 18 in Chicago: the dashboard shows Feb 18, 2025.
    makeOrder({
      externalId: 'late-evening',
      placedAt: '2025-02-19T01:52:01Z',
      customer: { externalId: 'tt-evening', name: 'Evening Buyer', address: { line1: '9 Night St' } },
      lines: [{ productExternalId: 'p', productName: 'P', sku: null, quantity: 1, unitPriceCents: 222_100 }],
    }),
    makeOrder({
      externalId: 'store-1',
      channel: 'WEBSITE',
      placedAt: '2025-05-03T12:00:00-05:00',
      customer: { externalId: 'cus-1', address: { line1: '1 Main St' } },
    }),
  ];
  const imported = await api.gql(IMPORT_MUTATION, { orders }, token);
  expect(imported.errors).toBeUndefined();
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const download = (path: string, bearer: string | null = token) =>
  fetch(`${api.server.url}/api/exports/${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

/** The file as its bytes say (Response.text() would drop the byte-order mark). */
const fileText = async (response: Response) => Buffer.from(await response.arrayBuffer()).toString('utf8');

const ADDRESS = 'address { line1 line2 city region postalCode country }';

/** The whole marketing list as GraphQL pages it, in the rows the dashboard's "Rows shown" is written from. */
async function marketingListRows(bearer: string, asOf: string, orderBy: string): Promise<MarketingCustomerCsvRow[]> {
  const answer = await api.gql(
    `{ shop { tiktokInsights(asOf: "${asOf}") { customers(first: 500, orderBy: ${orderBy}) { totalCount edges { node {
       tiktokCustomerId name ${ADDRESS} orders netReceipts { cents } firstOrderAt lastOrderAt } } } } } }`,
    {},
    bearer,
  );
  expect(answer.errors).toBeUndefined();
  const list = answer.data!.shop.tiktokInsights.customers;
  expect(list.edges).toHaveLength(list.totalCount);
  return list.edges.map(({ node }: any) => ({ ...node, netReceiptsCents: node.netReceipts.cents }));
}

describe('CSV exports', () => {
  it('streams the whole marketing list in the dashboard order, with the dashboard’s columns and cell formats', async () => {
    const response = await download('tiktok-customers.csv?asOf=2025-06-01&orderBy=NET_RECEIPTS&direction=DESC');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tiktok-customers-2025-06-01.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');

    // Byte for byte what the shared definition writes for the list GraphQL gives (the rows the
    // dashboard writes "Rows shown" from).
    const rows = await marketingListRows(token, '2025-06-01', '{ field: NET_RECEIPTS, direction: DESC }');
    expect(text).toBe(csvDocument(MARKETING_CUSTOMERS_CSV, rows, CHICAGO));

    const records: string[][] = parse(text.slice(1));
    expect(records[0]).toEqual([
      'TikTok customer ID', 'Name', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country',
      'Orders', 'Net receipts', 'Currency', 'First order', 'Last order',
    ]);
    expect(text.split('\r\n')).toHaveLength(records.length + 1);
    const data = records.slice(1);
    expect(data).toHaveLength(122);
    // Net receipts descending: the $2,221.00 evening order, the $25.00 order of the hostile customer, then tt-119's $11.19.
    expect(data.slice(0, 3).map((row) => row[0])).toEqual(['tt-evening', "'=cmd|calc", 'tt-119']);
    expect(data[0]).toEqual([
      'tt-evening', 'Evening Buyer', '9 Night St', '', 'Chicago', 'IL', '60614', 'US',
      '1', '2221.00', 'USD', '2025-02-18T19:52:01-06:00', '2025-02-18T19:52:01-06:00',
    ]);
    expect(data[1]!.slice(1, 4)).toEqual(["'=HYPERLINK(\"http://x\")", "'@SUM(1+1)", 'Apt "7", rear']);
    expect(data[2]!.slice(8)).toEqual(['1', '11.19', 'USD', '2025-05-01T12:00:00-05:00', '2025-05-01T12:00:00-05:00']);
  });

  it('follows the ordering asked for', async () => {
    const text = await fileText(await download('tiktok-customers.csv?asOf=2025-06-01&orderBy=LAST_ORDER_AT&direction=ASC'));
    const rows = await marketingListRows(token, '2025-06-01', '{ field: LAST_ORDER_AT, direction: ASC }');
    expect(rows[0]!.tiktokCustomerId).toBe('tt-evening');
    expect(text).toBe(csvDocument(MARKETING_CUSTOMERS_CSV, rows, CHICAGO));
  });

  it('exports the crossover customers', async () => {
    const response = await download('crossover-customers.csv?asOf=2025-06-01');
    expect(response.status).toBe(200);
    const text = await fileText(response);
    const records: string[][] = parse(text.slice(1));
    expect(records[0]).toEqual(CROSSOVER_CUSTOMERS_CSV.map((column) => column.header));
    expect(records.slice(1)).toEqual([
      ['tt-1', 'Buyer 1', '1 Main St', '', 'Chicago', 'IL', '60614', 'US', '2025-05-01T12:00:00-05:00', '2025-05-03T12:00:00-05:00', '1', '25.00', 'USD'],
    ]);
    const answer = await api.gql(
      `{ shop { tiktokInsights(asOf: "2025-06-01") { crossover { customers(first: 500) { edges { node {
         firstTikTokOrderAt firstCrossoverOrderAt nonTikTokOrders nonTikTokNetReceipts { cents } customer { tiktokCustomerId name ${ADDRESS} } } } } } } } }`,
      {},
      token,
    );
    const rows: CrossoverCustomerCsvRow[] = answer.data!.shop.tiktokInsights.crossover.customers.edges.map(({ node }: any) => ({
      ...node.customer,
      firstTikTokOrderAt: node.firstTikTokOrderAt,
      firstCrossoverOrderAt: node.firstCrossoverOrderAt,
      storeOrders: node.nonTikTokOrders,
      storeNetReceiptsCents: node.nonTikTokNetReceipts.cents,
    }));
    expect(text).toBe(csvDocument(CROSSOVER_CUSTOMERS_CSV, rows, CHICAGO));
  });

  it('writes amounts with the shop’s currency digits and times in the shop’s zone', async () => {
    const tokyo = await api.createShop({ currency: 'JPY', timezone: 'Asia/Tokyo' });
    const imported = await api.gql(
      IMPORT_MUTATION,
      {
        orders: [
          makeOrder({
            externalId: 'jp-1',
            placedAt: '2025-02-19T01:52:01Z',
            customer: { externalId: 'tt-jp', name: 'Tokyo Buyer', address: { line1: '1-2-3 Ginza', city: 'Chuo', region: 'Tokyo', postalCode: '104-0061', country: 'JP' } },
            lines: [{ productExternalId: 'p', productName: 'P', sku: null, quantity: 3, unitPriceCents: 1_234_567 }],
          }),
        ],
      },
      tokyo.token,
    );
    expect(imported.errors).toBeUndefined();
    const text = await fileText(await download('tiktok-customers.csv?asOf=2025-06-01', tokyo.token));
    expect(text).toBe(
      `${csvStart(MARKETING_CUSTOMERS_CSV)}tt-jp,Tokyo Buyer,1-2-3 Ginza,,Chuo,Tokyo,104-0061,JP,1,3703701,JPY,2025-02-19T10:52:01+09:00,2025-02-19T10:52:01+09:00\r\n`,
    );
  });

  it('is what docs/api.md shows under "CSV exports"', async () => {
    const guide = readFileSync(new URL('../../../../../docs/api.md', import.meta.url), 'utf8');
    const section = guide.slice(guide.indexOf('## CSV exports'), guide.indexOf('## Errors'));
    const sample = /```csv\n([\s\S]*?)\n```/.exec(section)![1]!;
    const text = await fileText(await download('tiktok-customers.csv?asOf=2025-06-01&orderBy=NET_RECEIPTS&direction=DESC'));
    expect(text.startsWith(`${CSV_BOM}${sample.split('\n').join('\r\n')}\r\n`)).toBe(true);
    const example = /curl -OJ -H "Authorization: Bearer \$API_KEY" "http:\/\/localhost:4000\/api\/exports\/([^"]+)"/.exec(section)![1]!;
    const response = await download(example);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tiktok-customers-2025-06-30.csv"');
    expect(section).toContain('saves `tiktok-customers-2025-06-30.csv`');
  });

  it('needs a shop token and valid parameters', async () => {
    expect((await download('tiktok-customers.csv', null)).status).toBe(401);
    expect((await download('tiktok-customers.csv', 'nope')).status).toBe(401);
    expect((await download('tiktok-customers.csv', TEST_ADMIN_TOKEN)).status).toBe(403);
    const bad = await download('tiktok-customers.csv?asOf=2025-02-30');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await download('tiktok-customers.csv?orderBy=EMAIL')).status).toBe(400);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers 400 naming the parameter for the Object prototype name %s',
    async (name) => {
      const cases = [
        ['tiktok-customers.csv', 'orderBy'],
        ['tiktok-customers.csv', 'direction'],
        ['tiktok-customers.csv', 'asOf'],
        ['crossover-customers.csv', 'asOf'],
      ];
      for (const [path, parameter] of cases) {
        const response = await download(`${path}?${parameter}=${encodeURIComponent(name)}`);
        expect(response.status, `${path} ${parameter}=${name}`).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', parameter });
        expect(body.errors[0]!.message.startsWith(`${parameter} must be `)).toBe(true);
      }
      // As a parameter's name rather than its value, it is a parameter the export does not take.
      expect((await download(`tiktok-customers.csv?${encodeURIComponent(name)}=NAME&asOf=2025-06-01`)).status).toBe(200);
    },
  );

  it('names the parameter that is given twice or is no day', async () => {
    const twice = await download('tiktok-customers.csv?orderBy=NAME&orderBy=ORDERS');
    expect(twice.status).toBe(400);
    expect(await twice.json()).toEqual({ errors: [{ message: 'orderBy must be given once', extensions: { code: 'BAD_USER_INPUT', parameter: 'orderBy' } }] });
    const notADay = await download('crossover-customers.csv?asOf=2025-02-30');
    expect(notADay.status).toBe(400);
    const body = (await notADay.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', parameter: 'asOf' });
    expect(body.errors[0]!.message).toMatch(/^asOf must be a day as YYYY-MM-DD: .*February 2025 has 28 days/);
  });

  it('sends the length of the file, which is the whole file', async () => {
    const response = await download('tiktok-customers.csv?asOf=2025-06-01');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('transfer-encoding')).toBeNull();
  });

  it('is not available while TikTok is disconnected', async () => {
    const other = await api.createShop();
    await api.gql(`mutation { disconnectTikTok { connected } }`, {}, other.token);
    expect((await download('tiktok-customers.csv', other.token)).status).toBe(404);
  });
});

describe('CSV exports at once', () => {
  /**
   * Holds the customer table locked, so every export admitted waits in its query; `untilWaiting`
   * returns once that many sessions of the exports' own pool wait for the lock.
   */
  async function holdCustomerTable() {
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    // Outside the locker's transaction, which sees the sessions as they were when it began.
    const observer = new pg.Client({ connectionString: db.url });
    await observer.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE customer IN ACCESS EXCLUSIVE MODE');
    const waitingExports = async () =>
      (
        await observer.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'tiktok-insights-exports' AND wait_event_type = 'Lock'`,
        )
      ).rows[0].n as number;
    return {
      async untilWaiting(count: number): Promise<void> {
        const deadline = Date.now() + 10_000;
        while ((await waitingExports()) < count) {
          if (Date.now() > deadline) throw new Error(`${count} export(s) did not start their queries`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      release: () => locker.query('COMMIT'),
      async close(): Promise<void> {
        await locker.query('ROLLBACK').catch(() => {});
        await locker.end();
        await observer.end();
      },
    };
  }

  it('admits EXPORT_LIMIT_PER_SHOP per shop and EXPORT_LIMIT_TOTAL in all, answers 429 with Retry-After beyond, and leaves no file behind', async () => {
    const tempDir = await mkdtemp(join(tmpdir(), 'tiktok-insights-export-test-'));
    const limited = await startServer(
      {
        dataSource: db.dataSource,
        logger: createLogger('silent'),
        adminToken: TEST_ADMIN_TOKEN,
        webDistDir: null,
        exports: { perShop: 2, total: 3, databaseConnections: 3, tempDir },
      },
      0,
      '127.0.0.1',
    );
    const shopB = await api.createShop();
    const shopC = await api.createShop();
    const from = (bearer: string, path = 'tiktok-customers.csv?asOf=2025-06-01') =>
      fetch(`${limited.url}/api/exports/${path}`, { headers: { authorization: `Bearer ${bearer}` } });
    const expected = await fileText(await download('tiktok-customers.csv?asOf=2025-06-01'));

    const table = await holdCustomerTable();
    try {
      const a1 = from(token);
      const a2 = from(token);
      const b1 = from(shopB.token, 'crossover-customers.csv');
      await table.untilWaiting(3);
      // The files being prepared are not listed in the directory.
      expect(await readdir(tempDir)).toEqual([]);

      const a3 = await from(token);
      expect(a3.status).toBe(429);
      expect(a3.headers.get('retry-after')).toBe('10');
      expect(await a3.json()).toEqual({
        errors: [{ message: 'This shop already has 2 exports in progress; try again when one has finished.', extensions: { code: 'TOO_MANY_REQUESTS' } }],
      });
      const c1 = await from(shopC.token);
      expect(c1.status).toBe(429);
      expect(c1.headers.get('retry-after')).toBe('10');
      expect(await c1.json()).toEqual({
        errors: [{ message: 'The server is busy with other exports; try again shortly.', extensions: { code: 'TOO_MANY_REQUESTS' } }],
      });

      await table.release();
      const [first, second, crossover] = await Promise.all([a1, a2, b1]);
      expect([first.status, second.status, crossover.status]).toEqual([200, 200, 200]);
      expect(await fileText(first)).toBe(expected);
      expect(await fileText(second)).toBe(expected);
      expect(await fileText(crossover)).toBe(csvStart(CROSSOVER_CUSTOMERS_CSV));
      // The places came back.
      const again = await from(token);
      expect(again.status).toBe(200);
      expect(await fileText(again)).toBe(expected);
      expect((await from(shopC.token)).status).toBe(200);
      expect(await readdir(tempDir)).toEqual([]);
    } finally {
      await table.close();
      await limited.stop();
      await rm(tempDir, { recursive: true, force: true });
    }
  });

  it('keeps the place of a client that left while its file was prepared until the query stops, then gives it back', async () => {
    const single = await startServer(
      { dataSource: db.dataSource, logger: createLogger('silent'), adminToken: TEST_ADMIN_TOKEN, webDistDir: null, exports: { perShop: 1 } },
      0,
      '127.0.0.1',
    );
    const from = (signal?: AbortSignal) =>
      fetch(`${single.url}/api/exports/tiktok-customers.csv?asOf=2025-06-01`, { headers: { authorization: `Bearer ${token}` }, signal });
    const table = await holdCustomerTable();
    try {
      const leaving = new AbortController();
      const left = from(leaving.signal).catch((error: unknown) => error);
      await table.untilWaiting(1);
      leaving.abort();
      expect(await left).toBeInstanceOf(Error);
      // Its query still waits in the database: the place is still taken.
      expect((await from()).status).toBe(429);
      await table.release();
      const until = Date.now() + 10_000;
      let again = await from();
      while (again.status === 429 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        again = await from();
      }
      expect(again.status).toBe(200);
      expect(await fileText(again)).toBe(await fileText(await download('tiktok-customers.csv?asOf=2025-06-01')));
    } finally {
      await table.close();
      await single.stop();
    }
  });

  it('refuses a list larger than EXPORT_TEMP_MAX_MB allows with a coded error, not a short file', async () => {
    const small = await startServer(
      { dataSource: db.dataSource, logger: createLogger('silent'), adminToken: TEST_ADMIN_TOKEN, webDistDir: null, exports: { tempMaxBytes: 4096 } },
      0,
      '127.0.0.1',
    );
    try {
      const response = await fetch(`${small.url}/api/exports/tiktok-customers.csv?asOf=2025-06-01`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({
        errors: [{ message: 'This list is larger than the server allows for an export (EXPORT_TEMP_MAX_MB).', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      const tiny = await fetch(`${small.url}/api/exports/crossover-customers.csv?asOf=2025-06-01`, { headers: { authorization: `Bearer ${token}` } });
      expect(tiny.status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});
