import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records';
import { importProgress, formatTimeLeft } from './import-progress';
import { detectFormat, HeaderColumns, TEMPLATE_COLUMNS } from './order-file-formats';
import { amountCents, previewOrderFile } from './order-file-preview';
import { countOrderFile, notCsvReason } from './order-file-reading';
import { templateFileText } from './template-file';

import insightsSpec from '../../../../../docs/contract/insights-spec.md?raw';
import shopifyOrders from '../../../../api/src/modules/order-files/fixtures/shopify-orders.csv?raw';
import templateOrders from '../../../../api/src/modules/order-files/fixtures/template-orders.csv?raw';
import tiktokOrders from '../../../../api/src/modules/order-files/fixtures/tiktok-orders.csv?raw';

/** The API's reader fixtures: real layouts of each export. */
const FIXTURES: Record<string, string> = { 'shopify-orders.csv': shopifyOrders, 'template-orders.csv': templateOrders, 'tiktok-orders.csv': tiktokOrders };
const fixture = (name: string) => FIXTURES[name]!;
const spec = () => insightsSpec;

/** The text in chunks of `size` characters: records and cells cut anywhere. */
async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function counts(text: string, size = 7) {
  const preview = previewOrderFile(text, { complete: true });
  if (preview.kind !== 'orders') throw new Error(preview.message);
  return countOrderFile(chunksOf(text, size), preview.format, preview.columns);
}

describe('reading CSV as the API does', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes, a quote inside an unquoted cell, CRLF and a BOM', () => {
    const records = csvRecords('\uFEFFa, b ,c\r\n"x, ""y""",12" ring light,"two\nlines"\r\n\r\n  "q"  ,,last');
    expect(records.map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['x, "y"', '12" ring light', 'two\nlines'],
      [''],
      ['q', '', 'last'],
    ]);
    expect(records.map((r) => r.blank)).toEqual([false, false, true, false]);
  });

  it('reads the same records whatever the chunks', async () => {
    const text = fixture('tiktok-orders.csv');
    for (const size of [1, 2, 3, 64, 100_000]) expect(await counts(text, size), `chunks of ${size}`).toEqual(await counts(text, 1_000_000));
  });
});

