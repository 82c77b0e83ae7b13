import { type CsvReadOptions, isBlankRow, readCsvRecords } from './csv-stream';
import { detectFormat, HeaderColumns, unknownHeaderMessage } from './order-file-formats';
import { type CsvCells, type FilePreview, type PreviewOrder, previewOrder } from './order-file-preview';

/** How much of the file the preview looks at: the header and first orders are well inside it. */
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

/** Whether the start of a file (its first PREVIEW_BYTES) is CSV text: the refusal, or null. */
export async function checkFileStart(file: Blob & { name: string }): Promise<FileCheck | null> {
  const start = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const refused = notCsvReason(file.name, start);
  return refused ? { kind: 'refused', message: refused } : null;
}

export interface OrderFileCounts {
  /** Data records, blank ones included: what the import job's `rowsRead` counts to. */
  rows: number;
  /** Rows with cells (order lines). */
  lines: number;
  /** Runs of rows with the same order key. */
  orders: number;
}

/** The file's text, chunk by chunk as it is read from disk (never the whole file at once); a BOM is dropped. */
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

export type OrderFileReading = { kind: 'refused'; message: string } | (Extract<FilePreview, { kind: 'orders' }> & { counts: OrderFileCounts });

export interface OrderFileReadOptions extends CsvReadOptions {
  /** Orders the preview lists at most. */
  maxOrders?: number;
  /** The preview lists only orders whose rows end within this many characters of the text. */
  previewCharacters?: number;
  /** The preview (or the refusal of the header) as soon as it is known, before the count ends. */
  onPreview?: (preview: FileCheck) => void;
  /** Characters read so far. */
  onProgress?: (charactersRead: number) => void;
}

/**
 * Reads an order file's text in one pass, streaming it: the header row gives its format (or why it
 * is refused); the first `maxOrders` orders make the preview, handed on as soon as they are read;
 * then the file is counted to its end, keeping only the current record and the last order key,
 * so a 500 MB export is read in constant memory.
 */
export async function readOrderFile(
  chunks: AsyncIterable<string>,
  { maxOrders = 5, previewCharacters = PREVIEW_BYTES, onPreview, onProgress, ...csv }: OrderFileReadOptions = {},
): Promise<OrderFileReading> {
  let check: FileCheck | null = null;
  let keyIndex = 0;
  const counts: OrderFileCounts = { rows: 0, lines: 0, orders: 0 };
  let lastKey: string | null = null;
  // The preview's orders and the rows of the order being read, until the preview is handed on.
  const orders: PreviewOrder[] = [];
  let rows: CsvCells[] = [];
  let rowsKey = '';
  let previewing = true;

  const endPreview = (preview: FileCheck) => {
    previewing = false;
    rows = [];
    check = preview;
    onPreview?.(preview);
  };

  await readCsvRecords(
    withProgress(chunks, onProgress),
    (cells, charactersRead) => {
      if (check === null && previewing) {
        const columns = new HeaderColumns(cells);
        const format = detectFormat(columns);
        if (!format) {
          endPreview({ kind: 'refused', message: unknownHeaderMessage(columns) });
          return false;
        }
        keyIndex = columns.indexOf(format.keyColumn)!;
        check = { kind: 'orders', format, columns, orders };
        return;
      }
      counts.rows += 1;
      if (isBlankRow(cells)) return;
      counts.lines += 1;
      const key = (cells[keyIndex] ?? '').trim();
      if (key !== '' && key !== lastKey) counts.orders += 1;
      lastKey = key;
      if (!previewing || check?.kind !== 'orders') return;
      if (rows.length > 0 && key !== rowsKey) {
        orders.push(previewOrder(check.format, check.columns, rows));
        rows = [];
        if (orders.length === maxOrders) return endPreview(check);
      }
      // An order whose rows go on past what the preview looks at is left out of it.
      if (charactersRead > previewCharacters) return endPreview(check);
      if (rows.length === 0) rowsKey = key;
      rows.push(cells);
    },
    csv,
  );

  const read = check as FileCheck | null;
  if (read === null) {
    // No record at all: an empty text.
    const message = unknownHeaderMessage(new HeaderColumns([]));
    endPreview({ kind: 'refused', message });
    return { kind: 'refused', message };
  }
  if (read.kind === 'refused') return read;
  if (previewing) {
    if (rows.length > 0) orders.push(previewOrder(read.format, read.columns, rows));
    endPreview(read);
  }
  return { ...read, counts };
}

async function* withProgress(chunks: AsyncIterable<string>, onProgress?: (charactersRead: number) => void): AsyncGenerator<string> {
  let read = 0;
  for await (const chunk of chunks) {
    yield chunk;
    read += chunk.length;
    onProgress?.(read);
  }
}
