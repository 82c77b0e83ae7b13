import { seriesProgressNote, startedPoints } from '../../format/period-progress';
import { useShopFacts } from '../shop-context';
import { pointLabels, type Granularity } from './point-labels';

/**
 * The points of a series that have begun, with their labels: a period still under way is marked
 * "so far" on the axis and in its tooltip, and the periods not begun are left out of the chart
 * (not drawn as zeros) and named in a note instead.
 */
export function useStartedSeries<P extends { start: string; end: string }>(series: readonly P[], granularity: Granularity) {
  const { asOf } = useShopFacts();
  const started = startedPoints(series, asOf);
  const { labels, titles } = pointLabels(started.points, granularity);
  if (started.partial) {
    labels[labels.length - 1] = `${labels.at(-1) ?? ''} (so far)`;
    titles[titles.length - 1] = `${titles.at(-1) ?? ''} (so far)`;
  }
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
