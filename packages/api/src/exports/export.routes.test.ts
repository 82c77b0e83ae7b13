import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';

let db: TestDatabase;
let api: TestApi;
let token: string;

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

describe('CSV exports', () => {
  it('streams the whole marketing list in the dashboard order, RFC 4180 quoted, with formulas neutralized', async () => {
    const response = await download('tiktok-customers.csv?asOf=2025-06-01&orderBy=NET_RECEIPTS&direction=DESC');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tiktok-customers-2025-06-01.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows: string[][] = parse(text.slice(1));
    expect(rows[0]).toEqual([
      'TikTok customer ID', 'Name', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country',
      'Orders', 'Net receipts (USD)', 'First order at', 'Last order at',
    ]);
    const data = rows.slice(1);
    const graph = await api.gql(`{ shop { tiktokInsights(asOf: "2025-06-01") { customers(first: 500) { totalCount edges { node { tiktokCustomerId } } } } } }`, {}, token);
    const list = graph.data!.shop.tiktokInsights.customers;
    expect(data).toHaveLength(list.totalCount);
    expect(data.map((row) => row[0])).toEqual(list.edges.map((e: any) => (e.node.tiktokCustomerId.startsWith('=') ? `'${e.node.tiktokCustomerId}` : e.node.tiktokCustomerId)));
    const hostile = data.find((row) => row[0] === "'=cmd|calc")!;
    expect(hostile.slice(1, 4)).toEqual(["'=HYPERLINK(\"http://x\")", "'@SUM(1+1)", 'Apt "7", rear']);
    // Net receipts descending: the $25.00 order of the hostile customer first, then tt-119's $11.19.
    expect(data[0]![0]).toBe("'=cmd|calc");
    const top = data[1]!;
    expect(top[0]).toBe('tt-119');
    expect(top.slice(8)).toEqual(['1', '11.19', '2025-05-01T17:00:00.000Z', '2025-05-01T17:00:00.000Z']);
  });

  it('exports the crossover customers', async () => {
    const response = await download('crossover-customers.csv?asOf=2025-06-01');
    expect(response.status).toBe(200);
    const rows: string[][] = parse(Buffer.from(await response.arrayBuffer()).toString('utf8').slice(1));
    expect(rows.slice(1)).toEqual([
      ['tt-1', 'Buyer 1', '1 Main St', '', 'Chicago', 'IL', '60614', 'US', '2025-05-01T17:00:00.000Z', '2025-05-03T17:00:00.000Z', '1', '25.00'],
    ]);
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

  it('is not available while TikTok is disconnected', async () => {
    const other = await api.createShop();
    await api.gql(`mutation { disconnectTikTok { connected } }`, {}, other.token);
    expect((await download('tiktok-customers.csv', other.token)).status).toBe(404);
  });
});
