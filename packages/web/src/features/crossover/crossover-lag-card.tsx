import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { DataSetCard } from '../../components/cards/data-set-card';
import { CategoryBarChart } from '../../components/charts/lazy-charts';
import { palette } from '../../components/charts/palette';
import { MetricTile } from '../../components/tiles/metric-tile';
import { downloadCsv } from '../../csv/download-file';
import { formatCount, formatPercent } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { CrossoverLag } from '../../gql/graphql';
import { useShopFacts } from '../shop-context';
import { RefreshCrossoverLagQuery } from './crossover-lag-card.query';

export const CrossoverLagCardFragment = graphql(`
  fragment CrossoverLagCard_crossover on CrossoverInsights {
    crossoverCustomers
    medianDaysToCrossover
    daysToCrossover {
      bucket
      customers
      share
    }
  }
`);

export const LAG_BUCKETS: Record<CrossoverLag, string> = {
  WITHIN_7_DAYS: '0–7 days',
  WITHIN_30_DAYS: '8–30 days',
  WITHIN_90_DAYS: '31–90 days',
  LATER: '91+ days',
};
const ORDER: CrossoverLag[] = ['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER'];

/** "12 days", "12.5 days", "1 day". */
export function formatDays(days: number): string {
  const text = Number.isInteger(days) ? formatCount(days) : days.toFixed(1);
  return `${text} ${days === 1 ? 'day' : 'days'}`;
}

/** The tile's sentence: what the median means for the seller. */
export function medianSentence(median: number | null | undefined): string {
  if (median === null || median === undefined) {
    return 'No crossover buyers yet. Once a TikTok buyer orders in your own store, this shows how long it took them.';
  }
  if (median === 0) return 'Half of your crossover buyers came to your store on the day of their first TikTok order.';
  return `Half of your crossover buyers came to your store within ${formatDays(median)} of their first TikTok order.`;
}

/** Time to crossover: how long TikTok buyers took to order in the shop's own store. */
export function CrossoverLagCard({ crossover: ref }: { crossover: FragmentType<typeof CrossoverLagCardFragment> }) {
  const c = getFragmentData(CrossoverLagCardFragment, ref);
  const onRefresh = useRefreshQuery(RefreshCrossoverLagQuery);
  const { asOf } = useShopFacts();
  const buckets = [...c.daysToCrossover].sort((a, b) => ORDER.indexOf(a.bucket) - ORDER.indexOf(b.bucket));
  const median = c.medianDaysToCrossover ?? null;
  return (
    <DataSetCard
      slug="crossover-lag"
      title="Time to crossover"
      subtitle="Days from a buyer’s first TikTok order to their first order in your store"
      help="Shows when to nudge TikTok buyers toward your own store. If most come within a week, put your store link and a discount code in the parcel; if they take a month or more, send a reminder with a store-only offer about three weeks after their TikTok order."
      onRefresh={onRefresh}
      download={() =>
        downloadCsv(`tiktok-crossover-time-${asOf}.csv`, {
          columns: [
            { header: 'Days after first TikTok order', value: (b: (typeof buckets)[number]) => LAG_BUCKETS[b.bucket] },
            { header: 'Crossover customers', value: (b) => b.customers },
            { header: 'Share of crossover customers (%)', value: (b) => Math.round(b.share * 1000) / 10 },
            { header: 'Median days to crossover (all crossover customers)', value: () => median },
          ],
          rows: buckets,
        })
      }
      downloadNote="Both options give the four groups shown, with the median beside them."
    >
      <div className="crossover-lag">
        <MetricTile
          testId="tile-crossover-lag-median"
          label="Median time to crossover"
          value={median === null ? '—' : formatDays(median)}
          note={<span data-testid="tile-note">{medianSentence(median)}</span>}
        />
        {c.crossoverCustomers === 0 ? (
          <p className="empty-note">No crossover customers yet, so no times to show.</p>
        ) : (
          <CategoryBarChart
            ariaLabel="Crossover customers by days to crossover"
            color={palette.crossover}
            valueTitle="Customers"
            bars={buckets.map((b) => ({
              label: LAG_BUCKETS[b.bucket],
              value: b.customers,
              title: `${LAG_BUCKETS[b.bucket]} after the first TikTok order`,
              lines: [`${formatCount(b.customers)} ${b.customers === 1 ? 'customer' : 'customers'}`, `${formatPercent(b.share)} of crossover customers`],
            }))}
          />
        )}
      </div>
    </DataSetCard>
  );
}
