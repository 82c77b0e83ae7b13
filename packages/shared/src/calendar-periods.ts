import { type IsoDay, type WeekStart, addDays, compareDays, monthEndOf, monthStartOf, weekEndOf, weekStartOf } from './calendar-day';
import type { DayWindow } from './windows';

/** How cohorts group days: calendar months, or weeks starting on the shop's `weekStartsOn`. */
export const COHORT_PERIODS = ['MONTH', 'WEEK'] as const;
export type CohortPeriod = (typeof COHORT_PERIODS)[number];

/** The calendar month, or the week by `weekStartsOn`, that holds `day`. */
export function calendarPeriodOf(day: IsoDay, by: CohortPeriod, weekStartsOn: WeekStart): DayWindow {
  if (by === 'MONTH') return { start: monthStartOf(day), end: monthEndOf(day) };
  if (by === 'WEEK') return { start: weekStartOf(day, weekStartsOn), end: weekEndOf(day, weekStartsOn) };
  throw new RangeError(`Unknown period ${String(by)}; expected MONTH or WEEK`);
}

/** The `count` periods up to and including the one that holds `last`, oldest first. */
export function lastCalendarPeriods(last: IsoDay, by: CohortPeriod, count: number, weekStartsOn: WeekStart): DayWindow[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const periods: DayWindow[] = [];
  let day = last;
  for (let i = 0; i < count; i++) {
    const period = calendarPeriodOf(day, by, weekStartsOn);
    periods.push(period);
    if (i + 1 < count) day = addDays(period.start, -1);
  }
  return periods.reverse();
}

/** The periods from the one that holds `from` to the one that holds `to`, oldest first; none when `to` is earlier. */
export function calendarPeriodsBetween(from: IsoDay, to: IsoDay, by: CohortPeriod, weekStartsOn: WeekStart): DayWindow[] {
  const periods: DayWindow[] = [];
  if (compareDays(to, from) < 0) return periods;
  const lastStart = calendarPeriodOf(to, by, weekStartsOn).start;
  let period = calendarPeriodOf(from, by, weekStartsOn);
  for (;;) {
    periods.push(period);
    if (period.start === lastStart) return periods;
    period = calendarPeriodOf(addDays(period.end, 1), by, weekStartsOn);
  }
}
