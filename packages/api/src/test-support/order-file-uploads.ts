import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSV_BOM, csvLine, type ImportJobView } from '@tiktok-insights/shared';
import { afterAll, beforeAll } from 'vitest';
import { SHOPIFY_HEADER, shopifyExportRows, TIKTOK_HEADER, tiktokExportRows } from '../modules/demo/demo-export-files.js';
import type { OrderData } from '../modules/orders/order-input.js';
import { startTestApi, type TestApi } from './api-client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Order files as sellers download them, and their upload through `POST /api/imports` (spec
 * section 7), for tests that go through the HTTP route end to end.
 */

/** The orders (all TikTok's) as a TikTok Seller Center export: a byte-order mark, CRLF, ids and times ending with a tab. */
export function tiktokExportCsv(orders: readonly OrderData[], timeZone: string): string {
  let csv = CSV_BOM + csvLine(TIKTOK_HEADER);
  for (const order of orders) for (const cells of tiktokExportRows(order, timeZone)) csv += csvLine(cells);
  return csv;
}

/** The orders (none of them TikTok's) as a Shopify order export: the order's own cells on its first row only. */
export function shopifyExportCsv(orders: readonly OrderData[], timeZone: string): string {
  let csv = csvLine(SHOPIFY_HEADER);
  for (const order of orders) for (const cells of shopifyExportRows(order, timeZone)) csv += csvLine(cells);
  return csv;
}

/**
 * The order as the export of its channel can say it, so that the file read back is this order
 * exactly (spec section 7):
 * - TikTok's export has no product id (the product key is its name), no email, and a SKU line
 *   without a Seller SKU gets its numeric SKU ID: the key becomes the name, the email null, a
 *   missing sku `SKU-<key>`.
 * - Shopify's export has no delivered state (a delivered order is a fulfilled one, read back as
 *   SHIPPED), keys a customer by the lower-cased email and a product by its sku: DELIVERED becomes
 *   SHIPPED, the customer's id its email (made from the id when it has none), a product's key its
 *   sku (made from the key when it has none).
 * - A full refund is how Seller Center says REFUNDED, which an order of total 0 cannot say: callers
 *   keep totals above 0 (see `orderTotalCents`).
 */
export function exportableOrder(order: OrderData): OrderData {
  if (order.channel === 'TIKTOK') {
    return {
      ...order,
      customer: { ...order.customer, email: null },
      lines: order.lines.map((line) => ({ ...line, productExternalId: line.productName, sku: line.sku ?? `SKU-${line.productExternalId}` })),
    };
  }
  const email = (order.customer.email ?? `${order.customer.externalId}@example.com`).toLowerCase();
  return {
    ...order,
    status: order.status === 'DELIVERED' ? 'SHIPPED' : order.status,
    customer: { ...order.customer, externalId: email, email },
    lines: order.lines.map((line) => {
      const sku = line.sku ?? `SKU-${line.productExternalId}`;
      return { ...line, productExternalId: sku, sku };
    }),
  };
}

/** What the customer paid: goods − discount + shipping + tax − credit. */
export function orderTotalCents(order: OrderData): number {
  const goods = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return goods - order.discountCents + order.shippingCents + order.taxCents - order.creditCents;
}

/** An import job as `GET /api/imports/:id` shows it, with every status seen while waiting for it. */
export type FinishedImportJob = ImportJobView & { seen: string[] };

/** Uploads and import jobs of one running API. */
export function importsClient(baseUrl: () => string) {
  const upload = (csv: string, token: string, fileName = 'orders.csv', query = '') =>
    fetch(`${baseUrl()}/api/imports?filename=${encodeURIComponent(fileName)}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    });

  const job = async (id: string, token: string): Promise<{ status: number; body: ImportJobView }> => {
    const response = await fetch(`${baseUrl()}/api/imports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as ImportJobView };
  };

  /** Polls the job until it is done or failed (at most `ms`). */
  const finished = async (id: string, token: string, ms = 30_000): Promise<FinishedImportJob> => {
    const seen = new Set<string>();
    const deadline = Date.now() + ms;
    for (;;) {
      const { status, body } = await job(id, token);
      if (status !== 200) throw new Error(`GET /api/imports/${id} answered ${status}: ${JSON.stringify(body)}`);
      seen.add(body.status);
      if (body.status === 'done' || body.status === 'failed') return { ...body, seen: [...seen] };
      if (Date.now() > deadline) throw new Error(`import job ${id} did not finish within ${ms} ms (last seen: ${body.status})`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  };

  /** Uploads the file, expects 202 queued, and waits for the job's end. */
  const importFile = async (csv: string, token: string, fileName = 'orders.csv', ms = 30_000): Promise<FinishedImportJob> => {
    const response = await upload(csv, token, fileName);
    const accepted = (await response.json()) as { id: string; status: string };
    if (response.status !== 202) throw new Error(`POST /api/imports answered ${response.status}: ${JSON.stringify(accepted)}`);
    if (accepted.status !== 'queued') throw new Error(`POST /api/imports answered status ${accepted.status}, not queued`);
    return finished(accepted.id, token, ms);
  };

  return { upload, job, finished, importFile };
}

/** Dashboard figures without what differs between two shops holding the same orders: row ids and the cursors made of them. */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['id', 'cursor', 'startCursor', 'endCursor'].includes(key))
      .map(([key, v]) => [key, withoutIds(v)]),
  );
}

/** A test file's own database and running API with an upload folder of its own: made before its tests, removed after. */
export interface ImportTestEnv {
  db: TestDatabase;
  api: TestApi;
  importDir: string;
}

export function useImportTestEnv(folderPrefix: string): ImportTestEnv {
  const env = {} as ImportTestEnv;
  beforeAll(async () => {
    env.db = await createTestDatabase();
    env.importDir = await mkdtemp(join(tmpdir(), folderPrefix));
    env.api = await startTestApi(env.db.dataSource, { server: { imports: { dir: env.importDir } } });
  });
  afterAll(async () => {
    await env.api?.close();
    await env.db?.drop();
    if (env.importDir) await rm(env.importDir, { recursive: true, force: true });
  });
  return env;
}