describe('format detection', () => {
  it('recognises each export by the spec’s columns, whatever their case and spacing', () => {
    expect(detectFormat(new HeaderColumns(csvRecords(fixture('tiktok-orders.csv'))[0]!.cells))?.format).toBe('tiktok');
    expect(detectFormat(new HeaderColumns(csvRecords(fixture('shopify-orders.csv'))[0]!.cells))?.format).toBe('shopify');
    expect(detectFormat(new HeaderColumns(csvRecords(fixture('template-orders.csv'))[0]!.cells))?.format).toBe('template');
    expect(detectFormat(new HeaderColumns(['order id', ' ORDER STATUS', 'SKU  ID', 'quantity', 'Created Time', 'Order Amount']))?.format).toBe('tiktok');
    expect(detectFormat(new HeaderColumns(['Name', 'Financial Status', 'Lineitem quantity', 'Created at']))).toBeNull();
  });

  it('offers the template with exactly the header of spec section 7', () => {
    const header = /header\s+`([a-z0-9_,]+)`/.exec(spec())![1]!;
    expect(TEMPLATE_COLUMNS.join(',')).toBe(header);
    expect(templateFileText()).toBe(`${header}\r\n`);
    expect(previewOrderFile(templateFileText(), { complete: true })).toMatchObject({ kind: 'orders', orders: [] });
  });

  it('refuses an unknown header naming what each format expects and what was found', () => {
    const preview = previewOrderFile('colour,size\nred,M\n', { complete: true });
    expect(preview.kind).toBe('refused');
    const message = (preview as { message: string }).message;
    expect(message).toContain('The header row matches no known order file format.');
    expect(message).toContain('TikTok Seller Center order export (tiktok): Order ID, Order Status, SKU ID, Quantity, Created Time, Order Amount');
    expect(message).toContain('Shopify order export (shopify): Name, Financial Status, Lineitem quantity, Lineitem price, Created at');
    expect(message).toContain('Found: colour, size.');
    expect((previewOrderFile('', { complete: true }) as { message: string }).message).toContain('The file has no header row.');
  });

  it('tells a workbook, a binary file or other text from a CSV file', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(notCsvReason('orders.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatch(/not a CSV file: it looks like an Excel workbook/);
    expect(notCsvReason('orders.csv', new Uint8Array([0x4f, 0, 0x49]))).toMatch(/holds binary data/);
    expect(notCsvReason('orders.csv', new Uint8Array([0x4f, 0xff, 0xfe, 0x49]))).toMatch(/not a CSV file in UTF-8 text/);
    expect(notCsvReason('orders.pdf', bytes('%PDF-1.7'))).toMatch(/not a CSV file/);
    expect(notCsvReason('empty.csv', new Uint8Array())).toMatch(/is empty/);
    expect(notCsvReason('orders.csv', bytes('Name,Total\n#1,€5'))).toBeNull();
    // A character cut off at the end of what was read is not a problem.
    expect(notCsvReason('orders.csv', bytes('Name,€').slice(0, 6))).toBeNull();
  });
});

describe('the preview’s first orders', () => {
  it('maps a TikTok export’s orders (rows grouped by Order ID) to id, date, customer and total', () => {
    const preview = previewOrderFile(fixture('tiktok-orders.csv'), { complete: true, maxOrders: 2 });
    expect(preview).toMatchObject({ kind: 'orders', format: { format: 'tiktok', title: 'TikTok Seller Center order export' } });
    const orders = (preview as Extract<typeof preview, { kind: 'orders' }>).orders;
    expect(orders[0]).toEqual({
      orderId: '576461413038785001',
      placedAt: '03/09/2025 07:30:00 PM',
      customer: 'Maya Lopez',
      totalCents: 4317,
      lines: 2,
      skipped: false,
    });
    expect(orders).toHaveLength(2);
  });

  it('maps a Shopify export, money with thousands separators, and marks TikTok-source orders skipped', () => {
    const preview = previewOrderFile(fixture('shopify-orders.csv'), { complete: true, maxOrders: 20 });
    const orders = (preview as Extract<typeof preview, { kind: 'orders' }>).orders;
    expect(orders[0]).toMatchObject({ orderId: '#1001', placedAt: '2025-03-09 19:30:00 -0500', customer: 'Jane Doe', totalCents: 133735 });
    const sources = csvRecords(fixture('shopify-orders.csv'));
    const columns = new HeaderColumns(sources[0]!.cells);
    const tiktokNames = new Set(sources.slice(1).filter((r) => /tiktok/i.test(columns.cell(r, 'Source'))).map((r) => columns.cell(r, 'Name')));
    expect(tiktokNames.size).toBeGreaterThan(0);
    expect(orders.filter((o) => o.skipped).map((o) => o.orderId)).toEqual([...tiktokNames]);
  });

  it('adds up a template order’s total from its lines, discount, shipping, tax and credit', () => {
    const preview = previewOrderFile(fixture('template-orders.csv'), { complete: true });
    const orders = (preview as Extract<typeof preview, { kind: 'orders' }>).orders;
    // W-100: 1,150.00 + 2 × 42.25 + 0.00 − 5.00 + 6.00 + 101.85; A-7: 2 × 29.99 + 4.95 − 4.93.
    expect(orders.map((o) => [o.orderId, o.totalCents, o.lines, o.customer])).toEqual([
      ['W-100', 115000 + 8450 - 500 + 600 + 10185, 3, 'Jane Doe'],
      ['A-7', 5998 + 495 - 493, 1, 'Li Wei'],
      ['R-1', 2000 + 400, 1, 'Sam Reed'],
      ['C-1', 1500, 1, 'Rita Moss'],
      ['U-1', 1200, 1, 'Walk In'],
    ]);
  });

  it('leaves out an order whose rows may go on past the text read', () => {
    const text = fixture('template-orders.csv');
    const cut = text.slice(0, text.indexOf('W-100,,,,,,,,,,,,,mat-free'));
    expect((previewOrderFile(cut, { complete: false }) as { orders: unknown[] }).orders).toEqual([]);
    expect((previewOrderFile(cut, { complete: true }) as { orders: Array<{ lines: number }> }).orders[0]!.lines).toBe(2);
  });

  it('reads amounts exactly, to the cent', () => {
    expect(amountCents('$1,234.50')).toBe(123450);
    expect(amountCents('0.1')).toBe(10);
    expect(amountCents('19.99')).toBe(1999);
    expect(amountCents('')).toBe(0);
    expect(amountCents('1.005')).toBeNull();
    expect(amountCents('-1.00')).toBeNull();
    expect(amountCents('lots')).toBeNull();
  });
});

describe('counting a file by streaming it', () => {
  it('counts rows (as the job’s rowsRead), lines and orders of each fixture', async () => {
    expect(await counts(fixture('template-orders.csv'))).toEqual({ rows: 7, lines: 7, orders: 5 });
    const tiktok = fixture('tiktok-orders.csv');
    const records = csvRecords(tiktok).slice(1);
    const columns = new HeaderColumns(csvRecords(tiktok)[0]!.cells);
    const orderIds = new Set(records.filter((r) => !r.blank).map((r) => columns.cell(r, 'Order ID')));
    expect(await counts(tiktok)).toEqual({ rows: records.length, lines: records.filter((r) => !r.blank).length, orders: orderIds.size });
  });

  it('counts a file of 20,000 orders in chunks, keeping only the order key', async () => {
    const lines = [TEMPLATE_COLUMNS.join(',')];
    for (let i = 0; i < 20_000; i += 1) {
      lines.push(`O-${i},WEBSITE,2025-03-09T19:30:00-05:00,PAID,c-${i},"Buyer, ${i}",,"1 Main St\nApt ${i}",,Austin,TX,78701,US,p-1,Mug,,1,10.00,,,,`);
      if (i % 2 === 0) lines.push(`O-${i},,,,,,,,,,,,,p-2,Cup,,2,5.00,,,,`);
    }
    expect(await counts(lines.join('\r\n') + '\r\n', 65_536)).toEqual({ rows: 30_000, lines: 30_000, orders: 20_000 });
  });
});

describe('progress of a running import', () => {
  it('gives the fraction read, the pace since the first look and the time left at that pace', () => {
    const samples = [
      { at: 1_000, rowsRead: 0 },
      { at: 2_000, rowsRead: 5_000 },
      { at: 3_000, rowsRead: 10_000 },
    ];
    expect(importProgress(samples, 40_000)).toEqual({ fraction: 0.25, rowsPerSecond: 5_000, secondsLeft: 6 });
    expect(importProgress(samples, null)).toEqual({ fraction: null, rowsPerSecond: 5_000, secondsLeft: null });
    expect(importProgress(samples.slice(0, 1), 40_000)).toEqual({ fraction: 0, rowsPerSecond: null, secondsLeft: null });
    expect(importProgress([], 0)).toEqual({ fraction: 1, rowsPerSecond: null, secondsLeft: null });
    expect(formatTimeLeft(6)).toBe('about 6 s');
    expect(formatTimeLeft(125)).toBe('about 2 min 5 s');
    expect(formatTimeLeft(0.2)).toBe('a moment');
  });
});
