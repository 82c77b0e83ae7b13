import type { HeaderColumns, OrderFileFormatInfo } from './order-file-formats';

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

/** A record's cells, as read from the file. */
export type CsvCells = readonly string[];

/** The preview's line of one order, from its rows, in the file's format. */
export function previewOrder(format: OrderFileFormatInfo, columns: HeaderColumns, rows: readonly CsvCells[]): PreviewOrder {
  const first = rows[0]!;
  const cell = (name: string, row: CsvCells = first) => columns.cell(row, name);
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
