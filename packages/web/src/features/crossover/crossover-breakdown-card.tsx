import { DataSetCard } from '../../components/cards/data-set-card';
import { DoughnutChart } from '../../components/charts/lazy-charts';
import { palette } from '../../components/charts/palette';
import { downloadCsv } from '../../csv/download-file';
import { formatCount, formatPercent } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshCrossoverBreakdownQuery } from './crossover-breakdown-card.query';
import type { CrossoverBucketKind } from '../../gql/graphql';
import { useShopFacts } from '../shop-context';

export const CrossoverBreakdownCardFragment = graphql(`
  fragment CrossoverBreakdownCard_crossover on CrossoverInsights {
    sourcedCustomers
    orderBreakdown {
      bucket
      customers
      share
    }
  }
`);

const BUCKETS: Record<CrossoverBucketKind, { label: string; color: string }> = {
  NONE: { label: 'No store order yet', color: palette.buckets[0] },
  ONE: { label: '1 store order', color: palette.buckets[1] },
  TWO: { label: '2 store orders', color: palette.buckets[2] },
  THREE_OR_MORE: { label: '3 or more store orders', color: palette.buckets[3] },
};
const ORDER: CrossoverBucketKind[] = ['NONE', 'ONE', 'TWO', 'THREE_OR_MORE'];

export function CrossoverBreakdownCard({ crossover: ref }: { crossover: FragmentType<typeof CrossoverBreakdownCardFragment> }) {
  const c = getFragmentData(CrossoverBreakdownCardFragment, ref);
  const onRefresh = useRefreshQuery(RefreshCrossoverBreakdownQuery);
  const { asOf } = useShopFacts();
  const buckets = [...c.orderBreakdown].sort((a, b) => ORDER.indexOf(a.bucket) - ORDER.indexOf(b.bucket));
  return (
    <DataSetCard
      slug="crossover-breakdown"
      title="Store orders after TikTok"
      subtitle="TikTok-sourced customers by how many store orders they placed since"
      help="Shows how loyal your crossover buyers become. Customers with one store order are your best audience for a second-order offer; those with three or more are VIPs."
      onRefresh={onRefresh}
      download={() =>
        downloadCsv(`tiktok-crossover-breakdown-${asOf}.csv`, {
          columns: [
            { header: 'Store orders after first TikTok order', value: (b: (typeof buckets)[number]) => BUCKETS[b.bucket].label },
            { header: 'Customers', value: (b) => b.customers },
            { header: 'Share of sourced customers (%)', value: (b) => Math.round(b.share * 1000) / 10 },
          ],
          rows: buckets,
        })
      }
      downloadNote="For a chart, both options give the breakdown shown."
    >
      {c.sourcedCustomers === 0 ? (
        <p className="empty-note">No TikTok-sourced customers yet.</p>
      ) : (
        <DoughnutChart
          ariaLabel="Sourced customers by number of store orders"
          slices={buckets.map((b) => ({
            label: BUCKETS[b.bucket].label,
            value: b.customers,
            color: BUCKETS[b.bucket].color,
            tooltip: `${BUCKETS[b.bucket].label}: ${formatCount(b.customers)} (${formatPercent(b.share)})`,
          }))}
        />
      )}
    </DataSetCard>
  );
}
