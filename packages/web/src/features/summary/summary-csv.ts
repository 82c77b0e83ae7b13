import { csvMoneyCell, type CsvColumn } from '../../csv/csv-table';

export interface SummaryCsvRow {
  metric: string;
  value: number | null;
  previous: number | null;
  money: boolean;
}

/** Metric, value and (for periods) the previous period's value; money in currency units. */
export function summaryCsvColumns(currency: string, withPrevious: boolean): CsvColumn<SummaryCsvRow>[] {
  const cell = (row: SummaryCsvRow, v: number | null) => (v === null ? null : row.money ? csvMoneyCell(v, currency) : v);
  const columns: CsvColumn<SummaryCsvRow>[] = [
    { header: 'Metric', value: (r) => r.metric },
    { header: `Value (${currency} for amounts)`, value: (r) => cell(r, r.value) },
  ];
  if (withPrevious) columns.push({ header: 'Previous period', value: (r) => cell(r, r.previous) });
  return columns;
}
