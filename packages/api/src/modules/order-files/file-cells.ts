import { COUNTRY_CODES } from './country-codes.js';

/**
 * Reading one cell of an order file: the header's columns, amounts to cents, counts, postal codes
 * and countries. Every reader returns either the value or the problem, in the words the file's row
 * errors show.
 */

/** One record of the file and its number, the header being row 1. */
export interface FileRow {
  readonly row: number;
  readonly cells: readonly string[];
}

const headerName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The header row: where each column is, found by name regardless of case and spacing. */
export class FileColumns {
  readonly names: readonly string[];
  private readonly indexes = new Map<string, number>();

  constructor(header: readonly string[]) {
    this.names = header.map((name) => name.trim());
    header.forEach((name, index) => {
      const key = headerName(name);
      if (key !== '' && !this.indexes.has(key)) this.indexes.set(key, index);
    });
  }

  has(name: string): boolean {
    return this.indexes.has(headerName(name));
  }

  /**
   * The cell under `name`, trimmed (Seller Center ends ids and times with a tab), a line break or
   * tab inside it (a quoted multi-line address) read as a space; '' when the column is absent.
   */
  cell(cells: readonly string[], name: string): string {
    const index = this.indexes.get(headerName(name));
    const text = index === undefined ? '' : (cells[index] ?? '').trim();
    return /[\t\r\n]/.test(text) ? text.replace(/\s*[\t\r\n]+\s*/g, ' ') : text;
  }
}

export type CellResult<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

const AMOUNT = /^(?<minus>-)?\$?(?<minusAfterSymbol>-)?(?<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?<fraction>\d+))?$/;
// Whole dollars past this are beyond any order the import takes and beyond exact doubles.
const MAX_WHOLE_DIGITS = 12;

/**
 * An amount as the exports write it (`12.5`, `$1,234.50`, `1234`) in whole cents, by integer
 * arithmetic on its digits; blank is `null`. Negative amounts (`-1.00`, `($1.00)`), other text and
 * fractions of a cent are problems.
 */
export function amountCents(text: string): CellResult<number | null> {
  if (text === '') return { value: null };
  const negative = /^\(.*\)$/.test(text);
  const match = AMOUNT.exec(negative ? text.slice(1, -1).trim() : text);
  const groups = match?.groups;
  if (!groups || (groups.whole === undefined && groups.fraction === undefined)) {
    return { problem: `must be an amount such as 1234.50, got "${shorten(text)}"` };
  }
  const whole = (groups.whole ?? '0').replaceAll(',', '');
  const fraction = groups.fraction ?? '';
  if (/[1-9]/.test(fraction.slice(2))) return { problem: `has a fraction of a cent: "${shorten(text)}"` };
  if (whole.replace(/^0+/, '').length > MAX_WHOLE_DIGITS) return { problem: 'is too large' };
  // Digit strings of at most 12 + 2 digits: Number reads them exactly.
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (cents > 0 && (negative || groups.minus || groups.minusAfterSymbol)) return { problem: 'must not be negative' };
  return { value: cents };
}

/** A count of items: digits (thousands separators allowed). */
export function wholeNumber(text: string): CellResult<number> {
  if (text === '') return { problem: 'must not be blank' };
  const digits = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/.test(text) ? text.replaceAll(',', '') : null;
  if (digits === null) return { problem: `must be a whole number, got "${shorten(text)}"` };
  if (digits.replace(/^0+/, '').length > 9) return { problem: 'is too large' };
  return { value: Number(digits) };
}

/** A postal code without the leading `'` spreadsheets add to keep a ZIP's leading zero. */
export function postalCode(text: string): string {
  return text.replace(/^'+/, '').trim();
}

/** An ISO 3166-1 alpha-2 code for a country name or code the exports use; blank is the US (section 3's default). */
export function countryCode(text: string): string {
  if (text === '') return 'US';
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  const key = text.toLowerCase().replace(/[.]/g, '').replace(/\s+/g, ' ');
  // An unknown name is passed on as written: the order's check names it ("must be an ISO 3166-1 alpha-2 code").
  return COUNTRY_CODES.get(key) ?? text;
}

/** Optional text: blank is `null`. */
export const optional = (text: string): string | null => (text === '' ? null : text);

export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
