import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-stream';
import { importProgress, formatTimeLeft } from './import-progress';
import { detectFormat, HeaderColumns, TEMPLATE_COLUMNS } from './order-file-formats';
import { amountCents } from './order-file-preview';
import { type FileCheck, notCsvReason, type OrderFileReadOptions, readOrderFile, textChunks } from './order-file-reading';
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

/** Every record of a text as the page's reader hands them on, in chunks of `size` after a first chunk of `first`. */
async function records(text: string, { size = 7, first = 16 }: { size?: number; first?: number } = {}): Promise<string[][]> {
  const read: string[][] = [];
  await readCsvRecords(chunksOf(text, size), (cells) => void read.push(cells), { firstChunkCharacters: first });
  return read;
}

/** A file's reading (preview and counts), its text in chunks of `size`. */
async function reading(text: string, size = 7, options: OrderFileReadOptions = {}) {
  // The first chunk holds the header row and a line break: papaparse settles the line ending from it.
  return readOrderFile(chunksOf(text, size), { firstChunkCharacters: 2048, ...options });
}

async function counts(text: string, size = 7) {
  const read = await reading(text, size);
  if (read.kind !== 'orders') throw new Error(read.message);
  return read.counts;
}

async function previewOf(text: string, options: OrderFileReadOptions = {}) {
  const read = await reading(text, 64, options);
  if (read.kind !== 'orders') throw new Error(read.message);
  return read.orders;
}

/** The records of a small text, read by papaparse at once (the tests' own look at the fixtures). */
const parsed = (text: string): string[][] => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true }).data;

describe('reading CSV as the API does', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes, a quote inside an unquoted cell, CRLF and a BOM', async () => {
    const text = '\uFEFFa, b ,c\r\n"x, ""y""",12" ring light,"two\r\nlines" \r\n\r\n\t"q",,last\t\r\n';
    for (const size of [1, 2, 5, 1000]) {
      expect(await records(text, { size, first: size }), `chunks of ${size}`).toEqual([
        ['a', ' b ', 'c'],
        ['x, "y"', '12" ring light', 'two\r\nlines'],
        [''],
        // A quote after spaces or tabs is text (RFC 4180; the API's csv-parse `trim` would unquote it).
        ['\t"q"', '', 'last\t'],
      ]);
    }
  });

  it('reads LF and CR line endings, and no record after a final line break', async () => {
    expect(await records('a,b\n"c\nd",e\n\n')).toEqual([['a', 'b'], ['c\nd', 'e'], ['']]);
    expect(await records('a,b\rc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    // Spaces after the last line break are a (blank) record.
    expect(await records('a,b\r\nc,d\r\n  ')).toEqual([['a', 'b'], ['c', 'd'], ['  ']]);
    expect(await records('')).toEqual([]);
  });

  it('keeps the line ending of the file’s first chunk: a lone LF inside a CRLF file is text of its cell', async () => {
    // As the API's reader does (csv-parse settles the record delimiter on the first it meets).
    expect(await records('a,b\r\nc\nd,e\r\n', { first: 100 })).toEqual([['a', 'b'], ['c\nd', 'e']]);
  });

  it('reads the text of a File’s stream, decoded as UTF-8 across chunk boundaries, BOM dropped', async () => {
    const text = '\uFEFFName,Total\r\n#1,€5\r\n"#2","Zoë, ""the"" buyer"\r\n';
    // Node's Blob: jsdom's has no stream(). Chunks of 3 bytes cut the multi-byte characters.
    const { Blob: NodeBlob } = await import('node:buffer');
    const bytes = new TextEncoder().encode(text);
    const parts = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.slice(i * 3, i * 3 + 3));
    const file = new NodeBlob(parts) as unknown as Blob;
    const read: string[][] = [];
    await readCsvRecords(textChunks(file), (cells) => void read.push(cells), { firstChunkCharacters: 1 });
    expect(read).toEqual([['Name', 'Total'], ['#1', '€5'], ['#2', 'Zoë, "the" buyer']]);
  });

  it('stops when told to, and when its signal aborts', async () => {
    const seen: string[] = [];
    await readCsvRecords(chunksOf('a\nb\nc\nd\n', 1), (cells) => (seen.push(cells[0]!), cells[0] !== 'b'), { firstChunkCharacters: 2 });
    expect(seen).toEqual(['a', 'b']);
    const controller = new AbortController();
    const reason = new Error('replaced by another file');
    const read = readCsvRecords(chunksOf('a\nb\nc\nd\n', 1), (cells) => {
      if (cells[0] === 'b') controller.abort(reason);
    }, { firstChunkCharacters: 2, signal: controller.signal });
    await expect(read).rejects.toBe(reason);
  });

  it('reads the same counts whatever the chunks', async () => {
    const text = fixture('tiktok-orders.csv');
    for (const size of [1, 2, 3, 64, 100_000]) expect(await counts(text, size), `chunks of ${size}`).toEqual(await counts(text, 1_000_000));
  });
});

