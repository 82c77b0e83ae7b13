import { csvRecords, type CsvRecord } from './csv-records';
import { detectFormat, HeaderColumns, type OrderFileFormatInfo, unknownHeaderMessage } from './order-file-formats';

/** One order of the file's first rows, as the preview lists it. */
export interface PreviewOrder {
  orderId: string;
  /** As written in the file. */
  placedAt: string;
  customer: string;
  /** The order's total in cents; null when a cell is no amount (the import will name it). */
  totalCents: number | null;
  lines: number;
  /** Shopify orders from a TikTok source, which the import leaves out. */
  skipped: boolean;
}

export type FilePreview =
  | { kind: 'orders'; format: OrderFileFormatInfo; columns: HeaderColumns; orders: PreviewOrder[] }
  | { kind: 'refused'; message: string };

const AMOUNT = /^\$?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2})0*)?$/;

/** An amount as the exports write it (`12.5`, `$1,234.50`) in cents, by its digits; blank is 0; null for anything else. */
export function amountCents(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const match = AMOUNT.exec(trimmed);
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  return Number((match[1] ?? '0').replaceAll(',', '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const sum = (values: Array<number | null>): number | null => values.reduce<number | null>((a, b) => (a === null || b === null ? null : a + b), 0);

/** The preview's line of one order, from its rows, in the file's format. */
function previewOrder(format: OrderFileFormatInfo, columns: HeaderColumns, rows: readonly CsvRecord[]): PreviewOrder {
  const first = rows[0]!;
  const cell = (name: string, row: CsvRecord = first) => columns.cell(row, name);
  const orderId = cell(format.keyColumn);
  switch (format.format) {
    case 'tiktok':
      return {
        orderId,
        placedAt: cell('Created Time'),
        customer: cell('Recipient') || cell('Buyer Username'),
        totalCents: amountCents(cell('Order Amount')),
        lines: rows.length,
        skipped: false,
      };
    case 'shopify':
      return {
        orderId,
        placedAt: cell('Created at'),
        customer: cell('Shipping Name') || cell('Billing Name') || cell('Email'),
        totalCents: amountCents(cell('Total')),
        lines: rows.length,
        skipped: /tik\s*tok/i.test(cell('Source')),
      };
    case 'template': {
      // The template has no total: goods − discount + shipping + tax − credit, as the import counts it.
      const goods = sum(
        rows.map((row) => {
          const quantity = /^\d+$/.test(cell('quantity', row)) ? Number(cell('quantity', row)) : null;
          const price = amountCents(cell('unit_price', row));
          return quantity === null || price === null ? null : quantity * price;
        }),
      );
      const [discount, shipping, tax, credit] = ['discount', 'shipping', 'tax', 'credit'].map((name) => amountCents(cell(name)));
      const totalCents = sum([goods, shipping!, tax!]);
      return {
        orderId,
        placedAt: cell('placed_at'),
        customer: cell('customer_name') || cell('customer_id'),
        totalCents: totalCents === null || discount === null || credit === null ? null : totalCents - discount! - credit!,
        lines: rows.length,
        skipped: false,
      };
    }
  }
}

/**
 * The preview of a file from its first text: its format from the header row (or why it is
 * refused), and its first `maxOrders` orders whose rows all lie in the text. `complete` says the
 * text is the whole file (its last order is then whole too).
 */
export function previewOrderFile(text: string, { complete, maxOrders = 5 }: { complete: boolean; maxOrders?: number }): FilePreview {
  const records = csvRecords(text, { complete });
  const header = records[0];
  const columns = new HeaderColumns(header?.cells ?? []);
  const format = detectFormat(columns);
  if (!format) return { kind: 'refused', message: unknownHeaderMessage(columns) };
  const keyIndex = columns.indexOf(format.keyColumn)!;
  const orders: PreviewOrder[] = [];
  let rows: CsvRecord[] = [];
  for (const record of records.slice(1)) {
    if (record.blank) continue;
    const key = (record.cells[keyIndex] ?? '').trim();
    if (rows.length > 0 && key !== (rows[0]!.cells[keyIndex] ?? '').trim()) {
      orders.push(previewOrder(format, columns, rows));
      if (orders.length === maxOrders) return { kind: 'orders', format, columns, orders };
      rows = [];
    }
    rows.push(record);
  }
  // The last order's rows may go on past the text read.
  if (rows.length > 0 && complete) orders.push(previewOrder(format, columns, rows));
  return { kind: 'orders', format, columns, orders };
}
