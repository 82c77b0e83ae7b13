import { NetReceiptsOrdersChart } from '../../components/charts/lazy-charts';
import { DataSetCard } from '../../components/cards/data-set-card';
import { csvMoneyCell, moneyHeader } from '../../csv/csv-table';
import { downloadCsv } from '../../csv/download-file';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { usePeriodRefresh, type PeriodWindow } from '../period-window';
import { PeriodNetOrdersCardRefresh } from './period-net-orders-card.query';
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
        currency
      }
    }
  }
`);

export function PeriodNetOrdersCard({
  slug,
  period: periodRef,
  granularity,
  periodWindow,
  busy,
}: {
  slug: string;
  period: FragmentType<typeof PeriodNetOrdersCardFragment>;
  granularity: Granularity;
  periodWindow: PeriodWindow;
  busy?: boolean;
}) {
  const period = getFragmentData(PeriodNetOrdersCardFragment, periodRef);
  const onRefresh = usePeriodRefresh(PeriodNetOrdersCardRefresh, periodWindow);
  // The header and the money axis name the amounts' currency (a period without points has no amounts).
  const currency = period.series[0]?.netReceipts.currency;
  const { points: series, labels, titles, note } = useStartedSeries(period.series, granularity);
  const word = periodWord(granularity);
  const empty = series.every((p) => p.orders === 0);
  const download = () =>
    downloadCsv(`tiktok-${slug}-${period.start}-to-${period.end}.csv`, {
      columns: [
        { header: word.column, value: (p: (typeof period.series)[number]) => p.start },
        { header: 'Through', value: (p) => p.end },
        { header: moneyHeader('Net receipts', currency), value: (p) => csvMoneyCell(p.netReceipts.cents, p.netReceipts.currency) },
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
