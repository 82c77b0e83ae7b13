import { stringify } from 'csv-stringify/browser/esm/sync';
import type { CsvTable } from './csv-table';

/**
 * RFC 4180 text (CRLF line ends, quotes doubled, fields with separators quoted), with a UTF-8
 * byte-order mark so spreadsheet apps read accents right. Text cells that start with `=`, `+`,
 * `-`, `@`, a tab or a carriage return get a leading `'`, so no cell runs as a formula; numbers
 * are left alone.
 */
export function buildCsv<T>({ columns, rows }: CsvTable<T>): string {
  const records = rows.map((row) => columns.map((column) => column.value(row) ?? ''));
  const text = stringify([columns.map((c) => c.header), ...records], {
    record_delimiter: '\r\n',
    escape_formulas: true,
    // RFC 4180: a field holding a line break is quoted, whichever line break it is.
    quoted_match: /[\r\n]/,
  });
  return `\uFEFF${text}`;
}
