/**
 * The order files the API takes (docs/contract/insights-spec.md §7), as far as the Import page
 * needs them before uploading: how a header is recognised (the same columns as the API's readers),
 * which column groups rows into orders, and the cells a preview shows.
 */

import { ORDER_FILE_HEADERS, ORDER_FILE_FORMATS as FORMAT_NAMES, type OrderFileFormat, type OrderFileHeader } from '@tiktok-insights/shared';

export { TEMPLATE_COLUMNS, type OrderFileFormat } from '@tiktok-insights/shared';

/** A format's header: the same definition the API's readers recognise it by. */
export type OrderFileFormatInfo = OrderFileHeader;

/** In the order a header is tried against them, as the API tries them. */
export const ORDER_FILE_FORMATS: readonly OrderFileFormatInfo[] = FORMAT_NAMES.map((format) => ORDER_FILE_HEADERS[format]);

export const formatTitle = (format: OrderFileFormat): string => ORDER_FILE_HEADERS[format].title;

const headerName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The header row: where each column is, by name regardless of case and spacing (as the API finds them). */
export class HeaderColumns {
  readonly names: readonly string[];
  private readonly indexes = new Map<string, number>();

  constructor(header: readonly string[]) {
    this.names = header.map((name) => name.trim()).filter((name) => name !== '');
    header.forEach((name, index) => {
      const key = headerName(name);
      if (key !== '' && !this.indexes.has(key)) this.indexes.set(key, index);
    });
  }

  indexOf(name: string): number | undefined {
    return this.indexes.get(headerName(name));
  }

  has(name: string): boolean {
    return this.indexes.has(headerName(name));
  }

  /** The trimmed cell under `name`, a line break inside read as a space; '' when absent. */
  cell(cells: readonly string[], name: string): string {
    const index = this.indexOf(name);
    const text = index === undefined ? '' : (cells[index] ?? '').trim();
    return /[\t\r\n]/.test(text) ? text.replace(/\s*[\t\r\n]+\s*/g, ' ') : text;
  }
}

/** The first format whose recognising columns the header holds all of; null for none. */
export function detectFormat(columns: HeaderColumns): OrderFileFormatInfo | null {
  return ORDER_FILE_FORMATS.find((format) => format.recognizedBy.every((column) => columns.has(column))) ?? null;
}

/** Why a header is refused, in the words the API uses: what each format expects and what was found. */
export function unknownHeaderMessage(columns: HeaderColumns): string {
  const problem = columns.names.length === 0 ? 'The file has no header row.' : 'The header row matches no known order file format.';
  const expected = ORDER_FILE_FORMATS.map((f) => `${f.title} (${f.format}): ${f.recognizedBy.join(', ')}`).join('; ');
  return `${problem} Expected columns — ${expected}. Found: ${columns.names.join(', ') || 'none'}.`;
}
