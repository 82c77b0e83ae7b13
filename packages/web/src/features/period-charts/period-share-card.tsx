import { formatMoney } from '@tiktok-insights/shared';
import { DataSetCard } from '../../components/cards/data-set-card';
import { palette } from '../../components/charts/palette';
import { StackedBarChart } from '../../components/charts/lazy-charts';
import { csvMoneyCell, moneyHeader } from '../../csv/csv-table';
import { downloadCsv } from '../../csv/download-file';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { usePeriodRefresh, type PeriodWindow } from '../period-window';
import { PeriodShareCardRefresh } from './period-share-card.query';
import { periodWord, type Granularity } from './point-labels';
import { SeriesProgressNote, useStartedSeries } from './started-series';

export const PeriodShareCardFragment = graphql(`
  fragment PeriodShareCard_period on PeriodInsights {
    start
    end
    series {
      start
      end
      tiktokShare
      netReceipts {
        cents
        currency
      }
      nonTikTokNetReceipts {
        cents
        currency
      }
      allChannelsNetReceipts {
        cents
        currency
      }
    }
  }
`);

const round1 = (n: number) => Math.round(n * 10) / 10;

export function PeriodShareCard({
  slug,
  period: periodRef,
  granularity,
  periodWindow,
  busy,
}: {
  slug: string;
  period: FragmentType<typeof PeriodShareCardFragment>;
  granularity: Granularity;
  periodWindow: PeriodWindow;
  busy?: boolean;
}) {
  const period = getFragmentData(PeriodShareCardFragment, periodRef);
  const onRefresh = usePeriodRefresh(PeriodShareCardRefresh, periodWindow);
  // The headers name the amounts' currency (a period without points has no amounts).
  const currency = period.series[0]?.netReceipts.currency;
  const { points: series, labels, titles, note } = useStartedSeries(period.series, granularity);
  const word = periodWord(granularity);
  const tiktokPct = series.map((p) => (p.tiktokShare === null || p.tiktokShare === undefined ? 0 : round1(p.tiktokShare * 100)));
  const storePct = series.map((p, i) => (p.tiktokShare === null || p.tiktokShare === undefined ? 0 : round1(100 - (tiktokPct[i] ?? 0))));
  const empty = series.every((p) => p.allChannelsNetReceipts.cents === 0);
  const download = () =>
    downloadCsv(`tiktok-${slug}-${period.start}-to-${period.end}.csv`, {
      columns: [
        { header: word.column, value: (p: (typeof period.series)[number]) => p.start },
        { header: 'Through', value: (p) => p.end },
        { header: moneyHeader('TikTok net receipts', currency), value: (p) => csvMoneyCell(p.netReceipts.cents, p.netReceipts.currency) },
        { header: moneyHeader('Store net receipts', currency), value: (p) => csvMoneyCell(p.nonTikTokNetReceipts.cents, p.nonTikTokNetReceipts.currency) },
        { header: moneyHeader('All channels net receipts', currency), value: (p) => csvMoneyCell(p.allChannelsNetReceipts.cents, p.allChannelsNetReceipts.currency) },
        { header: 'TikTok share (%)', value: (p) => (p.tiktokShare === null || p.tiktokShare === undefined ? null : round1(p.tiktokShare * 100)) },
      ],
      rows: series,
    });
  return (
    <DataSetCard
      slug={slug}
      title={granularity === 'day' ? 'TikTok share of daily net receipts' : 'TikTok share of weekly net receipts'}
      subtitle="TikTok vs your own store (app, website and social shops)"
      help={`Shows how much of each ${word.noun}'s money comes from TikTok. A rising TikTok share after lives means they pay off; a rising store share afterwards can mean TikTok buyers are coming back to your own shop.`}
      onRefresh={onRefresh}
      busy={busy}
      download={download}
      downloadNote="For a chart, both options give the series shown."
    >
      {empty && <p className="empty-note">No sales on any channel in this period yet.</p>}
      <SeriesProgressNote note={note} />
      <StackedBarChart
        labels={labels}
        titles={titles}
        percent
        ariaLabel={`TikTok and store share of net receipts by ${word.noun}`}
        series={[
          { label: 'TikTok', color: palette.tiktok, values: tiktokPct },
          { label: 'Store', color: palette.store, values: storePct },
        ]}
        tooltipLabel={(seriesIndex, i) => {
          const p = series[i];
          if (!p) return '';
          if (p.tiktokShare === null || p.tiktokShare === undefined) return seriesIndex === 0 ? 'No sales' : '';
          return seriesIndex === 0
            ? `TikTok: ${tiktokPct[i]}% (${formatMoney(p.netReceipts.cents, p.netReceipts.currency)})`
            : `Store: ${storePct[i]}% (${formatMoney(p.nonTikTokNetReceipts.cents, p.nonTikTokNetReceipts.currency)})`;
        }}
      />
    </DataSetCard>
  );
}
