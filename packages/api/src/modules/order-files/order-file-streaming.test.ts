import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { openOrderFile } from './order-file-reader.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const HEADER =
  'order_id,channel,placed_at,status,customer_id,customer_name,email,address_line1,address_line2,city,region,postal_code,country,' +
  'product_id,product_name,sku,quantity,unit_price,tax,shipping,discount,credit\n';
const ROWS = 200_000;

function heapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

it('streams a 200,000-row file in batches without keeping its rows or orders', { timeout: 120_000 }, async () => {
  let produced = 0;
  function* file() {
    yield HEADER;
    // Rows are written in chunks of 100, as a request body arrives.
    for (let chunk = 0; chunk < ROWS / 100; chunk += 1) {
      let text = '';
      for (let i = 0; i < 100; i += 1) {
        const order = Math.floor(produced / 2);
        text +=
          produced % 2 === 0
            ? `ORD-${order},WEBSITE,2025-03-09T19:30:00-05:00,PAID,cust-${order % 5000},Customer ${order},c${order}@example.com,` +
              `${order} Main St,,Austin,TX,78701,US,p-1,Product one,SKU-1,1,"$1,234.50",1.00,2.00,0.50,\n`
            : `ORD-${order},,,,,,,,,,,,,p-2,Product two,SKU-2,3,0.99,,,,\n`;
        produced += 1;
      }
      yield text;
    }
  }
  const reader = await openOrderFile(Readable.from(file(), { objectMode: false, highWaterMark: 16 * 1024 }), {
    timeZone: 'America/Chicago',
  });
  let orders = 0;
  let batches = 0;
  let producedAtFirstBatch = -1;
  let heapEarly = 0;
  let lastOrder = '';
  for await (const batch of reader.batches(500)) {
    if (producedAtFirstBatch < 0) producedAtFirstBatch = produced;
    batches += 1;
    orders += batch.length;
    expect(batch.length).toBeLessThanOrEqual(500);
    // Every order is whole: both of its rows, its amounts exact.
    for (const { order } of batch) {
      expect(order.lines.length).toBe(2);
      expect(order.lines[0]!.unitPriceCents).toBe(123450);
    }
    lastOrder = batch.at(-1)!.order.externalId;
    if (batches === 20) heapEarly = heapMb();
  }
  const heapLate = heapMb();
  expect(reader.errors).toEqual([]);
  expect(reader.rowsRead).toBe(ROWS);
  expect(orders).toBe(ROWS / 2);
  expect(lastOrder).toBe(`ORD-${ROWS / 2 - 1}`);
  expect(batches).toBe(ROWS / 2 / 500);
  // The file is read as the batches are taken, not ahead of them.
  expect(producedAtFirstBatch).toBeLessThan(5_000);
  // 180,000 more rows read after the early sample: the heap grows by the index of order keys only
  // (about 90,000 short strings), not by rows or orders (≈ 100 MB if they were kept).
  expect(heapLate - heapEarly).toBeLessThan(24);
});
