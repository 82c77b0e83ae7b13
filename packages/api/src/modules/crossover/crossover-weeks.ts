import {
  crossoverWeek,
  DateRangeError,
  MAX_RANGE_WEEKS,
  weekBuckets,
  weekEndOf,
  weekStartOf,
  type CrossoverWeekData,
  type DayWindow,
  type WeekStart,
} from '@tiktok-insights/shared';

/**
 * The weeks of `cumulativeByWeek`: by default from the week of the first counted TikTok order
 * to the week holding asOf (just that week when there is none); given bounds snap to whole weeks
 * and a range starting at a given `from` holds at most 520 weeks.
 */
export function crossoverWeeksWindow(
  asOf: string,
  weekStartsOn: WeekStart,
  firstTikTokDay: string | null,
  from: string | null,
  to: string | null,
): DayWindow {
  const start = weekStartOf(from ?? firstTikTokDay ?? asOf, weekStartsOn);
  const end = weekEndOf(to ?? asOf, weekStartsOn);
  if (from !== null && to !== null && to < from) throw new DateRangeError('to', '`to` is before `from`.');
  if (end < start) {
    throw new DateRangeError(to !== null ? 'to' : 'from', 'The weeks end before they start; give both `from` and `to`.');
  }
  // The default runs over the whole TikTok history, however long; a range asked for is capped.
  const weeks = weekBuckets({ start, end }, weekStartsOn).length;
  if (from !== null && weeks > MAX_RANGE_WEEKS) {
    throw new DateRangeError('from', `At most ${MAX_RANGE_WEEKS} weeks; this asks for ${weeks}.`);
  }
  return { start, end };
}

/** A running total over (day, count) pairs sorted by day, read at increasing days. */
function runningTotal(days: ReadonlyArray<readonly [string, number]>) {
  let next = 0;
  let total = 0;
  return (last: string): number => {
    while (next < days.length && days[next]![0] <= last) total += days[next++]![1];
    return total;
  };
}

/** New sourced and crossover customers per day (sorted), totalled at each week's end (never past asOf). */
export function cumulativeWeeks(
  window: DayWindow,
  weekStartsOn: WeekStart,
  asOf: string,
  sourcedByDay: ReadonlyArray<readonly [string, number]>,
  crossoverByDay: ReadonlyArray<readonly [string, number]>,
): CrossoverWeekData[] {
  const sourcedUpTo = runningTotal(sourcedByDay);
  const crossoverUpTo = runningTotal(crossoverByDay);
  return weekBuckets(window, weekStartsOn).map((week) => {
    const last = week.end < asOf ? week.end : asOf;
    return crossoverWeek(week, sourcedUpTo(last), crossoverUpTo(last));
  });
}
