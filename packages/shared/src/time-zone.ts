import {
  type IsoDay,
  MS_PER_DAY,
  epochDayFromParts,
  epochDayOf,
  formatDayParts,
  isoWeekday,
} from './calendar-day';

// Instants whose day is a four-digit year in every zone (offsets stay within ±1 day).
const MIN_INSTANT_MS = epochDayFromParts(1, 1, 2) * MS_PER_DAY;
const MAX_INSTANT_MS = epochDayFromParts(9999, 12, 31) * MS_PER_DAY - 1;

// Formatters are costly to build; zones are few. The cap only guards against a flood of odd spellings.
const FORMATTER_CACHE_LIMIT = 500;
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (formatter) return formatter;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}`);
  formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
  if (cache.size >= FORMATTER_CACHE_LIMIT) cache.clear();
  cache.set(timeZone, formatter);
  return formatter;
}

const dayFormatter = (timeZone: string) =>
  cachedFormatter(dayFormatters, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });

const wallClockFormatter = (timeZone: string) =>
  cachedFormatter(wallClockFormatters, timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

/**
 * An IANA zone name that Intl knows ("America/Chicago", "UTC", also links such as "US/Central").
 * Fixed offsets such as "+05:00" are refused even where the runtime would take them.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 100) return false;
  if (/^[+\-\u2212]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The name Intl resolves a valid zone to (fixes the letter case, e.g. "america/chicago" → "America/Chicago"). */
export function canonicalTimeZone(tz: string): string {
  return dayFormatter(tz).resolvedOptions().timeZone;
}

function instantMs(instant: Date | number): number {
  // Math.trunc as Date's own time values do, so that a number and `new Date(number)` agree.
  const ms = Math.trunc(typeof instant === 'number' ? instant : instant instanceof Date ? instant.getTime() : Number.NaN);
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) throw new RangeError('The instant falls outside the years 0001–9999');
  return ms;
}

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** The calendar day of an instant in an IANA zone. */
export function dayInZone(instant: Date | number, timeZone: string): IsoDay {
  const ms = instantMs(instant);
  const formatter = dayFormatter(timeZone);
  // format() is about three times faster than formatToParts(); en-US renders MM/DD/YYYY, and
  // formatToParts() remains the fallback for any runtime or year that renders otherwise.
  const match = US_DATE.exec(formatter.format(ms));
  if (match) return `${match[3]}-${match[1]}-${match[2]}`;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return formatDayParts(year, month, day);
}

export function todayInZone(timeZone: string, now: Date = new Date()): IsoDay {
  return dayInZone(now, timeZone);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Local wall-clock time minus UTC, in milliseconds. */
  offsetMs: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, offsetMs: 0 };
  for (const part of wallClockFormatter(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year': clock.year = Number(part.value); break;
      case 'month': clock.month = Number(part.value); break;
      case 'day': clock.day = Number(part.value); break;
      // Some older engines render midnight as hour 24 of the same day.
      case 'hour': clock.hour = Number(part.value) % 24; break;
      case 'minute': clock.minute = Number(part.value); break;
      case 'second': clock.second = Number(part.value); break;
      default: break;
    }
  }
  const wallSeconds =
    epochDayFromParts(clock.year, clock.month, clock.day) * 86_400 + clock.hour * 3600 + clock.minute * 60 + clock.second;
  clock.offsetMs = wallSeconds * 1000 - Math.floor(ms / 1000) * 1000;
  return clock;
}

/** The zone's offset from UTC at an instant, in milliseconds (−18_000_000 for UTC−05:00). */
export function zoneOffsetMs(instant: Date | number, timeZone: string): number {
  return wallClock(instantMs(instant), timeZone).offsetMs;
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` plus `minutesAfterMidnight`.
 * A time skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30 CDT);
 * a time repeated by a fall-back overlap resolves to its earlier instant.
 */
