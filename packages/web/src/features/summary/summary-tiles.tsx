import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { AovGuidance } from '../../components/tiles/aov-guidance';
import { MetricChange } from '../../components/tiles/metric-change';
import { MetricTile, TileGrid } from '../../components/tiles/metric-tile';
import type { PeriodProgress } from '../../format/period-progress';
import type { ReactNode } from 'react';

export const SummaryTilesFragment = graphql(`
  fragment SummaryTiles_summary on MetricSummary {
    totalOrders
    netReceipts {
      cents
      currency
      formatted
    }
    averageOrderValue {
      cents
      currency
      formatted
    }
    uniqueCustomers
    aovBelowTarget
  }
`);

type SummaryRef = FragmentType<typeof SummaryTilesFragment>;

/**
 * Total Orders, Net Receipts, AOV and Unique TikTok Customers of one window; with `previous`,
 * each tile shows its change against the previous period (once the window is over: `progress`).
 */
export function SummaryTiles({
  cardSlug,
  summary: summaryRef,
  previous: previousRef,
  periodLabel,
  aovTarget,
  progress,
  children,
}: {
  cardSlug: string;
  summary: SummaryRef;
  previous?: SummaryRef;
  periodLabel?: string;
  aovTarget: string;
  progress?: PeriodProgress;
  /** Tiles of the window shown after these four. */
  children?: ReactNode;
}) {
  const summary = getFragmentData(SummaryTilesFragment, summaryRef);
  const previous = previousRef ? getFragmentData(SummaryTilesFragment, previousRef) : null;
  const change = (current: number | null, before: number | null, beforeText: string) =>
    previous && periodLabel ? <MetricChange current={current} previous={before} previousText={beforeText} periodLabel={periodLabel} progress={progress} /> : undefined;
  return (
    <TileGrid label="Headline figures">
      <MetricTile
        testId={`tile-${cardSlug}-orders`}
        label="Total Orders"
        value={formatCount(summary.totalOrders)}
        change={change(summary.totalOrders, previous?.totalOrders ?? null, formatCount(previous?.totalOrders ?? 0))}
      />
      <MetricTile
        testId={`tile-${cardSlug}-net-receipts`}
        label="Net Receipts"
        value={summary.netReceipts.formatted}
        change={change(summary.netReceipts.cents, previous?.netReceipts.cents ?? null, previous?.netReceipts.formatted ?? '')}
      />
      <MetricTile
        testId={`tile-${cardSlug}-aov`}
        label="Average Order Value (AOV)"
        value={summary.averageOrderValue?.formatted ?? '—'}
        tone={summary.aovBelowTarget ? 'warning' : undefined}
        change={change(
          summary.averageOrderValue?.cents ?? null,
          previous?.averageOrderValue?.cents ?? null,
          previous?.averageOrderValue?.formatted ?? 'no orders',
        )}
      >
        {summary.aovBelowTarget && <AovGuidance target={aovTarget} />}
      </MetricTile>
      <MetricTile
        testId={`tile-${cardSlug}-unique-customers`}
        label="Unique TikTok Customers"
        value={formatCount(summary.uniqueCustomers)}
        change={change(summary.uniqueCustomers, previous?.uniqueCustomers ?? null, formatCount(previous?.uniqueCustomers ?? 0))}
      />
      {children}
    </TileGrid>
  );
}

/** The tiles as CSV rows (metric, value, previous), with the currency of their amounts. */
export function summaryCsvRows(summaryRef: SummaryRef, previousRef: SummaryRef | undefined) {
  const s = getFragmentData(SummaryTilesFragment, summaryRef);
  const p = previousRef ? getFragmentData(SummaryTilesFragment, previousRef) : null;
  const amount = (cents: number | undefined | null) => (cents === null || cents === undefined ? null : cents);
  return {
    currency: s.netReceipts.currency,
    rows: [
      { metric: 'Total Orders', value: s.totalOrders, previous: p?.totalOrders ?? null, money: false },
      { metric: 'Net Receipts', value: amount(s.netReceipts.cents), previous: amount(p?.netReceipts.cents), money: true },
      { metric: 'Average Order Value', value: amount(s.averageOrderValue?.cents), previous: amount(p?.averageOrderValue?.cents), money: true },
      { metric: 'Unique TikTok Customers', value: s.uniqueCustomers, previous: p?.uniqueCustomers ?? null, money: false },
    ],
  };
}
