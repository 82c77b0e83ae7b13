import { badUserInput } from '../errors/app-error.js';

/** The SQL type a cursor part is compared as: each part is checked to fit it before any SQL runs. */
export type CursorPart = 'text' | 'int' | 'bigint' | 'timestamptz';

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;
/** `Date.prototype.toISOString` within years 0001–9999, the only form cursors are written in. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function fitsPart(kind: CursorPart, value: unknown): boolean {
  switch (kind) {
    case 'text':
      // PostgreSQL cannot take NUL in text; lone surrogates would not compare as sent.
      return typeof value === 'string' && !value.includes('\u0000') && value.isWellFormed();
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX;
    case 'bigint':
      // bigint columns are read as safe integers (database/pg-types.ts), so a cursor holds one.
      return Number.isSafeInteger(value);
    case 'timestamptz':
      return (
        typeof value === 'string' &&
        ISO_INSTANT.test(value) &&
        !value.startsWith('0000') &&
        new Date(value).toISOString() === value
      );
  }
}

/**
 * Opaque keyset cursors: the ordering they belong to and the last row's sort key, base64url
 * JSON. A cursor from another ordering, day or list is refused rather than misread, and so is
 * one whose parts do not fit their SQL types (a crafted cursor must not reach PostgreSQL).
 */
export function encodeCursor(scope: string, key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify([scope, ...key])).toString('base64url');
}

export function decodeCursor(cursor: string, scope: string, parts: readonly CursorPart[]): Array<string | number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== parts.length + 1 ||
    parsed[0] !== scope ||
    !parts.every((kind, i) => fitsPart(kind, parsed[i + 1]))
  ) {
    throw badUserInput('after is not a cursor of this list with this ordering and asOf; start again without it.', {
      field: 'after',
    });
  }
  return parsed.slice(1) as Array<string | number>;
}
