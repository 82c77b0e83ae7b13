/**
 * TikTok Seller Center and Shopify export files through POST /api/imports end to end (spec
 * section 7): created, then unchanged when sent again, then updated and added from a later
 * overlapping export; and a file with more invalid rows than a job keeps errors for.
 */
import { readdir } from 'node:fs/promises';
import { CSV_BOM, csvLine } from '@tiktok-insights/shared';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_HEADER, shopifyExportRows, TIKTOK_HEADER, tiktokExportRows } from '../../modules/demo/demo-export-files.js';
import { MAX_IMPORT_ERRORS } from '../../modules/imports/import-jobs.js';
import type { OrderData, OrderStatus, SalesChannel } from '../../modules/orders/order-input.js';
import { makeOrder } from '../../test-support/order-factory.js';
import { exportableOrder, importsClient, shopifyExportCsv, tiktokExportCsv, useImportTestEnv } from '../../test-support/order-file-uploads.js';
import { shopChecksum } from '../../test-support/table-checksum.js';

const env = useImportTestEnv('import-exports-test-');

const imports = importsClient(() => env.api.server.url);
const ZONE = 'America/Chicago'; // createShop's default

/** Uploads the file, expects 202 with a queued job, and waits for the job's end. */
async function importFile(csv: string, token: string, fileName: string) {
  const response = await imports.upload(csv, token, fileName);
  expect(response.status).toBe(202);
  const accepted = (await response.json()) as { id: string; status: string };
  expect(accepted).toEqual({ id: expect.any(String), status: 'queued' });
  const job = await imports.finished(accepted.id, token);
  expect(job.id).toBe(accepted.id);
  return job;
}

/** The shop's tables but its import jobs, which every upload adds to. */
async function ordersChecksum(shopId: string) {
  const sums = await shopChecksum(env.db.dataSource, shopId);
  delete sums.import_job;
  return sums;
}

async function storedStatuses(shopId: string, channel: SalesChannel | 'STORE'): Promise<Record<string, string>> {
  const rows: Array<{ external_id: string; status: string }> = await env.db.dataSource.query(
    `SELECT external_id, status FROM sales_order WHERE shop_id = $1 AND (channel = $2 OR ($2 = 'STORE' AND channel <> 'TIKTOK'))`,
    [shopId, channel],
  );
  return Object.fromEntries(rows.map((row) => [row.external_id, row.status]));
}

const lineCount = (orders: readonly OrderData[]) => orders.reduce((n, o) => n + o.lines.length, 0);
const statusesOf = (orders: readonly OrderData[]) => Object.fromEntries(orders.map((o) => [o.externalId, o.status]));

const day = (i: number) => `2025-06-${String(1 + (i % 28)).padStart(2, '0')}`;

/** TikTok orders as Seller Center numbers them, some multi-line, repeat buyers, a free gift line. */
function tiktokOrders(from: number, n: number, statuses: readonly OrderStatus[]): OrderData[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const buyer = i % 4;
    return exportableOrder(
      makeOrder({
        externalId: `5764${String(100000 + i)}`,
        channel: 'TIKTOK',
        placedAt: `${day(i)}T${String(9 + (i % 12)).padStart(2, '0')}:15:00-05:00`,
        status: statuses[k % statuses.length]!,
        customer: {
          externalId: `buyer_${buyer}`,
          name: `Buyer ${buyer}`,
          address: { line1: `${200 + buyer} Lake Ave`, line2: buyer % 2 ? `Apt ${buyer}` : null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
        },
        lines: [
          { productExternalId: `p-${i % 3}`, productName: `Silk Scarf ${i % 3}`, sku: `SS-${i % 3}`, quantity: 1 + (i % 2), unitPriceCents: 2400 + 100 * (i % 3) },
          ...(i % 3 === 0 ? [{ productExternalId: 'gift', productName: 'Gift Pouch', sku: 'GIFT', quantity: 1, unitPriceCents: 0 }] : []),
        ],
        taxCents: 150 + i,
        shippingCents: i % 2 ? 599 : 0,
        discountCents: i % 5 === 0 ? 300 : 0,
      }),
    );
  });
}

