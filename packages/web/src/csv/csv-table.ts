import { csvMoney } from '@tiktok-insights/shared';

/** A cell written as it is: an amount already in the CSV files' money format. */
export interface RawCsvCell {
  raw: string;
}

/** An amount of minor units as every CSV file writes it: `2221.00` (shared's csvMoney). */
export function csvMoneyCell(cents: number, currency: string): RawCsvCell {
  return { raw: csvMoney(cents, currency) };
}

/** A money column's header: the amounts' currency beside the label, `Net receipts (USD)` (none when there are no amounts). */
export function moneyHeader(label: string, currency: string | undefined): string {
  return currency ? `${label} (${currency})` : label;
}

/** One column of a client-side CSV: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  /** Numbers stay numbers; text cells are written as text (and neutralized against formulas). */
  value: (row: T) => string | number | RawCsvCell | null | undefined;
}

export interface CsvTable<T = any> {
  columns: CsvColumn<T>[];
  rows: readonly T[];
}
