import { DataSetCard } from '../../components/cards/data-set-card';
import { downloadCsv } from '../../csv/download-file';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDayWithYear } from '../../format/dates';
import { useShopFacts } from '../shop-context';
import { summaryCsvColumns } from './summary-csv';
import { SummaryTiles, summaryCsvRows } from './summary-tiles';

export const AllTimeCardFragment = graphql(`
  fragment AllTimeCard_insights on TikTokInsights {
    allTime {
      ...SummaryTiles_summary
    }
  }
`);

export function AllTimeCard({ insights, onRefresh }: { insights: FragmentType<typeof AllTimeCardFragment>; onRefresh: () => Promise<unknown> }) {
  const { allTime } = getFragmentData(AllTimeCardFragment, insights);
  const { currency, aovTarget, asOf } = useShopFacts();
  return (
    <DataSetCard
      slug="all-time"
      title="All-time TikTok sales"
      subtitle={`Every TikTok order up to ${formatDayWithYear(asOf)}`}
      size="full"
      help="Your running totals since you started selling on TikTok. Use them to see how big your TikTok business has grown, and check whether your average order value meets your target."
      onRefresh={onRefresh}
      download={() => downloadCsv(`tiktok-all-time-${asOf}.csv`, { columns: summaryCsvColumns(currency, false), rows: summaryCsvRows(allTime, undefined, currency).rows })}
      downloadNote="These four figures are the whole data set."
    >
      <SummaryTiles cardSlug="all-time" summary={allTime} aovTarget={aovTarget} />
    </DataSetCard>
  );
}
