import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { isValidTimeZone } from '@tiktok-insights/shared';
import { MAX_LINES_PER_ORDER } from '../orders/domain-order.js';
import type { OrderData } from '../orders/order-input.js';
import { FileColumns, type FileRow } from './file-cells.js';
import {
  type OrderFileFormat,
  type OrderFileFormatDefinition,
  type OrderFileRowError,
  OrderRows,
} from './order-file-format.js';
import { formatOfHeader } from './order-file-formats.js';
import { OrderKeyIndex } from './order-key-index.js';

export type { OrderFileFormat, OrderFileRowError } from './order-file-format.js';
export { columnOfField, rowErrorsOfProblems } from './order-file-formats.js';

/**
 * One order of the file, as a plain value `parseOrders` (modules/orders/domain-order.ts) accepts
 * (OrderData: placedAt ISO 8601 with offset), with the file row it starts on. Its line i comes
 * from row `firstRow + i`.
 */
export interface OrderFileOrder {
  order: OrderData;
  firstRow: number;
}

export interface OrderFileOptions {
  /** The format the file must have; detected from the header row when absent. */
  format?: OrderFileFormat;
  /** The shop's IANA time zone: TikTok's `Created Time` is a wall time there. */
  timeZone: string;
  /** How many problems `errors` keeps (default 100); `errorCount` counts them all. */
  maxErrors?: number;
}

export interface OrderFileReader {
  readonly format: OrderFileFormat;
  /**
   * The orders in file order, in batches of up to `size`; rows with problems are recorded in
   * `errors` and their orders not yielded. Read once; stopping early releases the file.
   */
  batches(size: number): AsyncIterable<OrderFileOrder[]>;
  /** Data rows read so far (blank rows included). */
  readonly rowsRead: number;
  /** Shopify orders from a TikTok source, left out. */
  readonly ordersSkipped: number;
  /** The first `maxErrors` problems, in file order. */
  readonly errors: readonly OrderFileRowError[];
  /** All problems, even past `maxErrors`. */
  readonly errorCount: number;
}

export const DEFAULT_MAX_ERRORS = 100;
// A record longer than this (an unclosed quote swallowing the file) is a problem, not a memory leak.
const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * Reads the header row and detects the format (or checks the given one); an unknown header throws
 * AppError BAD_USER_INPUT whose message names the columns each format expects and the ones found,
 * details `{ found: string[], expected: Record<OrderFileFormat, string[]> }`. The input is then
 * read as `batches` asks for it: one order's rows at a time, never the whole file.
 */
