import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CsvError, type Parser, parse } from 'csv-parse';
import { isValidTimeZone } from '@tiktok-insights/shared';
import { badUserInput } from '../../platform/errors/app-error.js';
import { MAX_LINES_PER_ORDER } from '../orders/domain-order.js';
import type { OrderData } from '../orders/order-input.js';
import { FileColumns, type FileRow } from './file-cells.js';
import {
  type OrderFileFormat,
  type OrderFileFormatDefinition,
  type OrderFileRowError,
  OrderRows,
} from './order-file-format.js';
import { expectedColumns, formatOfHeader } from './order-file-formats.js';
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
  const records = new CsvRecords(input);
  try {
    const header = await records.next();
    if (header && 'problem' in header) {
      throw badUserInput(`The header row is not valid CSV: ${header.problem}`, { found: [], expected: expectedColumns() });
    }
    const definition = formatOfHeader(header?.cells ?? [], options.format);
    return new StreamedOrderFile(definition, new FileColumns(header?.cells ?? []), records, options);
  } catch (error) {
    records.release();
    throw error;
  }
}

type CsvRecord = { row: number; cells: string[] } | { row: number; problem: string };

/**
 * The file's records in order, each with its row (the header is row 1), parsed by csv-parse as
 * the input is read: a chunk of the input is parsed only when the records of the one before have
 * been taken, so memory holds one chunk's records at most. A record csv-parse cannot read (a
 * quote never closed, text after a closing quote, a record over MAX_RECORD_CHARACTERS) comes as
 * its problem and ends the file: csv-parse does not read on reliably after one.
 */
class CsvRecords {
  private readonly parser: Parser;
  private readonly chunks: AsyncIterator<Buffer | string>;
  // Taken from csv-parse as it reads them: a stream's own buffer would drop them at an error.
  private readonly queue: string[][] = [];
  private row = 0;
  private state: 'reading' | 'ended' = 'reading';

  constructor(private readonly input: Readable) {
    this.parser = parse({
      bom: true,
      // Cells may end with spaces or tabs outside their quotes (Seller Center's ids and times).
      trim: true,
      // A quote inside a cell that does not start with one is text (`12" ring light`).
      relax_quotes: true,
      // Rows with fewer or more cells than the header are checked by the reader, with their row.
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARACTERS,
      on_record: (cells: string[]) => {
        this.queue.push(cells);
        return null;
      },
    });
    this.parser.on('error', () => {
      // Read from `errored` where the records are taken.
    });
    this.parser.resume();
    this.chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  }

  async next(): Promise<CsvRecord | null> {
    while (this.queue.length === 0) {
      const failure = this.parser.errored;
      if (failure) return this.fail(failure);
      if (this.state === 'ended') return null;
      const chunk = await this.chunks.next();
      if (chunk.done) {
        this.state = 'ended';
        this.parser.end();
        await finished(this.parser).catch(() => undefined);
      } else {
        // csv-parse parses a chunk within write(); on_record has queued its records on return.
        this.parser.write(chunk.value);
      }
    }
    this.row += 1;
    return { row: this.row, cells: this.queue.shift()! };
  }

  private fail(failure: Error): CsvRecord | null {
    this.state = 'ended';
    if (!(failure instanceof CsvError)) throw failure;
    const { records = this.row } = failure as CsvError & { records?: number };
    if (records < this.row) return null;
    this.row = records + 1;
    return { row: this.row, problem: failure.message };
  }

  release(): void {
    this.parser.destroy();
    void this.chunks.return?.();
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
    private readonly records: CsvRecords,
    private readonly options: OrderFileOptions,
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
      for (;;) {
        const record = await this.records.next();
        if (record === null) break;
        this.rowsRead += 1;
        const { row } = record;
        if ('problem' in record) {
          this.report({ row, column: '', message: `is not valid CSV: ${record.problem}` });
          // The row may have been one of the order's.
          rejected = true;
          continue;
        }
        const { cells } = record;
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
      this.records.release();
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
    const problems: OrderFileRowError[] = [];
    const order = new OrderRows(rows, this.columns, this.options.timeZone, (problem) => problems.push(problem));
    if (this.definition.skips?.(order)) {
      this.ordersSkipped += 1;
      return null;
    }
    this.checkAgreement(order);
    const built = this.definition.build(order);
    // The order's problems in row order, whichever check found them.
    problems.sort((a, b) => a.row - b.row).forEach(this.report);
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
