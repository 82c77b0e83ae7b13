import {
  type IsoDay,
  type WeekStart,
  MAX_EPOCH_DAY,
  addDays,
  compareDays,
  dayOfEpochDay,
  daysBetween,
  epochDayOf,
  weekStartOf,
} from './calendar-day';
import { DateRangeError } from './errors';
import { zonedInstant } from './time-zone';

/** Inclusive at both ends. */
export interface DayWindow {
  start: IsoDay;
  end: IsoDay;
}

export const DEFAULT_RANGE_WEEKS = 6;
export const MAX_RANGE_WEEKS = 520;

export function windowLength(w: DayWindow): number {
  const days = daysBetween(w.start, w.end) + 1;
  if (days < 1) throw new RangeError(`The window ${w.start} … ${w.end} ends before it starts`);
  return days;
}

export function windowContains(w: DayWindow, day: IsoDay): boolean {
  return compareDays(w.start, day) <= 0 && compareDays(day, w.end) <= 0;
}

/** The 7 full days before asOf; asOf itself, still under way, is left out. */
export function last7Days(asOf: IsoDay): DayWindow {
  return { start: addDays(asOf, -7), end: addDays(asOf, -1) };
}

/** The 6 full weeks before the week that holds asOf. */
export function defaultWeekRange(asOf: IsoDay, weekStartsOn: WeekStart): DayWindow {
  const currentWeek = weekStartOf(asOf, weekStartsOn);
  return { start: addDays(currentWeek, -7 * DEFAULT_RANGE_WEEKS), end: addDays(currentWeek, -1) };
}

function snappedWeekEnd(day: IsoDay, weekStartsOn: WeekStart, field: 'from' | 'to'): IsoDay {
  const end = epochDayOf(weekStartOf(day, weekStartsOn)) + 6;
  if (end > MAX_EPOCH_DAY) throw new DateRangeError(field, `${field} (${day}) is too late: its week ends after 9999-12-31`);
  return dayOfEpochDay(end);
}

/**
 * The weeks of `dateRange(from, to)`: `from` moved back to its week's start, `to` forward to its
 * week's end. Without both, the default 6 weeks; with only `from`, up to the default range's end
 * (or `from`'s own week, if later); with only `to`, the 6 weeks ending with `to`'s week.
 */
export function resolveWeekRange(
  asOf: IsoDay,
  weekStartsOn: WeekStart,
  from?: IsoDay | null,
  to?: IsoDay | null,
): DayWindow {
  const hasFrom = from !== undefined && from !== null;
  const hasTo = to !== undefined && to !== null;
  if (!hasFrom && !hasTo) return defaultWeekRange(asOf, weekStartsOn);
  if (hasFrom && hasTo && compareDays(to, from) < 0) {
    throw new DateRangeError('to', `to (${to}) is before from (${from})`);
  }
  let window: DayWindow;
  if (hasFrom) {
    const start = weekStartOf(from, weekStartsOn);
    let end: IsoDay;
    if (hasTo) {
      end = snappedWeekEnd(to, weekStartsOn, 'to');
    } else {
      const defaultEnd = defaultWeekRange(asOf, weekStartsOn).end;
      const fromWeekEnd = snappedWeekEnd(from, weekStartsOn, 'from');
      end = compareDays(fromWeekEnd, defaultEnd) > 0 ? fromWeekEnd : defaultEnd;
    }
    window = { start, end };
  } else {
    const end = snappedWeekEnd(to as IsoDay, weekStartsOn, 'to');
    window = { start: addDays(end, 1 - 7 * DEFAULT_RANGE_WEEKS), end };
  }
  const weeks = windowLength(window) / 7;
  if (weeks > MAX_RANGE_WEEKS) {
    throw new DateRangeError(
      hasTo ? 'to' : 'from',
      `The range ${window.start} … ${window.end} spans ${weeks} weeks; at most ${MAX_RANGE_WEEKS} are allowed`,
    );
  }
  return window;
}

/** The equally long window that ends the day before `w` starts. */
export function previousWindow(w: DayWindow): DayWindow {
  const length = windowLength(w);
  return { start: addDays(w.start, -length), end: addDays(w.start, -1) };
}

/** The instants a window covers in a zone: from its first local midnight up to, not including, the one after its last day. */
export function windowInstants(w: DayWindow, timeZone: string): { start: Date; endExclusive: Date } {
  windowLength(w);
  return { start: zonedInstant(w.start, 0, timeZone), endExclusive: zonedInstant(addDays(w.end, 1), 0, timeZone) };
}
