/** One column of a client-side CSV: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  /** Numbers stay numbers; text cells are written as text (and neutralized against formulas). */
  value: (row: T) => string | number | null | undefined;
}

export interface CsvTable<T = any> {
  columns: CsvColumn<T>[];
  rows: readonly T[];
}
