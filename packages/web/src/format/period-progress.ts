import { compareDays } from '@tiktok-insights/shared';
import { formatDay } from './dates';

/**
 * Where a window stands against asOf (today in the shop's time zone, itself still under way):
 * over, under way (its figures run through asOf), or not begun. Only a window that is over can be
 * compared fairly with the equally long period before it.
 */
export type PeriodProgress = { state: 'complete' } | { state: 'in-progress'; through: string } | { state: 'not-started'; starts: string };

export function periodProgress(period: { start: string; end: string }, asOf: string): PeriodProgress {
  if (compareDays(period.start, asOf) > 0) return { state: 'not-started', starts: period.start };
  if (compareDays(period.end, asOf) >= 0) return { state: 'in-progress', through: asOf };
  return { state: 'complete' };
}

export interface StartedPoints<P> {
  /** The points that have begun (the last one may be under way). */
  points: P[];
  /** The point holding asOf, when it is among them. */
  partial: P | null;
  /** The points that have not begun yet. */
  future: P[];
}

/** A series split at asOf: a period that has not begun is not a zero, it is not there yet. */
export function startedPoints<P extends { start: string; end: string }>(series: readonly P[], asOf: string): StartedPoints<P> {
  const points = series.filter((p) => compareDays(p.start, asOf) <= 0);
  const last = points.at(-1);
  return {
    points,
    partial: last && compareDays(last.end, asOf) >= 0 ? last : null,
    future: series.filter((p) => compareDays(p.start, asOf) > 0),
  };
}

/** The sentence under a chart whose series reaches past asOf; null when it is all in the past. */
export function seriesProgressNote(started: StartedPoints<{ start: string; end: string }>, asOf: string, noun: 'day' | 'week'): string | null {
  const parts: string[] = [];
  if (started.partial) {
    parts.push(
      noun === 'week'
        ? `The week of ${formatDay(started.partial.start)} is still under way (counted through ${formatDay(asOf)})`
        : `${formatDay(started.partial.start)} is still under way`,
    );
  }
  const n = started.future.length;
  if (n > 0) {
    const first = started.future[0]!;
    const one = noun === 'week' ? `the week of ${formatDay(first.start)}` : formatDay(first.start);
    parts.push(n === 1 ? `${one} has not started yet` : `the ${n} ${noun}s from ${formatDay(first.start)} have not started yet`);
  }
  if (parts.length === 0) return null;
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
