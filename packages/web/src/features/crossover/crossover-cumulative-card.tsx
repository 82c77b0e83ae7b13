import { DataSetCard } from '../../components/cards/data-set-card';
import { palette } from '../../components/charts/palette';
import { TrendLineChart } from '../../components/charts/lazy-charts';
import { downloadCsv } from '../../csv/download-file';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshCrossoverCumulativeQuery } from './crossover-cumulative-card.query';
import { pointLabels } from '../period-charts/point-labels';
import { useShopFacts } from '../shop-context';

export const CrossoverCumulativeCardFragment = graphql(`
  fragment CrossoverCumulativeCard_crossover on CrossoverInsights {
    cumulativeByWeek {
      start
      end
      cumulativeSourcedCustomers
      cumulativeCrossoverCustomers
    }
  }
`);

export function CrossoverCumulativeCard({ crossover: ref }: { crossover: FragmentType<typeof CrossoverCumulativeCardFragment> }) {
  const weeks = getFragmentData(CrossoverCumulativeCardFragment, ref).cumulativeByWeek;
  const onRefresh = useRefreshQuery(RefreshCrossoverCumulativeQuery);
  const { asOf } = useShopFacts();
  const { labels, titles } = pointLabels(weeks, 'week', asOf);
  // A new shop still gets the week holding today, with nothing in it.
  const empty = weeks.every((w) => w.cumulativeSourcedCustomers === 0);
  return (
    <DataSetCard
      slug="crossover-cumulative"
      title="Crossover customers over time"
      subtitle="Cumulative crossover customers at the end of each week"
      help="A steadily climbing line means TikTok keeps feeding your own store. Flat stretches show weeks where TikTok buyers didn't come back: try a follow-up offer after their first order."
      onRefresh={onRefresh}
      download={() =>
        downloadCsv(`tiktok-crossover-cumulative-${asOf}.csv`, {
          columns: [
            { header: 'Week starting', value: (w: (typeof weeks)[number]) => w.start },
            { header: 'Through', value: (w) => w.end },
            { header: 'Cumulative crossover customers', value: (w) => w.cumulativeCrossoverCustomers },
            { header: 'Cumulative sourced customers', value: (w) => w.cumulativeSourcedCustomers },
          ],
          rows: weeks,
        })
      }
      downloadNote="For a chart, both options give the series shown."
    >
      {empty ? (
        <p className="empty-note">No TikTok customers yet, so no crossover either.</p>
      ) : (
        <TrendLineChart
          labels={labels}
          titles={titles}
          values={weeks.map((w) => w.cumulativeCrossoverCustomers)}
          label="Crossover customers"
          color={palette.crossover}
          fill={palette.crossoverSoft}
          ariaLabel="Cumulative crossover customers by week"
          tooltipLabel={(i) => {
            const w = weeks[i];
            return w
              ? [`Crossover customers: ${formatCount(w.cumulativeCrossoverCustomers)}`, `Sourced customers: ${formatCount(w.cumulativeSourcedCustomers)}`]
              : [];
          }}
        />
      )}
    </DataSetCard>
  );
}