export async function openOrderFile(input: Readable, options: OrderFileOptions): Promise<OrderFileReader> {
  if (!isValidTimeZone(options.timeZone)) throw new RangeError(`Unknown time zone ${JSON.stringify(options.timeZone)}`);
  const parser = parse({
    bom: true,
    // Cells may end with spaces or tabs outside their quotes (Seller Center's ids and times).
    trim: true,
    // A quote inside a cell that does not start with one is text (`12" ring light`).
    relax_quotes: true,
    // Rows with fewer or more cells than the header are checked here, with their row number.
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  const release = () => {
    input.unpipe(parser);
    parser.destroy();
  };
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  try {
    const header = await records.next();
    const definition = formatOfHeader(header.done ? [] : header.value, options.format);
    return new StreamedOrderFile(definition, new FileColumns(header.value ?? []), records, options, release);
  } catch (error) {
    release();
    throw error;
  }
}

class StreamedOrderFile implements OrderFileReader {
  readonly format: OrderFileFormat;
  rowsRead = 0;
  ordersSkipped = 0;
  errorCount = 0;
  private readonly problems: OrderFileRowError[] = [];
  private readonly maxErrors: number;
  private started = false;

  constructor(
    private readonly definition: OrderFileFormatDefinition,
    private readonly columns: FileColumns,
    private readonly records: AsyncIterator<string[]>,
    private readonly options: OrderFileOptions,
    private readonly release: () => void,
  ) {
    this.format = definition.format;
    this.maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  }

  get errors(): readonly OrderFileRowError[] {
    return this.problems;
  }

  private readonly report = (problem: OrderFileRowError) => {
    this.errorCount += 1;
    if (this.problems.length < this.maxErrors) this.problems.push(problem);
  };

  async *batches(size: number): AsyncGenerator<OrderFileOrder[]> {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A batch holds at least one order, got ${size}`);
    if (this.started) throw new Error('An order file is read once');
    this.started = true;
    const { keyColumn } = this.definition;
    const keys = new OrderKeyIndex();
    let batch: OrderFileOrder[] = [];
    // The order being read: its key, its rows, and whether it is already known to be bad.
    let key: string | null = null;
    let rows: FileRow[] = [];
    let rejected = false;

    const finishOrder = () => {
      if (key === null || rejected || rows.length === 0) return;
      const order = this.orderOf(rows);
      if (order) batch.push(order);
    };

    try {
      for (let row = 2; ; row += 1) {
        const cells = await this.nextRecord(row);
        if (cells === null) break;
        this.rowsRead += 1;
        if (cells.every((cell) => cell.trim() === '')) continue;
        const tooWide = this.tooWide(cells, row);
        const rowKey = this.columns.cell(cells, keyColumn);
        if (rowKey === '') {
          this.report({ row, column: keyColumn, message: 'must not be blank' });
          continue;
        }
        if (rowKey === key) {
          if (rejected) continue;
          if (rows.length === MAX_LINES_PER_ORDER) {
            this.report({ row, column: keyColumn, message: `the order has more than ${MAX_LINES_PER_ORDER} lines` });
            rejected = true;
            continue;
          }
          rows.push({ row, cells });
          rejected = tooWide;
          continue;
        }
        finishOrder();
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
        key = rowKey;
        rows = [{ row, cells }];
        const firstRow = keys.firstRowOrAdd(rowKey, row);
        rejected = firstRow !== undefined || tooWide;
        if (firstRow !== undefined) {
          this.report({
            row,
            column: keyColumn,
            message: `the order of row ${firstRow} appears again after other orders; an order's rows must be together`,
          });
        }
      }
      finishOrder();
      if (batch.length > 0) yield batch;
    } finally {
      this.release();
    }
  }

  /** The next record's cells, or null at the end of the file or at a syntax error (reported on `row`). */
  private async nextRecord(row: number): Promise<string[] | null> {
    try {
      const next = await this.records.next();
      return next.done ? null : next.value;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      this.report({ row, column: '', message: `the file is not valid CSV from here on: ${error.message}` });
      return null;
    }
  }

  /** Whether the row has cells past the header's columns (reported); fewer cells read as blank. */
  private tooWide(cells: readonly string[], row: number): boolean {
    const width = this.columns.names.length;
    if (cells.length <= width || cells.slice(width).every((cell) => cell.trim() === '')) return false;
    this.report({ row, column: '', message: `has ${cells.length} cells; the header has ${width} columns` });
    return true;
  }

  private orderOf(rows: readonly FileRow[]): OrderFileOrder | null {
    const order = new OrderRows(rows, this.columns, this.options.timeZone, this.report);
    if (this.definition.skips?.(order)) {
      this.ordersSkipped += 1;
      return null;
    }
    this.checkAgreement(order);
    if (order.failed) return null;
    const built = this.definition.build(order);
    return built && !order.failed ? { order: built, firstRow: rows[0]!.row } : null;
  }

  /** Later rows leave the order's own cells blank or repeat the first row's. */
  private checkAgreement(order: OrderRows): void {
    for (const column of this.definition.orderLevelColumns) {
      if (!order.has(column)) continue;
      const first = order.text(column);
      for (const row of order.rows.slice(1)) {
        const cell = order.text(column, row);
        if (cell !== '' && cell !== first) {
          order.report(row.row, column, `must be blank or the same as on the order's first row (row ${order.first.row})`);
          break;
        }
      }
    }
  }
}
