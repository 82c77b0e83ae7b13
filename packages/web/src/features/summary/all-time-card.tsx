import { DataSetCard } from '../../components/cards/data-set-card';
import { downloadCsv } from '../../csv/download-file';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDayWithYear } from '../../format/dates';
import { useShopFacts } from '../shop-context';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { RefreshAllTimeQuery } from './all-time-card.query';
import { summaryCsvColumns } from './summary-csv';
import { SummaryTiles, summaryCsvRows } from './summary-tiles';

export const AllTimeCardFragment = graphql(`
  fragment AllTimeCard_insights on TikTokInsights {
    allTime {
      ...SummaryTiles_summary
    }
  }
`);

export function AllTimeCard({ insights }: { insights: FragmentType<typeof AllTimeCardFragment> }) {
  const { allTime } = getFragmentData(AllTimeCardFragment, insights);
  const { aovTarget, asOf } = useShopFacts();
  const onRefresh = useRefreshQuery(RefreshAllTimeQuery);
  const csv = () => summaryCsvRows(allTime, undefined);
  return (
    <DataSetCard
      slug="all-time"
      title="All-time TikTok sales"
      subtitle={`Every TikTok order up to ${formatDayWithYear(asOf)}`}
      size="full"
      help="Your running totals since you started selling on TikTok. Use them to see how big your TikTok business has grown, and check whether your average order value meets your target."
      onRefresh={onRefresh}
      download={() => {
        const { currency, rows } = csv();
        return downloadCsv(`tiktok-all-time-${asOf}.csv`, { columns: summaryCsvColumns(currency, false), rows });
      }}
      downloadNote="These four figures are the whole data set."
    >
      <SummaryTiles cardSlug="all-time" summary={allTime} aovTarget={aovTarget} />
    </DataSetCard>
  );
}
