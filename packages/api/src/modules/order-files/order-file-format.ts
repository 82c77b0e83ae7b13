import type { OrderData } from '../orders/order-input.js';
import { amountCents, type FileColumns, type FileRow, wholeNumber } from './file-cells.js';

import type { OrderFileHeader, OrderFileRowError } from '@tiktok-insights/shared';

/** The layouts an order file comes in, their headers and errors: shared with the Import page. */
export { ORDER_FILE_FORMATS, type OrderFileFormat, type OrderFileRowError } from '@tiktok-insights/shared';

/** One format: how its header is recognised, how its rows group into orders and map onto an order. */
export interface OrderFileFormatDefinition extends OrderFileHeader {
  /** Every column the format needs; a list names alternatives (one of them is enough). */
  readonly required: readonly (string | readonly string[])[];
  /** Cells of the order rather than the line: read from the order's first row; later rows leave them blank or repeat them. */
  readonly orderLevelColumns: readonly string[];
  /** A domain-order field (`lines[].quantity` for any line) to the column it comes from. */
  readonly fieldColumns: Readonly<Record<string, string>>;
  /** Whether the order is left out on purpose, unchecked (Shopify's orders from a TikTok source). */
  skips?(order: OrderRows): boolean;
  /** The order, or null when a problem was reported. */
  build(order: OrderRows): OrderData | null;
}

export type ProblemSink = (problem: OrderFileRowError) => void;

/** The rows of one order with the readers a format maps them by; problems go to the file's list. */
export class OrderRows {
  private problemCount = 0;

  constructor(
    readonly rows: readonly FileRow[],
    readonly columns: FileColumns,
    readonly timeZone: string,
    private readonly sink: ProblemSink,
  ) {}

  get first(): FileRow {
    return this.rows[0]!;
  }

  /** Whether a problem was reported for this order. */
  get failed(): boolean {
    return this.problemCount > 0;
  }

  report(row: number, column: string, message: string): void {
    this.problemCount += 1;
    this.sink({ row, column, message });
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  text(column: string, row: FileRow = this.first): string {
    return this.columns.cell(row.cells, column);
  }

  /** An amount in cents; blank is 0 unless `required`. Null after reporting a problem. */
  amount(column: string, row: FileRow = this.first, required = false): number | null {
    const read = amountCents(this.text(column, row));
    if (read.problem !== undefined) {
      this.report(row.row, column, read.problem);
      return null;
    }
    if (read.value === null) {
      if (!required) return 0;
      this.report(row.row, column, 'must not be blank');
      return null;
    }
    return read.value;
  }

  /** The amount of every row added up. */
  sumOfAmounts(column: string): number | null {
    let sum: number | null = 0;
    for (const row of this.rows) {
      const cents = this.amount(column, row);
      sum = cents === null || sum === null ? null : sum + cents;
    }
    return sum;
  }

  count(column: string, row: FileRow): number | null {
    const read = wholeNumber(this.text(column, row));
    if (read.problem !== undefined) {
      this.report(row.row, column, read.problem);
      return null;
    }
    return read.value;
  }
}

export interface OrderAmounts {
  goods: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
}

/**
 * The `credit` that makes net receipts equal the file's order total: goods − discount + shipping +
 * tax − total when positive (discounts the file does not itemize). A total above that sum is a
 * problem of the order, reported on its first row; null then.
 */
export function creditToTotal(order: OrderRows, amounts: OrderAmounts, totalColumn: string): number | null {
  const charged = amounts.goods - amounts.discount + amounts.shipping + amounts.tax;
  if (amounts.total > charged) {
    order.report(
      order.first.row,
      totalColumn,
      `the order total ${dollars(amounts.total)} is above goods − discount + shipping + tax = ${dollars(charged)}`,
    );
    return null;
  }
  return charged - amounts.total;
}

/** Cents as dollars for messages, exactly: 123456 → 1234.56, -5 → -0.05. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A status or source as written, compared without case or extra spaces. */
export const spelling = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
