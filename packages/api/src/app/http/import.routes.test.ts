import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './app.js';
import { startTestApi, TEST_ADMIN_TOKEN, type TestApi } from '../../test-support/api-client.js';
import { withoutIds } from '../../test-support/order-file-uploads.js';
import { FULL_DASHBOARD_QUERY } from '../../test-support/dashboard-query.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { TEMPLATE_HEADER, templateCsv } from '../../test-support/order-file-csv.js';
import { shopChecksum } from '../../test-support/table-checksum.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import type { OrderData } from '../../modules/orders/order-input.js';

let db: TestDatabase;
let api: TestApi;
let importDir: string;
const MAX_BYTES = 64 * 1024;

beforeAll(async () => {
  db = await createTestDatabase();
  importDir = await mkdtemp(join(tmpdir(), 'imports-test-'));
  // A small upload limit and a folder of its own, so that a file left behind shows.
  api = await startTestApi(db.dataSource, { server: { imports: { dir: importDir, maxBytes: MAX_BYTES } } });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  await rm(importDir, { recursive: true, force: true });
});

const server = (): RunningServer => api.server;

function uploadRaw(csv: string, token: string | null, query = 'filename=orders.csv') {
  return fetch(`${server().url}/api/imports?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: csv,
  });
}

function uploadMultipart(csv: string, token: string, fileName = 'export.csv') {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
  return fetch(`${server().url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

const job = async (id: string, token: string) => {
  const response = await fetch(`${server().url}/api/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

async function finished(id: string, token: string): Promise<Record<string, any>> {
  const seen = new Set<string>();
  for (let i = 0; i < 300; i += 1) {
    const { body } = await job(id, token);
    seen.add(body.status);
    if (body.status === 'done' || body.status === 'failed') return { ...body, seen: [...seen] };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import job ${id} did not finish`);
}

async function importFile(csv: string, token: string): Promise<Record<string, any>> {
  const response = await uploadRaw(csv, token);
  expect(response.status).toBe(202);
  const accepted = (await response.json()) as { id: string; status: string };
  expect(accepted.status).toBe('queued');
  return finished(accepted.id, token);
}

const ordersOf = (prefix: string, n: number): OrderData[] =>
  Array.from({ length: n }, (_, i) =>
    makeOrder({
      externalId: `${prefix}-${i}`,
      channel: i % 3 === 0 ? 'WEBSITE' : 'TIKTOK',
      placedAt: `2025-04-${String(1 + (i % 28)).padStart(2, '0')}T1${i % 10}:00:00-05:00`,
      lines: [
        { productExternalId: `p-${i % 4}`, productName: `Product ${i % 4}`, sku: null, quantity: 1 + (i % 3), unitPriceCents: 1999 + i },
        ...(i % 2 === 0 ? [{ productExternalId: 'p-9', productName: 'Scarf', sku: 'SC-9', quantity: 1, unitPriceCents: 1250 }] : []),
      ],
      taxCents: 100 + i,
      shippingCents: i % 5 === 0 ? 499 : 0,
      discountCents: i % 7 === 0 ? 300 : 0,
    }),
  );

describe('POST /api/imports and GET /api/imports/:id', () => {
  it('takes a raw text/csv body, answers 202 queued, and the job ends done with its counts', async () => {
    const { token } = await api.createShop();
    const orders = ordersOf('raw', 30);
    const result = await importFile(templateCsv(orders), token);
    expect(result).toMatchObject({
      status: 'done',
      format: 'template',
      fileName: 'orders.csv',
      bytes: Buffer.byteLength(templateCsv(orders)),
      rowsRead: orders.reduce((n, o) => n + o.lines.length, 0),
      ordersCreated: 30,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      ordersSkipped: 0,
      errors: [],
    });
    expect(result.seen.every((s: string) => ['queued', 'running', 'done'].includes(s))).toBe(true);
    expect(new Date(result.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(result.createdAt).getTime());
    // The job removes its file just after it says it ended.
    await expect.poll(() => readdir(importDir), { timeout: 5_000 }).toEqual([]);
  });

  it('takes a multipart/form-data field "file", and the same file again changes nothing', async () => {
    const { shopId, token } = await api.createShop();
    const csv = templateCsv(ordersOf('mp', 12));
    const response = await uploadMultipart(csv, token, 'store-export.csv');
    expect(response.status).toBe(202);
    const first = await finished(((await response.json()) as { id: string }).id, token);
    expect(first).toMatchObject({ status: 'done', fileName: 'store-export.csv', ordersCreated: 12 });
    const before = await shopChecksum(db.dataSource, shopId);
    const again = await importFile(csv, token);
    expect(again).toMatchObject({ status: 'done', ordersCreated: 0, ordersUpdated: 0, ordersUnchanged: 12 });
    const after = await shopChecksum(db.dataSource, shopId);
    delete before.import_job;
    delete after.import_job;
    expect(after).toEqual(before);
  });

  it('updates what changed and adds what is new from an overlapping later export', async () => {
    const { token } = await api.createShop();
    const orders = ordersOf('ov', 10);
    await importFile(templateCsv(orders), token);
    const later = [
      ...orders.slice(5, 8),
      { ...orders[8]!, status: 'REFUNDED' as const },
      { ...orders[9]!, taxCents: orders[9]!.taxCents + 50 },
      ...ordersOf('ov-new', 4),
    ];
    const result = await importFile(templateCsv(later), token);
    expect(result).toMatchObject({ status: 'done', ordersCreated: 4, ordersUpdated: 2, ordersUnchanged: 3 });
  });

  it('fails the whole file on a bad cell, naming row, column and message, and writes nothing', async () => {
    const { shopId, token } = await api.createShop();
    await importFile(templateCsv(ordersOf('keep', 3)), token);
    const before = await shopChecksum(db.dataSource, shopId);
    const lines = templateCsv(ordersOf('bad', 6)).trimEnd().split('\n');
    // Row 4 (the header is row 1): a quantity that is no number.
    const cells = lines[3]!.split(',');
    const quantity = TEMPLATE_HEADER.split(',').indexOf('quantity');
    cells[quantity] = 'lots';
    lines[3] = cells.join(',');
    const result = await importFile(lines.join('\n') + '\n', token);
    expect(result.status).toBe('failed');
    expect(result.ordersCreated).toBe(0);
    expect(result.errors.length).toBeGreaterThanOrEqual(1);
    expect(result.errors[0]).toMatchObject({ row: 4, column: 'quantity' });
    expect(typeof result.errors[0].message).toBe('string');
    const after = await shopChecksum(db.dataSource, shopId);
    delete before.import_job;
    delete after.import_job;
    expect(after).toEqual(before);
    // The job removes its file just after it says it ended.
    await expect.poll(() => readdir(importDir), { timeout: 5_000 }).toEqual([]);
  });

  it('runs a shop\'s jobs one at a time in upload order', async () => {
    const { token } = await api.createShop();
    const a = ordersOf('seq', 5);
    const ids: string[] = [];
    for (const file of [templateCsv(a), templateCsv([{ ...a[0]!, status: 'DELIVERED' }]), templateCsv([{ ...a[0]!, status: 'CANCELLED' }])]) {
      const response = await uploadRaw(file, token);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const results = [];
    for (const id of ids) results.push(await finished(id, token));
    expect(results.map((r) => [r.ordersCreated, r.ordersUpdated])).toEqual([
      [5, 0],
      [0, 1],
      [0, 1],
    ]);
    const starts = await db.dataSource.query(`SELECT started_at, finished_at FROM import_job WHERE import_job_id = ANY($1) ORDER BY created_at`, [ids]);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i].started_at.getTime()).toBeGreaterThanOrEqual(starts[i - 1].finished_at.getTime());
    const status = await api.gql(`{ shop { id } }`, {}, token);
    expect(status.errors).toBeUndefined();
  });

  it('gives the dashboard the same figures as the same orders sent with importOrders', async () => {
    const viaFile = await api.createShop();
    const viaGraphql = await api.createShop();
    const orders = ordersOf('dash', 40);
    await importFile(templateCsv(orders), viaFile.token);
    const sent = await api.gql(IMPORT_MUTATION, { orders }, viaGraphql.token);
    expect(sent.errors).toBeUndefined();
    const variables = { asOf: '2025-04-30', from: '2025-04-01', to: '2025-04-30', customersFirst: 500, crossoverFirst: 500, topFirst: 500 };
    const fromFile = await api.gql(FULL_DASHBOARD_QUERY, variables, viaFile.token);
    const fromGraphql = await api.gql(FULL_DASHBOARD_QUERY, variables, viaGraphql.token);
    expect(fromFile.errors).toBeUndefined();
    expect(fromGraphql.errors).toBeUndefined();
    expect(withoutIds(fromFile.data!.shop.tiktokInsights)).toEqual(withoutIds(fromGraphql.data!.shop.tiktokInsights));
  });

  it('refuses an unknown header with 400 naming the columns expected and found', async () => {
    const { token } = await api.createShop();
    const response = await uploadRaw('colour,size\nred,M\n', token);
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.found).toEqual(['colour', 'size']);
    expect(body.errors[0].extensions.expected).toBeTruthy();
    // The job removes its file just after it says it ended.
    await expect.poll(() => readdir(importDir), { timeout: 5_000 }).toEqual([]);
  });

  it('answers 413 from Content-Length before reading the body, and cuts off a chunked body past the limit', async () => {
    const { shopId, token } = await api.createShop();
    const declared = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server().url}/api/imports?filename=big.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(MAX_BYTES + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(TEMPLATE_HEADER + '\n'); // the rest never comes: the answer must not wait for it
    });
    expect(declared).toBe(413);

    const chunked = await new Promise<number>((resolve) => {
      const req = httpRequest(`${server().url}/api/imports?filename=big.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', () => resolve(-1));
      const body = templateCsv(ordersOf('big', 400));
      expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BYTES);
      req.end(body);
    });
    expect([413, -1]).toContain(chunked);
    const jobs = await db.dataSource.query(`SELECT count(*)::int AS n FROM import_job WHERE shop_id = $1`, [shopId]);
    expect(jobs[0].n).toBe(0);
    // The job removes its file just after it says it ended.
    await expect.poll(() => readdir(importDir), { timeout: 5_000 }).toEqual([]);
  });

  it('keeps a job to its shop: another shop\'s job and a malformed id are 404; no token is 401; the admin token 403', async () => {
    const owner = await api.createShop();
    const other = await api.createShop();
    const response = await uploadRaw(templateCsv(ordersOf('own', 1)), owner.token);
    const { id } = (await response.json()) as { id: string };
    expect((await job(id, other.token)).status).toBe(404);
    expect((await job('not-a-job', owner.token)).status).toBe(404);
    expect((await uploadRaw(templateCsv(ordersOf('anon', 1)), null)).status).toBe(401);
    expect((await uploadRaw(templateCsv(ordersOf('adm', 1)), TEST_ADMIN_TOKEN)).status).toBe(403);
    expect((await finished(id, owner.token)).status).toBe('done');
  });
});

describe('GET /api/imports', () => {
  const list = async (token: string, query = '') => {
    const response = await fetch(`${server().url}/api/imports${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it('lists the shop\'s uploads newest first, each as GET /api/imports/:id shows it, with the token that uploaded it', async () => {
    const { shopId, token } = await api.createShop();
    const other = await api.createShop();
    const second = await api.gql<{ createShopToken: { token: string; tokenId: string } }>(
      `mutation ($shopId: ID!) { createShopToken(shopId: $shopId, label: "warehouse laptop") { tokenId token } }`,
      { shopId },
      TEST_ADMIN_TOKEN,
    );
    expect(second.errors).toBeUndefined();
    const { token: laptop, tokenId: laptopId } = second.data!.createShopToken;
    const first = await importFile(templateCsv(ordersOf('hist-a', 2)), token);
    const later = await importFile(templateCsv(ordersOf('hist-b', 3)), laptop);
    await importFile(templateCsv(ordersOf('hist-other', 1)), other.token);
    const [{ token_id: firstTokenId }] = await db.dataSource.query(`SELECT token_id FROM api_token WHERE shop_id = $1 AND label = 'created with the shop'`, [shopId]);

    const { status, body } = await list(token);
    expect(status).toBe(200);
    expect(body.nextBefore).toBeNull();
    expect(body.jobs.map((j: any) => j.id)).toEqual([later.id, first.id]);
    const { seen: _seenLater, ...laterJob } = later;
    const { seen: _seenFirst, ...firstJob } = first;
    expect(body.jobs[0]).toEqual({ ...laterJob, uploadedBy: { tokenId: laptopId, label: 'warehouse laptop' } });
    expect(body.jobs[1]).toEqual({ ...firstJob, uploadedBy: { tokenId: firstTokenId, label: 'created with the shop' } });
    expect(body.jobs[0]).toMatchObject({ fileName: 'orders.csv', format: 'template', status: 'done', ordersCreated: 3 });
    expect((await job(first.id, token)).body).toEqual(body.jobs[1]);
    expect((await list(other.token)).body.jobs).toHaveLength(1);
  });

  it('pages with ?limit and ?before, and refuses a limit outside 1 to 100 or an unknown before', async () => {
    const { token } = await api.createShop();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await importFile(templateCsv(ordersOf(`page-${i}`, 1)), token)).id);
    const newestFirst = [...ids].reverse();
    const one = await list(token, '?limit=2');
    expect(one.body.jobs.map((j: any) => j.id)).toEqual(newestFirst.slice(0, 2));
    expect(one.body.nextBefore).toBe(newestFirst[1]);
    const two = await list(token, `?limit=2&before=${one.body.nextBefore}`);
    expect(two.body.jobs.map((j: any) => j.id)).toEqual(newestFirst.slice(2, 4));
    const three = await list(token, `?limit=2&before=${two.body.nextBefore}`);
    expect(three.body.jobs.map((j: any) => j.id)).toEqual(newestFirst.slice(4));
    expect(three.body.nextBefore).toBeNull();
    expect((await list(token)).body.jobs).toHaveLength(5);

    for (const query of ['?limit=0', '?limit=101', '?limit=ten', '?before=not-a-job', `?before=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`]) {
      const refused = await list(token, query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.errors[0].extensions.code, query).toBe('BAD_USER_INPUT');
    }
    expect((await list(token, '?limit=100')).status).toBe(200);
  });

  it('keeps a shop\'s list to its token: no token is 401, the admin token 403, another shop\'s job id as before is 400', async () => {
    const owner = await api.createShop();
    const other = await api.createShop();
    const theirs = await importFile(templateCsv(ordersOf('theirs', 1)), other.token);
    expect((await fetch(`${server().url}/api/imports`)).status).toBe(401);
    expect((await list(TEST_ADMIN_TOKEN)).status).toBe(403);
    expect((await list(owner.token, `?before=${theirs.id}`)).status).toBe(400);
    expect((await list(owner.token)).body).toEqual({ jobs: [], nextBefore: null });
  });

  it('keeps the jobs of a token that is deleted, without an uploader, and deletes them with their shop', async () => {
    const { shopId, token } = await api.createShop();
    const done = await importFile(templateCsv(ordersOf('gone', 1)), token);
    await db.dataSource.query(`DELETE FROM api_token WHERE shop_id = $1`, [shopId]);
    const [row] = await db.dataSource.query(`SELECT shop_id, uploaded_by_token_id FROM import_job WHERE import_job_id = $1`, [done.id]);
    expect(row).toEqual({ shop_id: shopId, uploaded_by_token_id: null });
    await db.dataSource.query(`DELETE FROM shop WHERE shop_id = $1`, [shopId]);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM import_job WHERE shop_id = $1`, [shopId]);
    expect(n).toBe(0);
  });
});
