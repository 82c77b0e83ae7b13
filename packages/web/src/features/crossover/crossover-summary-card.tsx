import { DataSetCard } from '../../components/cards/data-set-card';
import { MetricTile, TileGrid } from '../../components/tiles/metric-tile';
import { csvMoneyCell } from '../../csv/csv-table';
import { downloadCsv } from '../../csv/download-file';
import { formatCount, formatPercent } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshCrossoverSummaryQuery } from './crossover-summary-card.query';
import { useShopFacts } from '../shop-context';

export const CrossoverSummaryCardFragment = graphql(`
  fragment CrossoverSummaryCard_crossover on CrossoverInsights {
    sourcedCustomers
    crossoverCustomers
    crossoverRate
    crossoverNonTikTokNetReceipts {
      cents
      currency
      formatted
    }
  }
`);

export function CrossoverSummaryCard({ crossover: ref }: { crossover: FragmentType<typeof CrossoverSummaryCardFragment> }) {
  const c = getFragmentData(CrossoverSummaryCardFragment, ref);
  const onRefresh = useRefreshQuery(RefreshCrossoverSummaryQuery);
  const { asOf } = useShopFacts();
  const { currency } = c.crossoverNonTikTokNetReceipts;
  const rows = [
    { metric: 'TikTok-sourced customers', value: c.sourcedCustomers },
    { metric: 'Crossover rate (%)', value: Math.round(c.crossoverRate * 1000) / 10 },
    { metric: 'Sourced customers with crossover', value: c.crossoverCustomers },
    { metric: `Crossover non-TikTok net receipts (${currency})`, value: csvMoneyCell(c.crossoverNonTikTokNetReceipts.cents, currency) },
  ];
  return (
    <DataSetCard
      slug="crossover-summary"
      title="TikTok buyers who came back to your store"
      subtitle="Crossover: TikTok-sourced customers who later ordered in your own app or website, matched by address"
      size="full"
      help="This is the value TikTok brings beyond TikTok itself: buyers who found you there and then bought from your own store. Slip a card with a store discount code into TikTok orders to grow it."
      onRefresh={onRefresh}
      download={() =>
        downloadCsv(`tiktok-crossover-summary-${asOf}.csv`, {
          columns: [
            { header: 'Metric', value: (r: (typeof rows)[number]) => r.metric },
            { header: 'Value', value: (r) => r.value },
          ],
          rows,
        })
      }
      downloadNote="These four figures are the whole data set."
    >
      <TileGrid label="Crossover figures">
        <MetricTile
          testId="tile-crossover-summary-sourced"
          label="TikTok-sourced customers"
          value={formatCount(c.sourcedCustomers)}
          note="First bought from you on TikTok"
        />
        <MetricTile
          testId="tile-crossover-summary-crossover-rate"
          label="Crossover rate"
          value={formatPercent(c.crossoverRate)}
          note="Of sourced customers"
        />
        <MetricTile
          testId="tile-crossover-summary-crossover-customers"
          label="Sourced customers with crossover"
          value={formatCount(c.crossoverCustomers)}
          note="Later ordered in your store"
        />
        <MetricTile
          testId="tile-crossover-summary-crossover-net"
          label="Crossover non-TikTok net receipts"
          value={c.crossoverNonTikTokNetReceipts.formatted}
          note="Their store orders after TikTok"
        />
      </TileGrid>
    </DataSetCard>
  );
}