export function zonedInstant(day: IsoDay, minutesAfterMidnight: number, timeZone: string): Date {
  if (!Number.isInteger(minutesAfterMidnight) || minutesAfterMidnight < 0 || minutesAfterMidnight >= 1440) {
    throw new RangeError(`minutesAfterMidnight must be a whole number 0–1439, got ${minutesAfterMidnight}`);
  }
  const wallMs = epochDayOf(day) * MS_PER_DAY + minutesAfterMidnight * 60_000;
  instantMs(wallMs);
  const offsetAt = (ms: number) => wallClock(ms, timeZone).offsetMs;
  // Every offset the zone uses around this wall time; one transition at most falls in ±1 day.
  const before = offsetAt(wallMs - MS_PER_DAY);
  const offsets = new Set([before, offsetAt(wallMs), offsetAt(wallMs + MS_PER_DAY)]);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = wallMs - offset;
    if (offsetAt(candidate) === offset && candidate < earliest) earliest = candidate;
  }
  // No candidate means the wall time is in a gap: read it with the offset in force before the gap.
  return new Date(Number.isFinite(earliest) ? earliest : wallMs - before);
}

/**
 * The weekday (1 = Monday … 7 = Sunday) and hour (0–23) the wall clock in `timeZone` shows at an
 * instant. The hour repeated when clocks fall back is the same hour both times (1 a.m. twice is
 * hour 1 twice); the hour skipped when they spring forward is never shown.
 */
export function wallClockHourOfWeek(instant: Date | number, timeZone: string): { weekday: number; hour: number } {
  const clock = wallClock(instantMs(instant), timeZone);
  return { weekday: isoWeekday(formatDayParts(clock.year, clock.month, clock.day)), hour: clock.hour };
}

const STEADY_OFFSET_CACHE_LIMIT = 20_000;
const steadyOffsets = new Map<string, number | null>();

/**
 * The zone's offset over the whole of `day` (milliseconds), or null when its clocks change within
 * a day of it: then `zonedInstant` resolves each wall time. A file of orders reads thousands of
 * wall times a day, and the answer for a day is kept. Like `zonedInstant`, it takes a zone to
 * change its clocks at most once in any two days, so equal offsets a day before and after mean none.
 */
export function steadyOffsetOfDay(day: IsoDay, timeZone: string): number | null {
  const key = `${timeZone}|${day}`;
  const kept = steadyOffsets.get(key);
  if (kept !== undefined) return kept;
  const midnight = epochDayOf(day) * MS_PER_DAY;
  instantMs(midnight);
  const offsets = [midnight - MS_PER_DAY, midnight + MS_PER_DAY / 2, midnight + 2 * MS_PER_DAY].map(
    (ms) => wallClock(ms, timeZone).offsetMs,
  );
  const steady = offsets.every((offset) => offset === offsets[0]) ? offsets[0]! : null;
  if (steadyOffsets.size >= STEADY_OFFSET_CACHE_LIMIT) steadyOffsets.clear();
  steadyOffsets.set(key, steady);
  return steady;
}

/** An offset as ISO 8601 writes it: `-05:00`, `+05:30`. */
export function formatUtcOffset(offsetMs: number): string {
  return formatOffset(offsetMs);
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.abs(offsetMs) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  // Whole minutes for every zone since 1972; older local mean times carry seconds, written as Temporal does.
  return `${sign}${pad(hours)}:${pad(minutes)}${seconds ? `:${pad(seconds)}` : ''}`;
}

/** ISO 8601 with the zone's offset, e.g. `2025-03-09T19:30:00-05:00`; milliseconds only when non-zero. */
export function formatWithOffset(instant: Date | number, timeZone: string): string {
  const ms = instantMs(instant);
  const clock = wallClock(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const millis = ((ms % 1000) + 1000) % 1000;
  return (
    `${formatDayParts(clock.year, clock.month, clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}` +
    `${millis ? `.${String(millis).padStart(3, '0')}` : ''}${formatOffset(clock.offsetMs)}`
  );
}
