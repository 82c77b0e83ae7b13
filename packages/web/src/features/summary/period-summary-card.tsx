import { daysBetween } from '@tiktok-insights/shared';
import { DataSetCard } from '../../components/cards/data-set-card';
import { downloadCsv } from '../../csv/download-file';
import { formatDayRange, formatDayWithYear } from '../../format/dates';
import { periodProgress, type PeriodProgress } from '../../format/period-progress';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { usePeriodRefresh, type PeriodWindow } from '../period-window';
import { PeriodSummaryCardRefresh } from './period-summary-card.query';
import { useShopFacts } from '../shop-context';
import { CancellationsTile, cancellationsCsvRows } from './cancellations-tile';
import { summaryCsvColumns } from './summary-csv';
import { SummaryTiles, summaryCsvRows } from './summary-tiles';

export const PeriodSummaryCardFragment = graphql(`
  fragment PeriodSummaryCard_period on PeriodInsights {
    start
    end
    previousStart
    previousEnd
    summary {
      ...SummaryTiles_summary
    }
    previous {
      ...SummaryTiles_summary
    }
    cancellations {
      ...CancellationsTile_summary
    }
    previousCancellations {
      ...CancellationsTile_summary
    }
  }
`);

/** "previous 7 days" / "previous 6 weeks". */
export function previousLabel(start: string, end: string, granularity: 'day' | 'week'): string {
  const days = daysBetween(start, end) + 1;
  if (granularity === 'day') return days === 1 ? 'previous day' : `previous ${days} days`;
  const weeks = Math.round(days / 7);
  return weeks === 1 ? 'previous week' : `previous ${weeks} weeks`;
}

function comparedWith(progress: PeriodProgress, previousStart: string, previousEnd: string): string {
  if (progress.state === 'in-progress') return `in progress, counted through ${formatDayWithYear(progress.through)}; compared once it is over`;
  if (progress.state === 'not-started') return `not started yet: it starts ${formatDayWithYear(progress.starts)}`;
  return `compared with ${formatDayRange(previousStart, previousEnd)}`;
}

export function PeriodSummaryCard({
  slug,
  title,
  period: periodRef,
  granularity,
  help,
  periodWindow,
  busy,
}: {
  slug: string;
  title: string;
  period: FragmentType<typeof PeriodSummaryCardFragment>;
  granularity: 'day' | 'week';
  help: string;
  periodWindow: PeriodWindow;
  busy?: boolean;
}) {
  const period = getFragmentData(PeriodSummaryCardFragment, periodRef);
  const onRefresh = usePeriodRefresh(PeriodSummaryCardRefresh, periodWindow);
  const { aovTarget, asOf } = useShopFacts();
  const label = previousLabel(period.start, period.end, granularity);
  const progress = periodProgress(period, asOf);
  return (
    <DataSetCard
      slug={slug}
      title={title}
      subtitle={
        <>
          {formatDayRange(period.start, period.end)} <span className="muted">· {comparedWith(progress, period.previousStart, period.previousEnd)}</span>
        </>
      }
      size="full"
      help={help}
      busy={busy}
      onRefresh={onRefresh}
      download={() => {
        const { currency, rows } = summaryCsvRows(period.summary, period.previous);
        return downloadCsv(`tiktok-${slug}-${period.start}-to-${period.end}.csv`, {
          columns: summaryCsvColumns(currency, true),
          rows: [...rows, ...cancellationsCsvRows(period.cancellations, period.previousCancellations)],
        });
      }}
      downloadNote="These figures, with the previous period beside them, are the whole data set."
    >
      <SummaryTiles cardSlug={slug} summary={period.summary} previous={period.previous} periodLabel={label} aovTarget={aovTarget} progress={progress}>
        <CancellationsTile
          cardSlug={slug}
          cancellations={period.cancellations}
          previous={period.previousCancellations}
          periodLabel={label}
          progress={progress}
        />
      </SummaryTiles>
    </DataSetCard>
  );
}
