import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { type ImportProblem, parseOrders } from '../orders/domain-order.js';
import { type OrderFileOptions, type OrderFileOrder, openOrderFile } from './order-file-reader.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const CHICAGO = 'America/Chicago';

async function readAll(input: Readable, options: OrderFileOptions = { timeZone: CHICAGO }, batchSize = 2) {
  const reader = await openOrderFile(input, options);
  const orders: OrderFileOrder[] = [];
  for await (const batch of reader.batches(batchSize)) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(batchSize);
    orders.push(...batch);
  }
  return { reader, orders, list: orders.map((o) => o.order) };
}

const readFixture = (name: string, options?: OrderFileOptions) => readAll(createReadStream(fixture(name)), options);
const readText = (text: string, options?: OrderFileOptions) => readAll(Readable.from([Buffer.from(text)]), options);
async function refusal(opening: Promise<unknown>): Promise<AppError> {
  const error = await opening.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const netReceipts = (orders: ReturnType<typeof parseOrders>) => orders.map((o) => o.netReceiptsCents);

describe('TikTok Seller Center order export', () => {
  it('reads every order: lines grouped, amounts in cents, statuses, times in the shop zone', async () => {
    const { reader, orders, list } = await readFixture('tiktok-orders.csv');
    expect(reader.format).toBe('tiktok');
    expect(reader.errors).toEqual([]);
    expect(reader.errorCount).toBe(0);
    expect(reader.rowsRead).toBe(9);
    expect(reader.ordersSkipped).toBe(0);
    expect(orders.map((o) => o.firstRow)).toEqual([2, 4, 5, 6, 8]);
    expect(list[0]).toEqual({
      externalId: '576461413038785001',
      channel: 'TIKTOK',
      placedAt: '2025-03-09T19:30:00-05:00',
      status: 'DELIVERED',
      customer: {
        externalId: 'glowgetter22',
        name: 'Maya Lopez',
        address: { line1: '1100 Congress Ave Apt 4B', line2: null, city: 'Austin', region: 'Texas', postalCode: '78701', country: 'US' },
      },
      lines: [
        { productExternalId: 'Glow Serum 30ml', productName: 'Glow Serum 30ml', sku: 'GS-30', quantity: 2, unitPriceCents: 1999 },
        { productExternalId: 'Free Sample Mini', productName: 'Free Sample Mini', sku: '1729384756099', quantity: 1, unitPriceCents: 0 },
      ],
      taxCents: 320,
      shippingCents: 499,
      discountCents: 500,
      creditCents: 0,
    });
    expect(list.map((o) => o.status)).toEqual(['DELIVERED', 'PAID', 'REFUNDED', 'CANCELLED', 'UNPAID']);
    // 01:30 on 2 Nov 2025 happens twice in Chicago: the first, daylight time.
    expect(list.map((o) => o.placedAt)).toEqual([
      '2025-03-09T19:30:00-05:00',
      '2025-11-02T01:30:00-05:00',
      '2025-03-10T00:05:09-05:00',
      '2025-03-11T09:15:00-05:00',
      '2025-03-31T23:59:59-05:00',
    ]);
    // `$1,234.50`, taxes plus the retail delivery fee, and the payment discount the rows do not itemize as credit.
    expect(list[1]).toMatchObject({ taxCents: 10213, shippingCents: 0, discountCents: 0, creditCents: 3663 });
    expect(list[1]!.lines).toEqual([
      { productExternalId: 'Standing Desk, Oak', productName: 'Standing Desk, Oak', sku: 'DESK-OAK', quantity: 1, unitPriceCents: 123450 },
    ]);
    expect(list[1]!.customer.address.line2).toBe('Suite 300');
    expect(list[4]!.lines.map((l) => [l.sku, l.quantity, l.unitPriceCents])).toEqual([
      ['SOCK-1', 3, 599],
      ['SOCK-2', 1, 799],
      ['SOCK-3', 1, 999],
    ]);
  });

  it('gives orders parseOrders accepts, whose net receipts are the file’s Order Amount', async () => {
    const { list } = await readFixture('tiktok-orders.csv');
    expect(netReceipts(parseOrders(list))).toEqual([4317, 130000, 2564, 3837, 3595]);
  });

  it('reports bad cells on their row and column and yields only the sound orders', async () => {
    const { reader, orders } = await readFixture('tiktok-orders-with-problems.csv');
    expect(reader.errors).toEqual([
      { row: 3, column: 'SKU Unit Original Price', message: 'must not be negative' },
      { row: 4, column: 'Order Status', message: '"Lost in space" is not an order status of the export' },
      { row: 5, column: 'Order Amount', message: 'the order total 12.50 is above goods − discount + shipping + tax = 11.50' },
      { row: 6, column: 'Order ID', message: 'the order of row 2 appears again after other orders; an order\'s rows must be together' },
      { row: 7, column: 'Quantity', message: 'must be a whole number, got "two"' },
      { row: 8, column: 'Order Amount', message: "must be blank or the same as on the order's first row (row 7)" },
    ]);
    expect(reader.errorCount).toBe(6);
    expect(reader.rowsRead).toBe(7);
    expect(orders.map((o) => [o.order.externalId, o.firstRow])).toEqual([['576461413038786001', 2]]);
  });

  const header =
    'Order ID,Order Status,SKU ID,Seller SKU,Product Name,Quantity,SKU Unit Original Price,Order Amount,Created Time,' +
    'Buyer Username,Recipient,Zipcode,Country,State,City,Detail Address,Additional address information\n';
  const row = (created: string) => `1\t,Shipped,9\t,,Cap,1,10.00,10.00,${created}\t,b,B,'08002,USA,New Jersey,Cherry Hill,5 Oak Rd,Apt 1\n`;

  it('reads the Detail Address layout and a time the spring-forward gap skips as the hour after', async () => {
    const { reader, list } = await readText(header + row('03/09/2025 02:30:00 AM'));
    expect(reader.errors).toEqual([]);
    expect(list[0]!.placedAt).toBe('2025-03-09T03:30:00-05:00');
    expect(list[0]!.customer.address).toEqual({
      line1: '5 Oak Rd',
      line2: 'Apt 1',
      city: 'Cherry Hill',
      region: 'New Jersey',
      postalCode: '08002',
      country: 'US',
    });
    expect(list[0]!.lines[0]!.sku).toBe('9');
  });

  it('reads 12 AM and 12 PM and refuses times that are not', async () => {
    const { list } = await readText(header + row('07/04/2025 12:00:00 AM') + row('07/04/2025 12:00:00 PM').replace(/^1/, '2'));
    expect(list.map((o) => o.placedAt)).toEqual(['2025-07-04T00:00:00-05:00', '2025-07-04T12:00:00-05:00']);
    const bad = await readText(header + row('02/30/2025 10:00:00 AM') + row('13:00 PM').replace(/^1/, '2'));
    expect(bad.reader.errors).toEqual([
      { row: 2, column: 'Created Time', message: 'is not a date: day 30 does not exist (February 2025 has 28 days)' },
      { row: 3, column: 'Created Time', message: 'must be a time such as MM/DD/YYYY hh:mm:ss AM or YYYY-MM-DD HH:mm:ss, got "13:00 PM"' },
    ]);
  });
});

describe('Shopify order export', () => {
  it('reads each order from its rows, skipping TikTok-sourced ones', async () => {
    const { reader, orders, list } = await readFixture('shopify-orders.csv');
    expect(reader.format).toBe('shopify');
    expect(reader.errors).toEqual([]);
    expect(reader.rowsRead).toBe(9);
    expect(reader.ordersSkipped).toBe(1);
    expect(orders.map((o) => o.firstRow)).toEqual([2, 5, 6, 7, 10]);
    expect(list[0]).toEqual({
      externalId: '#1001',
      channel: 'WEBSITE',
      placedAt: '2025-03-09T19:30:00-05:00',
      status: 'SHIPPED',
      customer: {
        externalId: 'jane.doe@example.com',
        name: 'Jane Doe',
        email: 'jane.doe@example.com',
        address: { line1: '12 Beacon St Unit 3', line2: null, city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
      },
      lines: [
        { productExternalId: 'DESK-OAK', productName: 'Standing Desk - Oak', sku: 'DESK-OAK', quantity: 1, unitPriceCents: 115000 },
        { productExternalId: 'TRAY-01', productName: 'Cable Tray', sku: 'TRAY-01', quantity: 2, unitPriceCents: 4225 },
        { productExternalId: 'Free Desk Mat', productName: 'Free Desk Mat', sku: null, quantity: 1, unitPriceCents: 0 },
      ],
      taxCents: 10185,
      shippingCents: 600,
      discountCents: 500,
      creditCents: 0,
    });
    expect(list.map((o) => [o.externalId, o.channel, o.status, o.customer.externalId])).toEqual([
      ['#1001', 'WEBSITE', 'SHIPPED', 'jane.doe@example.com'],
      ['#1002', 'APP', 'PAID', '+16175550123'],
      ['#1003', 'FACEBOOK', 'REFUNDED', 'sam@example.org'],
      ['#1004', 'INSTAGRAM', 'CANCELLED', 'rita@example.com'],
      ['#1006', 'OTHER', 'UNPAID', 'order:#1006'],
    ]);
    expect(list[1]).toMatchObject({ placedAt: '2025-03-10T08:05:00-04:00', creditCents: 493, customer: { email: null, name: 'Li Wei' } });
    expect(list[4]!.customer).toEqual({
      externalId: 'order:#1006',
      name: 'Walk In',
      email: null,
      address: { line1: '1 Shop Rd', line2: null, city: 'Austin', region: 'TX', postalCode: '78702', country: 'US' },
    });
    expect(list[4]!.lines).toEqual([{ productExternalId: 'Sticker Pack', productName: 'Sticker Pack', sku: null, quantity: 4, unitPriceCents: 300 }]);
  });

  it('gives orders parseOrders accepts, whose net receipts are the file’s Total', async () => {
    const { list } = await readFixture('shopify-orders.csv');
    expect(netReceipts(parseOrders(list))).toEqual([133735, 6000, 2400, 1500, 1200]);
  });

  it('reports bad cells on their row and column (BOM and CRLF)', async () => {
    const { reader, orders } = await readFixture('shopify-orders-with-problems.csv');
    expect(reader.errors).toEqual([
      { row: 3, column: 'Shipping', message: 'must not be negative' },
      { row: 4, column: 'Financial Status', message: '"settled" is not a financial status of the export' },
      { row: 6, column: 'Lineitem price', message: 'must be an amount such as 1234.50, got "abc"' },
      { row: 7, column: 'Total', message: 'the order total 12.01 is above goods − discount + shipping + tax = 12.00' },
    ]);
    expect(orders.map((o) => o.order.externalId)).toEqual(['#2001']);
  });
});

describe('our template', () => {
  it('maps one to one onto the order, order-level cells from the first row', async () => {
    const { reader, orders, list } = await readFixture('template-orders.csv');
    expect(reader.format).toBe('template');
    expect(reader.errors).toEqual([]);
    expect(reader.rowsRead).toBe(7);
    expect(orders.map((o) => o.firstRow)).toEqual([2, 5, 6, 7, 8]);
    expect(list[0]).toEqual({
      externalId: 'W-100',
      channel: 'WEBSITE',
      placedAt: '2025-03-09T19:30:00-05:00',
      status: 'DELIVERED',
      customer: {
        externalId: 'cust-1',
        name: 'Jane Doe',
        email: 'jane@example.com',
        address: { line1: '12 Beacon St', line2: 'Unit 3', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
      },
      lines: [
        { productExternalId: 'desk-oak', productName: 'Standing Desk - Oak', sku: 'DESK-OAK', quantity: 1, unitPriceCents: 115000 },
        { productExternalId: 'tray-01', productName: 'Cable Tray', sku: 'TRAY-01', quantity: 2, unitPriceCents: 4225 },
        { productExternalId: 'mat-free', productName: 'Free Desk Mat', sku: null, quantity: 1, unitPriceCents: 0 },
      ],
      taxCents: 10185,
      shippingCents: 600,
      discountCents: 500,
      creditCents: 0,
    });
    expect(list.map((o) => [o.channel, o.status])).toEqual([
      ['WEBSITE', 'DELIVERED'],
      ['APP', 'PAID'],
      ['OTHER', 'REFUNDED'],
      ['FACEBOOK', 'CANCELLED'],
      ['INSTAGRAM', 'PAID'],
    ]);
    expect(list[1]!.customer.address).toMatchObject({ line1: '77 Mass Ave Apt 2', country: 'US' });
    expect(list[1]!.creditCents).toBe(493);
    expect(netReceipts(parseOrders(list))).toEqual([133735, 6000, 2400, 1500, 1200]);
  });

  it('reports parseOrders’ problems on the row and column they come from', async () => {
    const { rowErrorsOfProblems } = await import('./order-file-reader.js');
    const text =
      'order_id,channel,placed_at,status,customer_id,customer_name,address_line1,city,region,postal_code,product_id,product_name,quantity,unit_price\n' +
      'A,WEBSITE,2025-03-09T19:30:00-05:00,PAID,c,C,1 A St,Austin,TX,78701,p,P,1,1.00\n' +
      'B,WEBSITE,2025-03-09T19:30:00,PAID,c,C,1 A St,Austin,TX,7870,p,P,1,1.00\n' +
      'B,,,,,,,,,,q,,0,1.00\n';
    const { orders } = await readText(text);
    let problems: ImportProblem[] = [];
    try {
      parseOrders(orders.map((o) => o.order));
    } catch (error) {
      problems = (error as AppError).details.problems as ImportProblem[];
    }
    expect(rowErrorsOfProblems('template', orders, problems)).toEqual([
      { row: 3, column: 'placed_at', message: 'needs a time-zone offset such as Z or -05:00' },
      { row: 3, column: 'postal_code', message: 'must be a US ZIP code (12345 or 12345-6789)' },
      { row: 4, column: 'product_name', message: 'must not be empty' },
      { row: 4, column: 'quantity', message: 'must be at least 1' },
    ]);
  });
});

describe('the header row', () => {
  it('names what each format expects and what it found when it fits none', async () => {
    const appError = await refusal(openOrderFile(Readable.from(['Order,Date,Amount\n1,2,3\n']), { timeZone: CHICAGO }));
    expect(appError.code).toBe('BAD_USER_INPUT');
    expect(appError.details.found).toEqual(['Order', 'Date', 'Amount']);
    const expected = appError.details.expected as Record<string, string[]>;
    expect(Object.keys(expected)).toEqual(['tiktok', 'shopify', 'template']);
    expect(expected.tiktok).toEqual(expect.arrayContaining(['Order ID', 'Order Status', 'SKU ID', 'Quantity', 'Created Time', 'Order Amount']));
    expect(expected.shopify).toEqual(expect.arrayContaining(['Name', 'Financial Status', 'Lineitem quantity', 'Lineitem price', 'Created at']));
    expect(expected.template).toEqual(expect.arrayContaining(['order_id', 'placed_at', 'unit_price']));
    expect(appError.message).toContain('matches no known order file format');
    expect(appError.message).toContain('TikTok Seller Center order export (tiktok): Order ID, Order Status, SKU ID');
    expect(appError.message).toContain('Found: Order, Date, Amount.');
  });

  it('checks a given format against the header', async () => {
    const error = await refusal(openOrderFile(createReadStream(fixture('tiktok-orders.csv')), { format: 'shopify', timeZone: CHICAGO }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('looks like a Shopify order export but lacks Name, Financial Status');
  });

  it('refuses an empty file', async () => {
    const error = await refusal(openOrderFile(Readable.from([]), { timeZone: CHICAGO }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details.found).toEqual([]);
    expect(error.message).toContain('The file has no header row.');
  });
});

describe('rows', () => {
  const head = 'order_id,channel,placed_at,status,customer_id,customer_name,address_line1,city,region,postal_code,product_id,product_name,quantity,unit_price\n';
  const line = (id: string, price = '1.00') => `${id},WEBSITE,2025-03-09T19:30:00-05:00,PAID,c,C,1 A St,Austin,TX,78701,p,P,1,${price}\n`;

  it('keeps the first maxErrors problems and counts them all', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => line(`O${i}`, '-1')).join('');
    const { reader, orders } = await readText(head + rows, { timeZone: CHICAGO, maxErrors: 100 });
    expect(orders).toEqual([]);
    expect(reader.errors).toHaveLength(100);
    expect(reader.errorCount).toBe(150);
    expect(reader.errors[99]).toEqual({ row: 101, column: 'unit_price', message: 'must not be negative' });
  });

  it('counts blank lines as rows and skips them; a blank key, extra cells and broken CSV are problems', async () => {
    const text = `${head}${line('A')}\n,,,\n${line('B').replace(/^B/, '')}${line('C').trim()},extra\n${line('D')}"unclosed,`;
    const { reader, orders } = await readText(text);
    // The unreadable last row may have been D's: D is not yielded.
    expect(orders.map((o) => [o.order.externalId, o.firstRow])).toEqual([['A', 2]]);
    expect(reader.errors.map((e) => [e.row, e.column])).toEqual([
      [5, 'order_id'],
      [6, ''],
      [8, ''],
    ]);
    expect(reader.errors[1]!.message).toBe('has 15 cells; the header has 14 columns');
    expect(reader.errors[2]!.message).toBe('is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 8');
  });

  it('reports a record csv-parse cannot read on its row and stops there', async () => {
    const text = `${head}${line('A')}${line('B')}"C"x${line('C').slice(1)}${line('D')}`;
    const { reader, orders } = await readText(text);
    expect(reader.errors).toEqual([
      { row: 4, column: '', message: 'is not valid CSV: Invalid Closing Quote: found non trimable byte after quote at line 4' },
    ]);
    // B may have gone on in the unreadable row: only A is sound.
    expect(orders.map((o) => o.order.externalId)).toEqual(['A']);
    expect(reader.rowsRead).toBe(3);
  });
});
