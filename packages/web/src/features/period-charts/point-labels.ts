import { formatDay, formatDayWithWeekday, formatWeek } from '../../format/dates';

export type Granularity = 'day' | 'week';

/** Axis label ("Mar 3") and tooltip title ("Tue, Mar 3" / "Week of Mar 3 – Mar 9") of a point. */
export function pointLabels(points: readonly { start: string; end: string }[], granularity: Granularity) {
  return {
    labels: points.map((p) => formatDay(p.start)),
    titles: points.map((p) => (granularity === 'day' ? formatDayWithWeekday(p.start) : formatWeek(p.start, p.end))),
  };
}

export function periodWord(granularity: Granularity): { column: string; noun: string } {
  return granularity === 'day' ? { column: 'Day', noun: 'day' } : { column: 'Week starting', noun: 'week' };
}
