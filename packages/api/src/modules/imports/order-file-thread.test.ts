import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { OrderFileThread } from './order-file-thread.js';

const HEADER =
  'order_id,channel,placed_at,status,customer_id,customer_name,email,address_line1,address_line2,city,region,postal_code,country,' +
  'product_id,product_name,sku,quantity,unit_price,tax,shipping,discount,credit\n';
const row = (order: number, quantity = '1', postalCode = '78701') =>
  `ORD-${order},WEBSITE,2025-03-09T19:30:00-05:00,PAID,cust-${order % 50},Customer ${order % 50},c@example.com,` +
  `${order} Main St,,Austin,TX,${postalCode},US,p-1,Product one,SKU-1,${quantity},12.50,1.00,2.00,0.50,\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'order-file-thread-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileOf(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const request = (path: string, ordersPerBatch = 40) => ({ path, format: 'template' as const, timeZone: 'America/Chicago', maxErrors: 100, ordersPerBatch });

it('hands over a file as checked batches, one asked for at a time, and how it read', async () => {
  const path = await fileOf('good.csv', HEADER + Array.from({ length: 100 }, (_, i) => row(i)).join(''));
  const thread = new OrderFileThread(request(path));
  const sizes: number[] = [];
  for await (const batch of thread.batches()) {
    sizes.push(batch!.length);
    expect(batch![0]!.lines[0]!.unitPriceCents).toBe(1250);
    expect(batch![0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(sizes).toEqual([40, 40, 20]);
  expect(thread.end).toEqual({ rowsRead: 100, ordersSkipped: 0, errors: [], invalid: false });
});

it('gives null for batches once the file has a problem, and its problems by row and column at the end', async () => {
  const rows = Array.from({ length: 100 }, (_, i) => row(i, i === 49 ? 'lots' : i === 90 ? '-2' : '1'));
  const thread = new OrderFileThread(request(await fileOf('bad.csv', HEADER + rows.join(''))));
  const batches = [];
  for await (const batch of thread.batches()) batches.push(batch === null ? null : batch.length);
  expect(batches).toEqual([40, null, null]);
  expect(thread.end!.invalid).toBe(true);
  expect(thread.end!.errors.map((e) => [e.row, e.column])).toEqual([
    [51, 'quantity'],
    [92, 'quantity'],
  ]);
});

it('sends a batch larger than one message whole, and reports the problems of all of its parts', async () => {
  const good = new OrderFileThread(request(await fileOf('large.csv', HEADER + Array.from({ length: 1200 }, (_, i) => row(i)).join('')), 2000));
  const sizes: number[] = [];
  const ids = new Set<string>();
  for await (const batch of good.batches()) {
    sizes.push(batch!.length);
    for (const order of batch!) ids.add(order.externalId);
  }
  expect(sizes).toEqual([1200]);
  expect(ids.size).toBe(1200);

  // ZIP codes the order checks refuse, in the first and the second part of the same batch.
  const rows = Array.from({ length: 1200 }, (_, i) => row(i, '1', i === 100 || i === 900 ? 'ABCDE' : '78701'));
  const bad = new OrderFileThread(request(await fileOf('large-bad.csv', HEADER + rows.join('')), 2000));
  const batches = [];
  for await (const batch of bad.batches()) batches.push(batch);
  expect(batches).toEqual([null]);
  expect(bad.end!.errors.map((e) => [e.row, e.column])).toEqual([
    [102, 'postal_code'],
    [902, 'postal_code'],
  ]);
});

it('ends the thread on close, even before a batch was asked for', async () => {
  const thread = new OrderFileThread(request(await fileOf('closed.csv', HEADER + row(1))));
  await thread.close();
  const read = (async () => {
    for await (const _ of thread.batches());
  })();
  await expect(read).rejects.toThrow('the order file reader stopped');
});

it('refuses an unknown header with BAD_USER_INPUT naming the columns', async () => {
  const thread = new OrderFileThread(request(await fileOf('header.csv', 'id,when\n1,today\n')));
  const read = (async () => {
    for await (const _ of thread.batches());
  })();
  await expect(read).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('Found: id, when') });
});

it('refuses a file whose orders outgrow the reader heap with BAD_USER_INPUT, instead of stopping the process', { timeout: 120_000 }, async () => {
  let text = HEADER;
  const parts: string[] = [];
  for (let i = 0; i < 400_000; i += 1) parts.push(row(i));
  text += parts.join('');
  const thread = new OrderFileThread(request(await fileOf('huge.csv', text)), 24);
  let error: unknown;
  try {
    for await (const _ of thread.batches());
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('split it into smaller files') });
});
