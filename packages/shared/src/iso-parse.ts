import { type IsoDay, calendarDateProblem, epochDayFromParts, MS_PER_DAY } from './calendar-day';
import { InvalidDateError } from './errors';

const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
const MAX_OFFSET_MINUTES = 18 * 60;
const EXAMPLE = 'e.g. 2025-03-09T19:30:00-05:00';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;
// The pieces below only serve to say what is wrong with a value DATE_TIME refused.
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,](\d*))?)?/;
const OFFSET = /^(?:[Zz]|[+-]\d{2}:?\d{2})/;

function yearProblem(year: number, written: string): string | null {
  return year < MIN_YEAR || year > MAX_YEAR ? `year ${written} is outside ${MIN_YEAR}–${MAX_YEAR}` : null;
}

/** Exactly `YYYY-MM-DD`, a real calendar date in the years 1970–9999. */
export function parseIsoDay(value: string): IsoDay {
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (!match) throw new InvalidDateError('date', value, 'expected YYYY-MM-DD');
  const [, y = '', m = '', d = ''] = match;
  const problem = yearProblem(Number(y), y) ?? calendarDateProblem(Number(y), Number(m), Number(d));
  if (problem) throw new InvalidDateError('date', value, problem);
  return value;
}

function shapeProblem(value: string): string {
  if (DAY.test(value)) return `needs a time and a time-zone offset, ${EXAMPLE}`;
  const local = LOCAL_DATE_TIME.exec(value);
  if (!local) return `is not an ISO 8601 date-time, ${EXAMPLE}`;
  const fraction = local[1];
  if (fraction !== undefined) {
    if (local[0].includes(',')) return 'uses a comma before the fraction of a second; use a point';
    if (fraction.length === 0) return 'has a decimal point without digits after it';
    if (fraction.length > 9) return 'has more than 9 digits of fractional seconds';
  }
  const rest = value.slice(local[0].length);
  if (rest === '') return 'needs a time-zone offset such as Z or -05:00';
  const offset = OFFSET.exec(rest);
  if (offset) return 'has unexpected text after the time-zone offset';
  return 'has an invalid time-zone offset; use Z, ±HH:MM or ±HHMM';
}

/**
 * An ISO 8601 / RFC 3339 date-time that carries an offset: `2025-03-09T19:30:00-05:00`,
 * `2025-03-09 19:30Z`, `2025-03-09T19:30:00.123456+0530`. Fractions beyond milliseconds are truncated.
 */
export function parseIsoDateTime(value: string): Date {
  if (typeof value !== 'string') throw new InvalidDateError('date-time', value, 'expected a string');
  const match = DATE_TIME.exec(value);
  if (!match) throw new InvalidDateError('date-time', value, shapeProblem(value));
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '00', fraction = '', sign, oh = '00', om = '00'] = match;
  const year = Number(y);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetMinutes = Number(oh) * 60 + Number(om);
  const problem =
    yearProblem(year, y) ??
    calendarDateProblem(year, Number(mo), Number(d)) ??
    (hour > 23 ? `hour ${h} is out of range 00–23` : null) ??
    (minute > 59 ? `minute ${mi} is out of range 00–59` : null) ??
    (second > 59 ? `second ${s} is out of range 00–59` : null) ??
    (Number(om) > 59 ? `offset minutes ${om} are out of range 00–59` : null) ??
    (offsetMinutes > MAX_OFFSET_MINUTES ? `offset ${sign}${oh}:${om} is beyond ±18:00` : null);
  if (problem) throw new InvalidDateError('date-time', value, problem);
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallMs =
    epochDayFromParts(year, Number(mo), Number(d)) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return new Date(wallMs - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000);
}
