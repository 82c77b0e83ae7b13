import { DataSetCard } from '../../components/cards/data-set-card';
import { palette } from '../../components/charts/palette';
import { TrendLineChart } from '../../components/charts/lazy-charts';
import { downloadCsv } from '../../csv/download-file';
import { formatCount, formatPercent } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshCrossoverRateQuery } from './crossover-rate-card.query';
import { pointLabels } from '../period-charts/point-labels';
import { useShopFacts } from '../shop-context';

export const CrossoverRateCardFragment = graphql(`
  fragment CrossoverRateCard_crossover on CrossoverInsights {
    cumulativeByWeek {
      start
      end
      crossoverRate
      cumulativeSourcedCustomers
      cumulativeCrossoverCustomers
    }
  }
`);

export function CrossoverRateCard({ crossover: ref }: { crossover: FragmentType<typeof CrossoverRateCardFragment> }) {
  const weeks = getFragmentData(CrossoverRateCardFragment, ref).cumulativeByWeek;
  const onRefresh = useRefreshQuery(RefreshCrossoverRateQuery);
  const { asOf } = useShopFacts();
  const { labels, titles } = pointLabels(weeks, 'week', asOf);
  // A new shop still gets the week holding today, with nothing in it.
  const empty = weeks.every((w) => w.cumulativeSourcedCustomers === 0);
  return (
    <DataSetCard
      slug="crossover-rate"
      title="Crossover rate over time"
      subtitle="Cumulative crossover customers as a % of TikTok-sourced customers"
      help="The share of your TikTok-sourced buyers who have also ordered in your own store. If it rises, your follow-ups work; if it slips while TikTok grows, new TikTok buyers aren't discovering your store yet."
      onRefresh={onRefresh}
      download={() =>
        downloadCsv(`tiktok-crossover-rate-${asOf}.csv`, {
          columns: [
            { header: 'Week starting', value: (w: (typeof weeks)[number]) => w.start },
            { header: 'Through', value: (w) => w.end },
            { header: 'Crossover rate (%)', value: (w) => Math.round(w.crossoverRate * 1000) / 10 },
            { header: 'Cumulative crossover customers', value: (w) => w.cumulativeCrossoverCustomers },
            { header: 'Cumulative sourced customers', value: (w) => w.cumulativeSourcedCustomers },
          ],
          rows: weeks,
        })
      }
      downloadNote="For a chart, both options give the series shown."
    >
      {empty ? (
        <p className="empty-note">No TikTok customers yet, so no crossover rate either.</p>
      ) : (
        <TrendLineChart
          percent
          labels={labels}
          titles={titles}
          values={weeks.map((w) => Math.round(w.crossoverRate * 1000) / 10)}
          label="Crossover rate"
          color={palette.crossover}
          fill={palette.crossoverSoft}
          ariaLabel="Crossover rate by week"
          tooltipLabel={(i) => {
            const w = weeks[i];
            return w
              ? [`Crossover rate: ${formatPercent(w.crossoverRate)}`, `${formatCount(w.cumulativeCrossoverCustomers)} of ${formatCount(w.cumulativeSourcedCustomers)} sourced customers`]
              : [];
          }}
        />
      )}
    </DataSetCard>
  );
}
