import { InvalidDateError } from './errors';

/** A calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

export const WEEK_STARTS = ['MONDAY', 'SUNDAY'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

export const MS_PER_DAY = 86_400_000;

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why year-month-day is not a real calendar date, or null when it is. */
export function calendarDateProblem(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `month ${String(month).padStart(2, '0')} does not exist`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `day ${String(day).padStart(2, '0')} does not exist (${MONTH_NAMES[month - 1]} ${year} has ${last} days)`;
  }
  return null;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, in plain integer arithmetic
// (H. Hinnant's days_from_civil) so that no Date quirk such as years 0–99 meaning 1900–1999 applies.
export function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function partsFromEpochDay(epochDay: number): [year: number, month: number, day: number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The first and last days a four-digit `YYYY` can name. */
export const MIN_EPOCH_DAY = epochDayFromParts(0, 1, 1);
export const MAX_EPOCH_DAY = epochDayFromParts(9999, 12, 31);

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (any year 0000–9999); throws InvalidDateError otherwise. */
export function epochDayOf(day: IsoDay): number {
  const match = typeof day === 'string' ? DAY_SHAPE.exec(day) : null;
  if (!match) throw new InvalidDateError('date', day, 'expected YYYY-MM-DD');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  const problem = calendarDateProblem(year, month, dayOfMonth);
  if (problem) throw new InvalidDateError('date', day, problem);
  return epochDayFromParts(year, month, dayOfMonth);
}

export function dayOfEpochDay(epochDay: number): IsoDay {
  if (!Number.isSafeInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new RangeError('The day falls outside the years 0000–9999');
  }
  const [year, month, day] = partsFromEpochDay(epochDay);
  return formatDayParts(year, month, day);
}

export function formatDayParts(year: number, month: number, day: number): IsoDay {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(day: IsoDay, n: number): IsoDay {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return dayOfEpochDay(epochDayOf(day) + n);
}

/** b − a in days. */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return epochDayOf(b) - epochDayOf(a);
}

export function compareDays(a: IsoDay, b: IsoDay): number {
  return Math.sign(epochDayOf(a) - epochDayOf(b));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: IsoDay): number {
  // 1970-01-01 was a Thursday.
  return (((epochDayOf(day) + 4) % 7) + 7) % 7;
}

function firstWeekday(weekStartsOn: WeekStart): number {
  if (weekStartsOn === 'MONDAY') return 1;
  if (weekStartsOn === 'SUNDAY') return 0;
  throw new RangeError(`Unknown week start ${String(weekStartsOn)}; expected MONDAY or SUNDAY`);
}

export function weekStartOf(day: IsoDay, weekStartsOn: WeekStart): IsoDay {
  const back = (dayOfWeek(day) - firstWeekday(weekStartsOn) + 7) % 7;
  return addDays(day, -back);
}

export function weekEndOf(day: IsoDay, weekStartsOn: WeekStart): IsoDay {
  return addDays(weekStartOf(day, weekStartsOn), 6);
}

export function isWeekStart(day: IsoDay, weekStartsOn: WeekStart): boolean {
  return dayOfWeek(day) === firstWeekday(weekStartsOn);
}

/** 1 = Monday … 7 = Sunday (ISO 8601), as the hour-of-week grid numbers its rows. */
export function isoWeekday(day: IsoDay): number {
  return ((dayOfWeek(day) + 6) % 7) + 1;
}
