import { seriesProgressNote, startedPoints } from '../../format/period-progress';
import { useShopFacts } from '../shop-context';
import { pointLabels, type Granularity } from './point-labels';

/**
 * The points of a series that have begun, with their labels: a period still under way is titled
 * "so far" in its tooltip, and the periods not begun are left out of the chart (not drawn as
 * zeros); the note names both.
 */
export function useStartedSeries<P extends { start: string; end: string }>(series: readonly P[], granularity: Granularity) {
  const { asOf } = useShopFacts();
  const started = startedPoints(series, asOf);
  const { labels, titles } = pointLabels(started.points, granularity, asOf);
  // Only the tooltip says "so far": a longer axis label makes the axis skip its neighbours' labels.
  if (started.partial) titles[titles.length - 1] = `${titles.at(-1) ?? ''} (so far)`;
  return { points: started.points, labels, titles, note: seriesProgressNote(started, asOf, granularity) };
}

export function SeriesProgressNote({ note }: { note: string | null }) {
  if (!note) return null;
  return (
    <p className="series-progress muted small" data-testid="series-progress">
      {note}
    </p>
  );
}
