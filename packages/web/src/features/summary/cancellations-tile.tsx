import { MetricChange } from '../../components/tiles/metric-change';
import { MetricTile } from '../../components/tiles/metric-tile';
import type { PeriodProgress } from '../../format/period-progress';
import { formatCount, formatPercent } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { SummaryCsvRow } from './summary-csv';

export const CancellationsTileFragment = graphql(`
  fragment CancellationsTile_summary on CancellationSummary {
    cancelledOrders
    refundedOrders
    lostNetReceipts {
      cents
      currency
      formatted
    }
    rate
  }
`);

type CancellationsRef = FragmentType<typeof CancellationsTileFragment>;

/** "Lost on 3 cancelled + 1 refunded orders · 2.4% of orders placed". */
function cancellationsNote(c: { cancelledOrders: number; refundedOrders: number; rate?: number | null }): string {
  const rate = c.rate === null || c.rate === undefined ? 'no orders placed' : `${formatPercent(c.rate)} of orders placed`;
  const orders = c.cancelledOrders + c.refundedOrders === 1 ? 'order' : 'orders';
  return `Lost on ${formatCount(c.cancelledOrders)} cancelled + ${formatCount(c.refundedOrders)} refunded ${orders} · ${rate}`;
}

/**
 * The net receipts lost to cancelled and refunded TikTok orders placed in the window, with their
 * counts and rate. More lost is bad news: its change is red when it grows.
 */
export function CancellationsTile({
  cardSlug,
  cancellations: ref,
  previous: previousRef,
  periodLabel,
  progress,
}: {
  cardSlug: string;
  cancellations: CancellationsRef;
  previous: CancellationsRef;
  periodLabel: string;
  progress?: PeriodProgress;
}) {
  const c = getFragmentData(CancellationsTileFragment, ref);
  const p = getFragmentData(CancellationsTileFragment, previousRef);
  return (
    <MetricTile
      testId={`tile-${cardSlug}-cancellations`}
      label="Cancelled & refunded"
      value={c.lostNetReceipts.formatted}
      change={
        <MetricChange
          current={c.lostNetReceipts.cents}
          previous={p.lostNetReceipts.cents}
          previousText={p.lostNetReceipts.formatted}
          periodLabel={periodLabel}
          higherIsBetter={false}
          progress={progress}
        />
      }
      note={<span data-testid="tile-note">{cancellationsNote(c)}</span>}
    />
  );
}

/** The tile's figures as rows of the summary card's CSV (metric, value, previous period). */
export function cancellationsCsvRows(ref: CancellationsRef, previousRef: CancellationsRef): SummaryCsvRow[] {
  const c = getFragmentData(CancellationsTileFragment, ref);
  const p = getFragmentData(CancellationsTileFragment, previousRef);
  const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);
  return [
    { metric: 'Lost to cancellations & refunds', value: c.lostNetReceipts.cents, previous: p.lostNetReceipts.cents, money: true },
    { metric: 'Cancelled orders', value: c.cancelledOrders, previous: p.cancelledOrders, money: false },
    { metric: 'Refunded orders', value: c.refundedOrders, previous: p.refundedOrders, money: false },
    { metric: 'Cancelled or refunded (% of orders placed)', value: percent(c.rate), previous: percent(p.rate), money: false },
  ];
}