describe('format detection', () => {
  it('recognises each export by the spec’s columns, whatever their case and spacing', () => {
    expect(detectFormat(new HeaderColumns(parsed(fixture('tiktok-orders.csv'))[0]!))?.format).toBe('tiktok');
    expect(detectFormat(new HeaderColumns(parsed(fixture('shopify-orders.csv'))[0]!))?.format).toBe('shopify');
    expect(detectFormat(new HeaderColumns(parsed(fixture('template-orders.csv'))[0]!))?.format).toBe('template');
    expect(detectFormat(new HeaderColumns(['order id', ' ORDER STATUS', 'SKU  ID', 'quantity', 'Created Time', 'Order Amount']))?.format).toBe('tiktok');
    expect(detectFormat(new HeaderColumns(['Name', 'Financial Status', 'Lineitem quantity', 'Created at']))).toBeNull();
  });

  it('offers the template with exactly the header of spec section 7', async () => {
    const header = /header\s+`([a-z0-9_,]+)`/.exec(spec())![1]!;
    expect(TEMPLATE_COLUMNS.join(',')).toBe(header);
    expect(templateFileText()).toBe(`${header}\r\n`);
    expect(await reading(templateFileText())).toMatchObject({ kind: 'orders', orders: [], counts: { rows: 0, lines: 0, orders: 0 } });
  });

  it('refuses an unknown header naming what each format expects and what was found, without reading on', async () => {
    const previews: FileCheck[] = [];
    const pulled: string[] = [];
    async function* pulling() {
      for (const chunk of ['colour,size\nred,M\n', 'blue,L\n', 'green,S\n']) {
        pulled.push(chunk);
        yield chunk;
      }
    }
    const read = await readOrderFile(pulling(), { firstChunkCharacters: 1, onPreview: (p) => previews.push(p) });
    expect(read.kind).toBe('refused');
    expect(previews).toEqual([read]);
    expect(pulled.length).toBeLessThan(3);
    const message = (read as { message: string }).message;
    expect(message).toContain('The header row matches no known order file format.');
    expect(message).toContain('TikTok Seller Center order export (tiktok): Order ID, Order Status, SKU ID, Quantity, Created Time, Order Amount');
    expect(message).toContain('Shopify order export (shopify): Name, Financial Status, Lineitem quantity, Lineitem price, Created at');
    expect(message).toContain('Found: colour, size.');
    expect(((await reading('')) as { message: string }).message).toContain('The file has no header row.');
    expect(((await reading('\r\norder_id\r\n')) as { message: string }).message).toContain('The file has no header row.');
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
  it('maps a TikTok export’s orders (rows grouped by Order ID) to id, date, customer and total', async () => {
    const read = await reading(fixture('tiktok-orders.csv'), 64, { maxOrders: 2 });
    expect(read).toMatchObject({ kind: 'orders', format: { format: 'tiktok', title: 'TikTok Seller Center order export' } });
    const orders = (read as Extract<typeof read, { kind: 'orders' }>).orders;
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

  it('hands the preview on as soon as its orders are read, before the count ends', async () => {
    const previews: Array<{ orders: number; rowsCountedYet: boolean }> = [];
    let read = 0;
    const text = fixture('tiktok-orders.csv');
    const total = await readOrderFile(chunksOf(text, 64), {
      firstChunkCharacters: 2048,
      maxOrders: 1,
      onProgress: (characters) => (read = characters),
      onPreview: (preview) => previews.push({ orders: (preview as { orders: unknown[] }).orders.length, rowsCountedYet: read >= text.length }),
    });
    expect(previews).toEqual([{ orders: 1, rowsCountedYet: false }]);
    expect(read).toBe(text.length);
    expect(total.kind === 'orders' && total.counts.orders).toBeGreaterThan(1);
  });

  it('maps a Shopify export, money with thousands separators, and marks TikTok-source orders skipped', async () => {
    const orders = await previewOf(fixture('shopify-orders.csv'), { maxOrders: 20 });
    expect(orders[0]).toMatchObject({ orderId: '#1001', placedAt: '2025-03-09 19:30:00 -0500', customer: 'Jane Doe', totalCents: 133735 });
    const sources = parsed(fixture('shopify-orders.csv'));
    const columns = new HeaderColumns(sources[0]!);
    const tiktokNames = new Set(sources.slice(1).filter((r) => /tiktok/i.test(columns.cell(r, 'Source'))).map((r) => columns.cell(r, 'Name')));
    expect(tiktokNames.size).toBeGreaterThan(0);
    expect(orders.filter((o) => o.skipped).map((o) => o.orderId)).toEqual([...tiktokNames]);
  });

  it('adds up a template order’s total from its lines, discount, shipping, tax and credit', async () => {
    const orders = await previewOf(fixture('template-orders.csv'));
    // W-100: 1,150.00 + 2 × 42.25 + 0.00 − 5.00 + 6.00 + 101.85; A-7: 2 × 29.99 + 4.95 − 4.93.
    expect(orders.map((o) => [o.orderId, o.totalCents, o.lines, o.customer])).toEqual([
      ['W-100', 115000 + 8450 - 500 + 600 + 10185, 3, 'Jane Doe'],
      ['A-7', 5998 + 495 - 493, 1, 'Li Wei'],
      ['R-1', 2000 + 400, 1, 'Sam Reed'],
      ['C-1', 1500, 1, 'Rita Moss'],
      ['U-1', 1200, 1, 'Walk In'],
    ]);
  });

  it('leaves out an order whose rows go on past what the preview looks at', async () => {
    const text = fixture('template-orders.csv');
    const third = text.indexOf('W-100,,,,,,,,,,,,,mat-free');
    expect(await previewOf(text, { previewCharacters: third })).toEqual([]);
    expect((await previewOf(text.slice(0, third)))[0]!.lines).toBe(2);
    expect((await previewOf(text))[0]!.lines).toBe(3);
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
    const all = Papa.parse<string[]>(tiktok.replace(/^\uFEFF/, ''), { delimiter: ',' }).data.slice(1, -1);
    const lines = all.filter((r) => r.some((cell) => cell.trim() !== ''));
    const columns = new HeaderColumns(parsed(tiktok)[0]!);
    const orderIds = new Set(lines.map((r) => columns.cell(r, 'Order ID')));
    expect(await counts(tiktok)).toEqual({ rows: all.length, lines: lines.length, orders: orderIds.size });
  });

  it('counts blank rows as rows read but not as lines', async () => {
    const header = TEMPLATE_COLUMNS.join(',');
    expect(await counts(`${header}\r\nA,1\r\n\r\nA,2\r\n ,\t\r\nB,1\r\n\r\n`)).toEqual({ rows: 6, lines: 3, orders: 2 });
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
