/**
 * The built API (`node dist/main.js`, as `pnpm start` runs it) reads uploaded order files on a
 * thread of its own, whose module the build writes beside the bundle: a file is imported whole,
 * and a file with a bad cell fails naming its row and column and writes nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeOrder } from '../test-support/order-factory.js';
import { TEMPLATE_HEADER, templateCsv } from '../test-support/order-file-csv.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createShopAt, gqlAt, startApiProcess, waitFor, type ApiProcess } from './support.js';

let db: TestDatabase;
let api: ApiProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startApiProcess(db.url);
});

afterAll(async () => {
  api?.child.kill('SIGTERM');
  await api?.exited;
  await db?.drop();
});

async function upload(csv: string, token: string): Promise<Record<string, any>> {
  const response = await fetch(`${api.url}/api/imports?filename=orders.csv`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  return waitFor(
    async () => {
      const job = (await (await fetch(`${api.url}/api/imports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, any>;
      return job.status === 'done' || job.status === 'failed' ? job : null;
    },
    30_000,
    'the import job to end',
    50,
  );
}

const orders = Array.from({ length: 40 }, (_, i) =>
  makeOrder({ externalId: `built-${i}`, channel: i % 4 === 0 ? 'WEBSITE' : 'TIKTOK', placedAt: `2025-04-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00-05:00` }),
);

it('imports an uploaded file through the reader thread, and fails a bad one by row and column with nothing written', async () => {
  const { token } = await createShopAt(api.url, 'Built upload');
  const lines = templateCsv(orders).trimEnd().split('\n');
  const cells = lines[5]!.split(',');
  cells[TEMPLATE_HEADER.split(',').indexOf('quantity')] = 'lots';
  const bad = await upload([...lines.slice(0, 5), cells.join(','), ...lines.slice(6)].join('\n') + '\n', token);
  expect(bad).toMatchObject({ status: 'failed', ordersCreated: 0 });
  expect(bad.errors[0]).toMatchObject({ row: 6, column: 'quantity' });

  const good = await upload(templateCsv(orders), token);
  expect(good).toMatchObject({ status: 'done', ordersCreated: 40, ordersUpdated: 0, errors: [] });
  const counted = await gqlAt(api.url, `{ shop { tiktokInsights(asOf: "2025-04-30") { allTime { totalOrders } } } }`, {}, token);
  expect(counted.data.shop.tiktokInsights.allTime.totalOrders).toBe(orders.filter((o) => o.channel === 'TIKTOK' && o.status !== 'CANCELLED' && o.status !== 'REFUNDED' && o.status !== 'UNPAID').length);
});
