import { type IsoDay, type WeekStart, addDays, daysInMonth, formatDayParts, weekEndOf, weekStartOf } from './calendar-day';
import type { DayWindow } from './windows';

/** How customers are grouped into cohorts: by calendar month or by week (starting on the shop's week start). */
export type CohortPeriodKind = 'MONTH' | 'WEEK';

/** The most cohorts one request may ask for. */
export const MAX_COHORTS = 120;

function monthParts(day: IsoDay): [year: number, month: number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
}

export function monthStartOf(day: IsoDay): IsoDay {
  const [year, month] = monthParts(day);
  return formatDayParts(year, month, 1);
}

export function monthEndOf(day: IsoDay): IsoDay {
  const [year, month] = monthParts(day);
  return formatDayParts(year, month, daysInMonth(year, month));
}

/** The calendar month or week that holds `day`. */
export function cohortPeriodOf(day: IsoDay, kind: CohortPeriodKind, weekStartsOn: WeekStart): DayWindow {
  if (kind === 'MONTH') return { start: monthStartOf(day), end: monthEndOf(day) };
  return { start: weekStartOf(day, weekStartsOn), end: weekEndOf(day, weekStartsOn) };
}

/** The `count` periods up to and including the one that holds `last`, oldest first. */
export function cohortPeriodsUpTo(last: IsoDay, count: number, kind: CohortPeriodKind, weekStartsOn: WeekStart): DayWindow[] {
  const periods: DayWindow[] = [];
  let period = cohortPeriodOf(last, kind, weekStartsOn);
  for (let i = 0; i < count; i++) {
    periods.unshift(period);
    period = cohortPeriodOf(addDays(period.start, -1), kind, weekStartsOn);
  }
  return periods;
}