/** Store orders as Shopify names them, over several channels. */
function storeOrders(from: number, n: number, statuses: readonly OrderStatus[]): OrderData[] {
  const channels: SalesChannel[] = ['WEBSITE', 'APP', 'INSTAGRAM', 'FACEBOOK', 'OTHER'];
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const client = i % 3;
    return exportableOrder(
      makeOrder({
        externalId: `#${1001 + i}`,
        channel: channels[i % channels.length]!,
        placedAt: `${day(i)}T${String(8 + (i % 10)).padStart(2, '0')}:40:00-05:00`,
        status: statuses[k % statuses.length]!,
        customer: {
          externalId: `client${client}@example.com`,
          name: `Client ${client}`,
          email: `client${client}@example.com`,
          address: { line1: `${200 + client} Lake Ave`, line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
        },
        lines: [
          { productExternalId: `LS-${i % 2}`, productName: `Linen Shirt ${i % 2}`, sku: `LS-${i % 2}`, quantity: 1, unitPriceCents: 3900 },
          ...(i % 2 ? [{ productExternalId: 'SC-1', productName: 'Scarf', sku: 'SC-1', quantity: 2, unitPriceCents: 1250 }] : []),
        ],
        taxCents: 300,
        shippingCents: 495,
        discountCents: i % 4 === 0 ? 500 : 0,
      }),
    );
  });
}

/** A Shopify export with, after the store orders, one order whose `Source` names TikTok (skipped). */
function shopifyWithTikTokSource(orders: readonly OrderData[]): string {
  const fromTikTok = storeOrders(90, 1, ['PAID'])[0]!;
  const rows = shopifyExportRows({ ...fromTikTok, externalId: '#9001' }, ZONE);
  rows[0]![SHOPIFY_HEADER.indexOf('Source')] = 'TikTok Shop';
  return shopifyExportCsv(orders, ZONE) + rows.map(csvLine).join('');
}

