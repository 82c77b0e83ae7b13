import { CSV_BOM, csvLine, csvText } from '@tiktok-insights/shared';
import type { CsvTable, RawCsvCell } from './csv-table';

/**
 * The CSV file of a chart's or summary's data, written as the tables' files are (shared's csv):
 * RFC 4180 with CRLF line ends and a UTF-8 byte-order mark. Text cells that start with `=`, `+`,
 * `-`, `@`, a tab or a carriage return get a leading `'`, so no cell runs as a formula; numbers
 * and amounts are left alone (amounts as the tables' files write them: `2221.00`).
 */
export function buildCsv<T>({ columns, rows }: CsvTable<T>): string {
  const cell = (value: string | number | RawCsvCell | null | undefined) =>
    typeof value === 'number' ? String(value) : typeof value === 'object' && value !== null ? value.raw : csvText(value);
  let text = `${CSV_BOM}${csvLine(columns.map((c) => c.header))}`;
  for (const row of rows) text += csvLine(columns.map((column) => cell(column.value(row))));
  return text;
}
