import pg from 'pg';

const INT8_OID = 20;
const DATE_OID = 1082;

function parseSafeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`integer ${value} exceeds the exact range of a JavaScript number`);
  }
  return parsed;
}

/**
 * Money sums are BIGINT in SQL; every one we read fits 2^53 (and SafeInt is our GraphQL type),
 * so they come back as exact numbers, and an out-of-range value fails loudly instead of rounding.
 * DATE columns are calendar days in the shop's zone and stay `YYYY-MM-DD` strings, never
 * JavaScript Dates at the server's midnight.
 */
export function installPgTypeParsers(): void {
  pg.types.setTypeParser(INT8_OID, parseSafeInteger);
  pg.types.setTypeParser(DATE_OID, (value: string) => value);
}