describe('TikTok Seller Center and Shopify exports through POST /api/imports', () => {
  it('create the orders, change nothing sent again, and update and add from a later overlapping export', async () => {
    const { shopId, token } = await env.api.createShop();
    const tiktok = tiktokOrders(0, 12, ['PAID', 'SHIPPED', 'UNPAID', 'DELIVERED', 'REFUNDED', 'CANCELLED']);
    const store = storeOrders(0, 9, ['PAID', 'SHIPPED', 'UNPAID', 'REFUNDED', 'CANCELLED']);
    const tiktokCsv = tiktokExportCsv(tiktok, ZONE);
    const shopifyCsv = shopifyWithTikTokSource(store);

    const firstTikTok = await importFile(tiktokCsv, token, 'Order_export.csv');
    expect(firstTikTok).toMatchObject({
      status: 'done',
      format: 'tiktok',
      fileName: 'Order_export.csv',
      bytes: Buffer.byteLength(tiktokCsv),
      rowsRead: lineCount(tiktok),
      ordersCreated: tiktok.length,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      ordersSkipped: 0,
      errors: [],
    });
    expect(firstTikTok.seen.every((s) => ['queued', 'running', 'done'].includes(s))).toBe(true);
    const firstShopify = await importFile(shopifyCsv, token, 'orders_export_1.csv');
    expect(firstShopify).toMatchObject({
      status: 'done',
      format: 'shopify',
      rowsRead: lineCount(store) + 1,
      ordersCreated: store.length,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      ordersSkipped: 1,
      errors: [],
    });
    expect(await storedStatuses(shopId, 'TIKTOK')).toEqual(statusesOf(tiktok));
    expect(await storedStatuses(shopId, 'STORE')).toEqual(statusesOf(store));

    // The same files again: nothing changes.
    const before = await ordersChecksum(shopId);
    expect(await importFile(tiktokCsv, token, 'Order_export.csv')).toMatchObject({
      status: 'done',
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: tiktok.length,
    });
    expect(await importFile(shopifyCsv, token, 'orders_export_1.csv')).toMatchObject({
      status: 'done',
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: store.length,
      ordersSkipped: 1,
    });
    expect(await ordersChecksum(shopId)).toEqual(before);

    // A later Seller Center export: orders 2–9 again, one paid order now Cancelled, one shipped
    // now Completed, and four new ones.
    const paid = tiktok.findIndex((o, i) => i >= 2 && o.status === 'PAID');
    const shipped = tiktok.findIndex((o, i) => i >= 2 && o.status === 'SHIPPED');
    const laterTikTok = tiktok.slice(2, 10).map((o, k) =>
      k + 2 === paid ? { ...o, status: 'CANCELLED' as const } : k + 2 === shipped ? { ...o, status: 'DELIVERED' as const } : o,
    );
    const newTikTok = tiktokOrders(40, 4, ['PAID', 'DELIVERED']);
    const laterRows = [...laterTikTok, ...newTikTok].flatMap((order) => {
      const rows = tiktokExportRows(order, ZONE);
      // Seller Center says Completed for a finished order, as well as Delivered.
      if (order.externalId === tiktok[shipped]!.externalId) for (const row of rows) row[TIKTOK_HEADER.indexOf('Order Status')] = 'Completed';
      return rows;
    });
    const laterTikTokCsv = CSV_BOM + csvLine(TIKTOK_HEADER) + laterRows.map(csvLine).join('');
    expect(await importFile(laterTikTokCsv, token, 'Order_export (1).csv')).toMatchObject({
      status: 'done',
      format: 'tiktok',
      rowsRead: laterRows.length,
      ordersCreated: newTikTok.length,
      ordersUpdated: 2,
      ordersUnchanged: laterTikTok.length - 2,
      errors: [],
    });
    const tiktokNow = { ...statusesOf(tiktok), ...statusesOf(laterTikTok), ...statusesOf(newTikTok) };
    expect(tiktokNow[tiktok[paid]!.externalId]).toBe('CANCELLED');
    expect(tiktokNow[tiktok[shipped]!.externalId]).toBe('DELIVERED');
    expect(await storedStatuses(shopId, 'TIKTOK')).toEqual(tiktokNow);

    // A later Shopify export, sent as a form: a paid order now cancelled, another refunded, two new.
    const storePaid = store.findIndex((o) => o.status === 'PAID');
    const storeShipped = store.findIndex((o) => o.status === 'SHIPPED');
    const laterStore = store.map((o, i) =>
      i === storePaid ? { ...o, status: 'CANCELLED' as const } : i === storeShipped ? { ...o, status: 'REFUNDED' as const } : o,
    );
    const newStore = storeOrders(50, 2, ['PAID']);
    const form = new FormData();
    form.append('file', new Blob([shopifyWithTikTokSource([...laterStore, ...newStore])], { type: 'text/csv' }), 'orders_export_2.csv');
    const response = await fetch(`${env.api.server.url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(202);
    const laterShopify = await imports.finished(((await response.json()) as { id: string }).id, token);
    expect(laterShopify).toMatchObject({
      status: 'done',
      format: 'shopify',
      fileName: 'orders_export_2.csv',
      ordersCreated: newStore.length,
      ordersUpdated: 2,
      ordersUnchanged: store.length - 2,
      ordersSkipped: 1,
      errors: [],
    });
    expect(await storedStatuses(shopId, 'STORE')).toEqual({ ...statusesOf(laterStore), ...statusesOf(newStore) });
    const [{ n }] = await env.db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE shop_id = $1 AND external_id = '#9001'`, [shopId]);
    expect(n).toBe(0);
    expect(await readdir(env.importDir)).toEqual([]);
  });
});

