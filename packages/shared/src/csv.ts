import { parseIsoDateTime } from './iso-parse';
import { currencyMinorDigits, minorUnitsToDecimal } from './money';
import { formatWithOffset } from './time-zone';

/**
 * The dashboard's CSV files, whether the browser writes them ("Rows shown") or the API streams
 * them ("All results"): UTF-8 with a byte-order mark (so spreadsheet apps read accents right),
 * RFC 4180 fields, CRLF after every record, the header included.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

/** A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, its line end included. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}${CSV_LINE_END}`;
}

/**
 * Text as a cell. Text a customer or product brought in could start a spreadsheet formula: a cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which
 * spreadsheets show as text (OWASP's CSV injection advice).
 */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A count as a cell: digits only, e.g. `1234`. */
export function csvInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`A count must be a safe integer, got ${value}`);
  return String(value);
}

/**
 * An amount of minor units (cents) as a cell: the exact decimal in the currency's major unit with
 * its minor digits, no symbol, no thousands separator; 222100 USD → `2221.00`, -5 USD → `-0.05`,
 * 1234 JPY → `1234`, 1234567 KWD → `1234.567`. The currency goes in a column of its own.
 */
export function csvMoney(minorUnits: number, currency: string): string {
  return minorUnitsToDecimal(minorUnits, currencyMinorDigits(currency));
}

/**
 * An instant as a cell: ISO 8601 to the second with the offset of the shop's time zone, e.g. an
 * order placed at 2025-02-19T01:52:01Z in America/Chicago → `2025-02-18T19:52:01-06:00`. Its date is
 * the day the dashboard shows (Feb 18, 2025); the offset keeps it unambiguous (also in the hour a
 * clock change repeats). Fractions of a second are dropped. Strings must be ISO 8601 with an offset.
 */
export function csvDateTime(instant: Date | string | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined) return '';
  const ms = (typeof instant === 'string' ? parseIsoDateTime(instant) : instant).getTime();
  return formatWithOffset(Math.floor(ms / 1000) * 1000, timeZone);
}

/** What a table's cells depend on besides the row: the shop's currency and time zone. */
export interface CsvContext {
  currency: string;
  timeZone: string;
}

export interface CsvColumnDefinition<Row> {
  header: string;
  cell: (row: Row, context: CsvContext) => string;
}

/** A table's CSV columns, in order. */
export type CsvTableDefinition<Row> = readonly CsvColumnDefinition<Row>[];

/** The byte-order mark and the header record: how every file of the table starts. */
export function csvStart<Row>(table: CsvTableDefinition<Row>): string {
  return `${CSV_BOM}${csvLine(table.map((column) => column.header))}`;
}

export function csvRecord<Row>(table: CsvTableDefinition<Row>, row: Row, context: CsvContext): string {
  return csvLine(table.map((column) => column.cell(row, context)));
}

/** A whole file: `csvStart` and a record per row. */
export function csvDocument<Row>(table: CsvTableDefinition<Row>, rows: Iterable<Row>, context: CsvContext): string {
  let text = csvStart(table);
  for (const row of rows) text += csvRecord(table, row, context);
  return text;
}
