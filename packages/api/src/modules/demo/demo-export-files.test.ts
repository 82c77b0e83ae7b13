import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDateTime } from '@tiktok-insights/shared';
import { openOrderFile, type OrderFileOrder } from '../order-files/order-file-reader.js';
import { parseOrders } from '../orders/domain-order.js';
import type { OrderData } from '../orders/order-input.js';
import { writeDemoExportFiles, type DemoExportFiles } from './demo-export-files.js';
import { generateDemo, type DemoOptions } from './demo-generator.js';

const OPTIONS: DemoOptions = { seed: 7, timeZone: 'America/Chicago', endDay: '2025-03-31', days: 90, tiktokOrders: 250, storeOrders: 250, products: 40 };

let dir: string;
let files: DemoExportFiles;
const generated = generateDemo(OPTIONS).orders;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-export-'));
  files = await writeDemoExportFiles(dir, OPTIONS);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, format: 'tiktok' | 'shopify') {
  const input = createReadStream(path);
  try {
    const reader = await openOrderFile(input, { timeZone: OPTIONS.timeZone! });
    expect(reader.format).toBe(format);
    const orders: OrderFileOrder[] = [];
    for await (const batch of reader.batches(100)) orders.push(...batch);
    expect(reader.errors).toEqual([]);
    expect(reader.errorCount).toBe(0);
    return { orders: orders.map((o) => o.order), rowsRead: reader.rowsRead, skipped: reader.ordersSkipped };
  } finally {
    input.destroy();
  }
}

/** The order as each export can say it: what the file's reader must give back. */
function asExported(order: OrderData): OrderData {
  if (order.channel === 'TIKTOK') {
    const { email: _none, ...customer } = order.customer;
    // Seller Center's export has no product id: the product is its name.
    return { ...order, customer, lines: order.lines.map((l) => ({ ...l, productExternalId: l.productName })) };
  }
  return {
    ...order,
    // Shopify says fulfilled, not delivered; its customer is the e-mail address.
    status: order.status === 'DELIVERED' ? 'SHIPPED' : order.status,
    customer: { ...order.customer, externalId: order.customer.email!.toLowerCase(), email: order.customer.email!.toLowerCase() },
    lines: order.lines.map((l) => ({ ...l, productExternalId: l.sku ?? l.productName })),
  };
}

/** Times compared as instants: a file writes them in its own way. */
const sameInstants = (orders: OrderData[]) => orders.map((o) => ({ ...o, placedAt: parseIsoDateTime(o.placedAt).getTime() }));

describe('the demo as TikTok Seller Center and Shopify exports', () => {
  it('writes every generated order once, TikTok ones in the Seller Center file, the others in the Shopify file', () => {
    expect(files.tiktokOrders).toBe(generated.filter((o) => o.channel === 'TIKTOK').length);
    expect(files.shopifyOrders).toBe(generated.filter((o) => o.channel !== 'TIKTOK').length);
    expect(files.tiktokOrders).toBeGreaterThan(100);
    expect(files.shopifyOrders).toBeGreaterThan(100);
    // The demo's store buyers all have an e-mail address: Shopify's customer key.
    expect(generated.filter((o) => o.channel !== 'TIKTOK' && !o.customer.email)).toEqual([]);
  });

  it('has the quirks of real exports: tabs after TikTok ids and times, dollar amounts, Shopify order cells on first rows only', async () => {
    const tiktok = await readFile(files.tiktokFile, 'utf8');
    const [header, first] = tiktok.split('\r\n');
    expect(header!.startsWith('\uFEFFOrder ID,Order Status,')).toBe(true);
    expect(first).toMatch(/^\d{18}\t,/);
    expect(first).toMatch(/,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (AM|PM)\t,/);
    expect(first).toMatch(/,\$\d+\.\d{2},/);

    const shopify = (await readFile(files.shopifyFile, 'utf8')).split('\r\n');
    const columns = shopify[0]!.split(',');
    const multiLine = generated.find((o) => o.channel !== 'TIKTOK' && o.lines.length > 1)!;
    const rows = shopify.filter((line) => line.startsWith(`${multiLine.externalId},`)).map((line) => line.split(','));
    expect(rows.length).toBe(multiLine.lines.length);
    const total = columns.indexOf('Total');
    const email = columns.indexOf('Email');
    expect(rows[0]![total]).not.toBe('');
    expect(rows[0]![email]).toBe(multiLine.customer.email);
    for (const row of rows.slice(1)) {
      expect(row[total]).toBe('');
      expect(row[email]).toBe('');
    }
    expect(rows[0]![columns.indexOf('Shipping Zip')]).toBe(`'${multiLine.customer.address.postalCode}`);
  });

  it('reads back through openOrderFile as the same orders, net receipts the generated ones, to the cent', async () => {
    const tiktok = await readAll(files.tiktokFile, 'tiktok');
    const shopify = await readAll(files.shopifyFile, 'shopify');
    expect(tiktok.skipped).toBe(0);
    expect(shopify.skipped).toBe(0);
    const wanted = (channel: 'tiktok' | 'store') => generated.filter((o) => (o.channel === 'TIKTOK') === (channel === 'tiktok'));
    expect(tiktok.rowsRead).toBe(wanted('tiktok').reduce((n, o) => n + o.lines.length, 0));
    expect(shopify.rowsRead).toBe(wanted('store').reduce((n, o) => n + o.lines.length, 0));

    expect(sameInstants(tiktok.orders)).toEqual(sameInstants(wanted('tiktok').map(asExported)));
    expect(sameInstants(shopify.orders)).toEqual(sameInstants(wanted('store').map(asExported)));

    const netOf = (orders: OrderData[]) => parseOrders(orders).map((o) => o.netReceiptsCents);
    expect(netOf(tiktok.orders)).toEqual(netOf(wanted('tiktok')));
    expect(netOf(shopify.orders)).toEqual(netOf(wanted('store')));
  });
});
