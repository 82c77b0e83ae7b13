import { NetReceiptsOrdersChart } from '../../components/charts/lazy-charts';
import { DataSetCard } from '../../components/cards/data-set-card';
import { csvMoneyCell } from '../../csv/csv-table';
import { downloadCsv } from '../../csv/download-file';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useShopFacts } from '../shop-context';
import { periodWord, type Granularity } from './point-labels';
import { SeriesProgressNote, useStartedSeries } from './started-series';

export const PeriodNetOrdersCardFragment = graphql(`
  fragment PeriodNetOrdersCard_period on PeriodInsights {
    start
    end
    series {
      start
      end
      orders
      netReceipts {
        cents
      }
    }
  }
`);

export function PeriodNetOrdersCard({
  slug,
  period: periodRef,
  granularity,
  onRefresh,
  busy,
}: {
  slug: string;
  period: FragmentType<typeof PeriodNetOrdersCardFragment>;
  granularity: Granularity;
  onRefresh: () => Promise<unknown>;
  busy?: boolean;
}) {
  const period = getFragmentData(PeriodNetOrdersCardFragment, periodRef);
  const { currency } = useShopFacts();
  const { points: series, labels, titles, note } = useStartedSeries(period.series, granularity);
  const word = periodWord(granularity);
  const empty = series.every((p) => p.orders === 0);
  const download = () =>
    downloadCsv(`tiktok-${slug}-${period.start}-to-${period.end}.csv`, {
      columns: [
        { header: word.column, value: (p: (typeof period.series)[number]) => p.start },
        { header: 'Through', value: (p) => p.end },
        { header: `Net receipts (${currency})`, value: (p) => csvMoneyCell(p.netReceipts.cents, currency) },
        { header: 'Orders', value: (p) => p.orders },
      ],
      rows: series,
    });
  return (
    <DataSetCard
      slug={slug}
      title={granularity === 'day' ? 'Daily net receipts & orders' : 'Weekly net receipts & orders'}
      subtitle={`TikTok net receipts (bars) and orders (line) by ${word.noun}`}
      help={`Spot your strongest ${word.noun}s and line them up with when you went live. If orders rise but net receipts don't, buyers are choosing cheaper items or using more discounts.`}
      onRefresh={onRefresh}
      busy={busy}
      download={download}
      downloadNote="For a chart, both options give the series shown."
    >
      {empty && <p className="empty-note">No TikTok orders in this period yet.</p>}
      <SeriesProgressNote note={note} />
      <NetReceiptsOrdersChart
        currency={currency}
        ariaLabel={`Net receipts and orders by ${word.noun}`}
        points={series.map((p, i) => ({
          label: labels[i] ?? p.start,
          title: titles[i] ?? p.start,
          netReceiptsCents: p.netReceipts.cents,
          orders: p.orders,
        }))}
      />
    </DataSetCard>
  );
}