/**
 * 150 invalid rows among valid ones, in three kinds per format: a count that is no number, a
 * status the export does not have, a negative amount. Each row is one order of one line.
 */
const BAD_ROWS = 150;
const BROKEN: Record<'tiktok' | 'shopify', Array<{ column: string; cell: string; says: string }>> = {
  tiktok: [
    { column: 'Quantity', cell: 'lots', says: 'lots' },
    { column: 'Order Status', cell: 'Lost in space', says: 'Lost in space' },
    { column: 'Order Amount', cell: '-5.00', says: 'negative' },
  ],
  shopify: [
    { column: 'Lineitem quantity', cell: 'lots', says: 'lots' },
    { column: 'Financial Status', cell: 'lost', says: 'lost' },
    { column: 'Total', cell: '-5.00', says: 'negative' },
  ],
};

describe.each(['tiktok', 'shopify'] as const)('a %s export with 150 invalid rows', (format) => {
  it(`fails its job with the first ${MAX_IMPORT_ERRORS} errors, by row and column, and writes nothing`, async () => {
    const { shopId, token } = await env.api.createShop();
    const keep = format === 'tiktok' ? tiktokOrders(0, 5, ['PAID']) : storeOrders(0, 5, ['PAID']);
    expect((await importFile(format === 'tiktok' ? tiktokExportCsv(keep, ZONE) : shopifyExportCsv(keep, ZONE), token, 'first.csv')).status).toBe('done');
    const before = await ordersChecksum(shopId);

    const single = (orders: OrderData[]) => orders.map((o) => ({ ...o, lines: o.lines.slice(0, 1) }));
    const orders = single(format === 'tiktok' ? tiktokOrders(100, 200, ['PAID', 'SHIPPED']) : storeOrders(100, 200, ['PAID', 'SHIPPED']));
    const header = format === 'tiktok' ? TIKTOK_HEADER : SHOPIFY_HEADER;
    const rows = orders.map((o) => (format === 'tiktok' ? tiktokExportRows(o, ZONE) : shopifyExportRows(o, ZONE))[0]!);
    // Rows 2, 3, 4 … as the job counts them (the header is row 1): 3 of every 4 broken, 150 in all.
    const expected: Array<{ row: number; column: string; says: string }> = [];
    rows.forEach((cells, i) => {
      if (i % 4 === 3 || expected.length === BAD_ROWS) return;
      const broken = BROKEN[format][expected.length % 3]!;
      cells[(header as readonly string[]).indexOf(broken.column)] = broken.cell;
      expected.push({ row: i + 2, column: broken.column, says: broken.says });
    });
    expect(expected).toHaveLength(BAD_ROWS);
    const csv = (format === 'tiktok' ? CSV_BOM : '') + csvLine(header) + rows.map(csvLine).join('');

    const job = await importFile(csv, token, 'broken.csv');
    expect(job).toMatchObject({ status: 'failed', format, rowsRead: rows.length, ordersCreated: 0, ordersUpdated: 0, ordersUnchanged: 0 });
    expect(job.errors).toHaveLength(MAX_IMPORT_ERRORS);
    expect(job.errors.map((e) => ({ row: e.row, column: e.column }))).toEqual(expected.slice(0, MAX_IMPORT_ERRORS).map(({ row, column }) => ({ row, column })));
    job.errors.slice(0, 6).forEach((error, i) => expect(error.message, `error ${i}`).toContain(expected[i]!.says));
    expect(job.finishedAt).not.toBeNull();
    // GET /api/imports/:id shows the same.
    const { status, body } = await imports.job(job.id, token);
    expect(status).toBe(200);
    expect(body.errors).toEqual(job.errors);
    expect(await ordersChecksum(shopId)).toEqual(before);
    expect(await readdir(env.importDir)).toEqual([]);
  });
});
