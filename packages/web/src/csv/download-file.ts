import { csvRecord, csvStart, type CsvTableDefinition } from '@tiktok-insights/shared';
import type { CsvTable } from './csv-table';

/** Saves a Blob as a file through a temporary object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Builds the CSV in the browser (the CSV writer is loaded on first use) and saves it. */
export async function downloadCsv<T>(filename: string, table: CsvTable<T>): Promise<void> {
  const { buildCsv } = await import('./build-csv');
  downloadBlob(new Blob([buildCsv(table)], { type: 'text/csv;charset=utf-8' }), filename);
}

/**
 * Saves the rows a table shows as its CSV ("Rows shown"), with the columns and cell formats the
 * server's "All results" file of the same table uses, so that the two files agree byte for byte.
 */
export function downloadCsvTable<Row>(filename: string, table: CsvTableDefinition<Row>, records: readonly CsvTableRecord<Row>[], timeZone: string): void {
  let text = csvStart(table);
  for (const { row, currency } of records) text += csvRecord(table, row, { currency, timeZone });
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
}

/** A row of a table's CSV with the currency of its amounts (each row's Money carries it). */
export interface CsvTableRecord<Row> {
  row: Row;
  currency: string;
}

/**
 * Downloads a CSV that the server builds (the long customer lists); the session cookie goes with
 * it. A refused session (401) calls `onSessionRefused` and rejects.
 */
export async function downloadServerCsv(url: string, fallbackName: string, { onSessionRefused }: { onSessionRefused?: () => void } = {}): Promise<void> {
  const response = await fetch(url);
  if (response.status === 401) onSessionRefused?.();
  if (!response.ok) {
    let message = `The download failed (HTTP ${response.status}).`;
    try {
      const body = (await response.json()) as { errors?: { message?: string }[] };
      message = body.errors?.[0]?.message ?? message;
    } catch {
      // not JSON: keep the generic message
    }
    throw new Error(message);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  downloadBlob(await response.blob(), name);
}
