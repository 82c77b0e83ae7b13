import { CsvRecordReader } from './csv-records';
import { previewOrderFile, type FilePreview } from './order-file-preview';
import type { HeaderColumns, OrderFileFormatInfo } from './order-file-formats';

/** How much of the file the preview reads: the header and first orders are well inside it. */
export const PREVIEW_BYTES = 256 * 1024;

const NOT_CSV_EXTENSIONS = /\.(xlsx|xlsm|xls|numbers|ods|pdf|zip|json|docx?)$/i;

/** Why the start of a file is no CSV text, or null when it may be one. */
export function notCsvReason(name: string, start: Uint8Array): string | null {
  const what = `“${name}” is not a CSV file`;
  const hint = 'Export the orders as CSV (comma-separated values, UTF-8) and choose that file.';
  if (start.length === 0) return `“${name}” is empty. ${hint}`;
  const zip = start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04;
  if (zip) return `${what}: it looks like an Excel workbook or another zipped file. ${hint}`;
  if (NOT_CSV_EXTENSIONS.test(name)) return `${what}. ${hint}`;
  if (start.includes(0)) return `${what}: it holds binary data. ${hint}`;
  try {
    // `stream` leaves a character cut off at the end of the slice alone.
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
  } catch {
    return `${what} in UTF-8 text. ${hint}`;
  }
  return null;
}

export type FileCheck = { kind: 'refused'; message: string } | Extract<FilePreview, { kind: 'orders' }>;

/** Reads the start of a file: whether it is CSV text, its format and its first orders. */
export async function checkOrderFile(file: Blob & { name: string }): Promise<FileCheck> {
  const start = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const refused = notCsvReason(file.name, start);
  if (refused) return { kind: 'refused', message: refused };
  const text = new TextDecoder('utf-8').decode(start, { stream: file.size > PREVIEW_BYTES });
  return previewOrderFile(text, { complete: file.size <= PREVIEW_BYTES });
}

export interface OrderFileCounts {
  /** Data records, blank ones included: what the import job's `rowsRead` counts to. */
  rows: number;
  /** Rows with cells (order lines). */
  lines: number;
  /** Runs of rows with the same order key. */
  orders: number;
}

/** The file's text, chunk by chunk as it is read from disk (never the whole file at once). */
export async function* textChunks(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield decoder.decode(value, { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    reader.releaseLock();
  }
}

/**
 * Counts a file's rows, lines and orders by streaming it: only the key column of the current
 * record is kept, so a 500 MB export is counted in constant memory. `onProgress` gets the
 * characters read so far; `signal` stops the count (a file replaced before it ends).
 */
export async function countOrderFile(
  chunks: AsyncIterable<string>,
  format: OrderFileFormatInfo,
  columns: HeaderColumns,
  { onProgress, signal }: { onProgress?: (charactersRead: number) => void; signal?: AbortSignal } = {},
): Promise<OrderFileCounts> {
  const keyIndex = columns.indexOf(format.keyColumn)!;
  const counts: OrderFileCounts = { rows: 0, lines: 0, orders: 0 };
  let header = true;
  let lastKey: string | null = null;
  const reader = new CsvRecordReader((record) => {
    if (header) {
      header = false;
      return;
    }
    counts.rows += 1;
    if (record.blank) return;
    counts.lines += 1;
    const key = record.cells[0] ?? '';
    if (key !== '' && key !== lastKey) counts.orders += 1;
    lastKey = key;
  }, keyIndex);
  let read = 0;
  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    reader.write(chunk);
    read += chunk.length;
    onProgress?.(read);
  }
  reader.end();
  return counts;
}

