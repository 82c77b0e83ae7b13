import { chartNeedsYear, formatDay, formatDayWithWeekday, formatDayWithYear, formatWeek } from '../../format/dates';

export type Granularity = 'day' | 'week';

/**
 * Axis label ("Mar 3") and tooltip title ("Tue, Mar 3" / "Week of Mar 3 – Mar 9") of each point
 * of a chart; all with their year ("Nov 25, 2024", "Week of Nov 25 – Dec 1, 2024") when the
 * points are not all in the year of `today`.
 */
export function pointLabels(points: readonly { start: string; end: string }[], granularity: Granularity, today: string) {
  const withYear = chartNeedsYear(
    points.flatMap((p) => [p.start, p.end]),
    today,
  );
  return {
    labels: points.map((p) => (withYear ? formatDayWithYear(p.start) : formatDay(p.start))),
    titles: points.map((p) => (granularity === 'day' ? formatDayWithWeekday(p.start, withYear) : formatWeek(p.start, p.end, withYear))),
  };
}

export function periodWord(granularity: Granularity): { column: string; noun: string } {
  return granularity === 'day' ? { column: 'Day', noun: 'day' } : { column: 'Week starting', noun: 'week' };
}
