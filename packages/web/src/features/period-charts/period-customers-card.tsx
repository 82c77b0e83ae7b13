import { DataSetCard } from '../../components/cards/data-set-card';
import { palette } from '../../components/charts/palette';
import { StackedBarChart } from '../../components/charts/lazy-charts';
import { downloadCsv } from '../../csv/download-file';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { usePeriodRefresh, type PeriodWindow } from '../period-window';
import { PeriodCustomersCardRefresh } from './period-customers-card.query';
import { periodWord, type Granularity } from './point-labels';
import { SeriesProgressNote, useStartedSeries } from './started-series';

export const PeriodCustomersCardFragment = graphql(`
  fragment PeriodCustomersCard_period on PeriodInsights {
    start
    end
    series {
      start
      end
      uniqueCustomers
      firstTimeCustomers
      repeatCustomers
    }
  }
`);

export function PeriodCustomersCard({
  slug,
  period: periodRef,
  granularity,
  periodWindow,
  busy,
}: {
  slug: string;
  period: FragmentType<typeof PeriodCustomersCardFragment>;
  granularity: Granularity;
  periodWindow: PeriodWindow;
  busy?: boolean;
}) {
  const period = getFragmentData(PeriodCustomersCardFragment, periodRef);
  const onRefresh = usePeriodRefresh(PeriodCustomersCardRefresh, periodWindow);
  const { points: series, labels, titles, note } = useStartedSeries(period.series, granularity);
  const word = periodWord(granularity);
  const empty = series.every((p) => p.uniqueCustomers === 0);
  const download = () =>
    downloadCsv(`tiktok-${slug}-${period.start}-to-${period.end}.csv`, {
      columns: [
        { header: word.column, value: (p: (typeof period.series)[number]) => p.start },
        { header: 'Through', value: (p) => p.end },
        { header: 'First-time customers', value: (p) => p.firstTimeCustomers },
        { header: 'Repeat customers', value: (p) => p.repeatCustomers },
        { header: 'Unique customers', value: (p) => p.uniqueCustomers },
      ],
      rows: series,
    });
  return (
    <DataSetCard
      slug={slug}
      title={granularity === 'day' ? 'First-time vs repeat customers by day' : 'First-time vs repeat customers by week'}
      subtitle="Unique TikTok customers who bought, split by whether it was their first TikTok order"
      help="Lots of first-time buyers means your lives reach new people; a growing repeat share means your followers keep coming back. Thank repeat buyers with early access to new drops."
      onRefresh={onRefresh}
      busy={busy}
      download={download}
      downloadNote="For a chart, both options give the series shown."
    >
      {empty && <p className="empty-note">No TikTok customers in this period yet.</p>}
      <SeriesProgressNote note={note} />
      <StackedBarChart
        labels={labels}
        titles={titles}
        ariaLabel={`First-time and repeat customers by ${word.noun}`}
        series={[
          { label: 'First-time', color: palette.firstTime, values: series.map((p) => p.firstTimeCustomers) },
          { label: 'Repeat', color: palette.repeat, values: series.map((p) => p.repeatCustomers) },
        ]}
        tooltipLabel={(seriesIndex, i) => {
          const p = series[i];
          if (!p) return '';
          return seriesIndex === 0 ? `First-time: ${formatCount(p.firstTimeCustomers)}` : `Repeat: ${formatCount(p.repeatCustomers)} (of ${formatCount(p.uniqueCustomers)} unique)`;
        }}
      />
    </DataSetCard>
  );
}
