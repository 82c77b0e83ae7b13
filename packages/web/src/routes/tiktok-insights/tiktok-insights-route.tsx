import { useApolloClient, useQuery } from '@apollo/client/react';
import type { DocumentNode } from 'graphql';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isBadUserInput, isUnauthenticated } from '../../apollo/error-codes';
import { DateRangeField, rangeProblem, type WeekRange } from '../../components/date-range/date-range-field';
import { ErrorState, errorMessage } from '../../components/states/error-state';
import { AllTimeCard, AllTimeCardFragment } from '../../features/summary/all-time-card';
import { SummaryTilesFragment } from '../../features/summary/summary-tiles';
import { getFragmentData } from '../../gql';
import type { TikTokInsightsPageQuery as PageData } from '../../gql/graphql';
import { PeriodSummaryCard } from '../../features/summary/period-summary-card';
import { PeriodNetOrdersCard } from '../../features/period-charts/period-net-orders-card';
import { PeriodShareCard } from '../../features/period-charts/period-share-card';
import { PeriodCustomersCard } from '../../features/period-charts/period-customers-card';
import { TopProductsCard } from '../../features/top-products/top-products-card';
import { MarketingCustomersCard } from '../../features/marketing/marketing-customers-card';
import { CrossoverSummaryCard } from '../../features/crossover/crossover-summary-card';
import { CrossoverCumulativeCard } from '../../features/crossover/crossover-cumulative-card';
import { CrossoverRateCard } from '../../features/crossover/crossover-rate-card';
import { CrossoverBreakdownCard } from '../../features/crossover/crossover-breakdown-card';
import { CrossoverCustomersCard } from '../../features/crossover/crossover-customers-card';
import { ShopFactsContext } from '../../features/shop-context';
import { formatInstantInZone } from '../../format/dates';
import { InsightsTabs } from './insights-tabs';
import { InsightsPageSkeleton } from './page-skeleton';
import * as refresh from './refresh-queries';
import { RangeDataSetsQuery, TikTokInsightsPageQuery } from './tiktok-insights-query';
import { rangeNotice, useRangeParams } from './use-range-params';

interface RefusedRange {
  from: string | null;
  to: string | null;
  notice: string;
}

export function TikTokInsightsRoute() {
  const params = useRangeParams();
  const client = useApolloClient();
  // A range from the address that the API refused (e.g. over 520 weeks): the default range is shown instead, with why.
  const [refused, setRefused] = useState<RefusedRange | null>(null);
  const rangeRefused = refused !== null && refused.from === params.from && refused.to === params.to;
  const from = rangeRefused ? null : params.from;
  const to = rangeRefused ? null : params.to;
  const { data, previousData, loading, error, refetch } = useQuery(TikTokInsightsPageQuery, { variables: { from, to } });
  const [draft, setDraft] = useState<WeekRange | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);

  if (!rangeRefused && (from || to) && !loading && isBadUserInput(error)) {
    setRefused({ from, to, notice: rangeNotice(errorMessage(error)) });
  }
  const notice = params.notice ?? (rangeRefused ? refused.notice : null);

  const shown = data ?? previousData;
  if (!shown) {
    // A refused token: the app is switching to the sign-in page, which says why.
    if (loading || isUnauthenticated(error)) return <InsightsPageSkeleton />;
    return (
      <div className="insights">
        <PageHeader />
        <ErrorState error={error} onRetry={() => void refetch()} />
        {(from || to) && (
          <button type="button" className="button" onClick={() => params.setRange(null)}>
            Back to the default date range
          </button>
        )}
      </div>
    );
  }

  const { shop } = shown;
  const insights = shop.tiktokInsights;
  const lastUpdated = (
    <p className="last-updated" data-testid="last-updated">
      {shop.lastImportAt ? `Data last updated ${formatInstantInZone(shop.lastImportAt, shop.timezone)}` : 'No data imported yet'}
    </p>
  );

  if (!insights) {
    return (
      <div className="insights">
        <PageHeader shopName={shop.name}>{lastUpdated}</PageHeader>
        <InsightsTabs tiktokConnected={false} />
        <div className="notice" role="status">
          <h2>TikTok is disconnected</h2>
          <p>
            Your TikTok insights are hidden while TikTok Shop is disconnected. Nothing has been deleted: connect it again and every
            figure comes back, including the orders imported meanwhile.
          </p>
          <Link to="/settings" className="button button--primary">
            Go to Settings
          </Link>
        </div>
      </div>
    );
  }

  const range = insights.dateRange;
  const applied: WeekRange = { start: range.start, end: range.end };
  const value = draft ?? applied;
  const changed = value.start !== applied.start || value.end !== applied.end;
  const problem = rangeProblem(value, insights.asOf, shop.weekStartsOn);
  const rangeVars = { from, to };
  const rangeBusy = applying || (loading && !!previousData);

  const run = (query: DocumentNode, variables?: Record<string, unknown>) => () =>
    client.query({ query, variables, fetchPolicy: 'network-only' });

  const update = async () => {
    if (problem) return;
    setPickerOpen(false);
    if (!changed) return;
    setApplying(true);
    setApplyError(null);
    try {
      // Only the range's data sets are fetched; the page query then finds everything in the cache.
      await client.query({ query: RangeDataSetsQuery, variables: { from: value.start, to: value.end }, fetchPolicy: 'network-only' });
      params.setRange(value);
      setDraft(null);
    } catch (e) {
      setApplyError(e);
    } finally {
      setApplying(false);
    }
  };

  const empty = getTotalOrders(shown) === 0;
  return (
    <ShopFactsContext value={{ currency: shop.currency, timezone: shop.timezone, aovTarget: shop.aovTarget.formatted, asOf: insights.asOf }}>
      <div className="insights">
        <PageHeader shopName={shop.name}>{lastUpdated}</PageHeader>
        <InsightsTabs tiktokConnected />
        <div className="toolbar">
          <DateRangeField
            weekStartsOn={shop.weekStartsOn}
            today={insights.asOf}
            value={value}
            onChange={setDraft}
            changed={changed}
            open={pickerOpen}
            onOpenChange={setPickerOpen}
          />
          <button
            type="button"
            className="button button--primary toolbar__update"
            data-testid="date-range-update"
            onClick={() => void update()}
            disabled={applying || problem !== null}
            aria-describedby="range-hint"
          >
            {applying ? 'Updating…' : 'Update'}
          </button>
          <span id="range-hint" className="visually-hidden">
            Applies the date range to the date-range data sets
          </span>
        </div>
        {applyError != null && <ErrorState error={applyError} compact onRetry={isBadUserInput(applyError) ? undefined : () => void update()} />}
        {notice && (
          <div className="notice notice--range" role="status" data-testid="range-notice">
            <p>{notice}</p>
            <button type="button" className="button" onClick={() => params.setRange(null, { replace: true })}>
              Dismiss
            </button>
          </div>
        )}
        {empty && (
          <div className="notice notice--welcome" role="status">
            <h2>Welcome! Your first TikTok orders will show up here</h2>
            <p>
              There are no TikTok orders yet. As soon as your orders are imported, this page fills in: sales, customers, best sellers,
              and which TikTok buyers come back to your own store.
            </p>
          </div>
        )}

        <section className="insights-section" aria-labelledby="section-all-time">
          <h2 id="section-all-time" className="section-title">
            All time
          </h2>
          <div className="card-grid">
            <AllTimeCard insights={insights} onRefresh={run(refresh.RefreshAllTimeQuery)} />
          </div>
        </section>

        <section className="insights-section" aria-labelledby="section-last-7">
          <h2 id="section-last-7" className="section-title">
            Last 7 days
          </h2>
          <div className="card-grid">
            <PeriodSummaryCard
              slug="last-7-days"
              title="Last 7 days on TikTok"
              granularity="day"
              period={insights.last7Days}
              help="The last seven full days (today is still under way), compared with the seven days before. Use it for a quick weekly check-in after your lives."
              onRefresh={run(refresh.RefreshLast7SummaryQuery)}
            />
            <PeriodNetOrdersCard slug="last-7-days-net-orders" granularity="day" period={insights.last7Days} onRefresh={run(refresh.RefreshLast7NetOrdersQuery)} />
            <PeriodShareCard slug="last-7-days-share" granularity="day" period={insights.last7Days} onRefresh={run(refresh.RefreshLast7ShareQuery)} />
            <PeriodCustomersCard slug="last-7-days-customers" granularity="day" period={insights.last7Days} onRefresh={run(refresh.RefreshLast7CustomersQuery)} />
          </div>
        </section>

        <section className="insights-section" aria-labelledby="section-range">
          <h2 id="section-range" className="section-title">
            Date range
          </h2>
          <div className="card-grid">
            <PeriodSummaryCard
              slug="range-summary"
              title="Selected weeks on TikTok"
              granularity="week"
              period={range}
              busy={rangeBusy}
              help="Totals for the weeks you chose above, compared with the same number of weeks just before. Pick the weeks of a promotion to see what it brought in."
              onRefresh={run(refresh.RefreshRangeSummaryQuery, rangeVars)}
            />
            <PeriodNetOrdersCard slug="range-net-orders" granularity="week" period={range} busy={rangeBusy} onRefresh={run(refresh.RefreshRangeNetOrdersQuery, rangeVars)} />
            <PeriodShareCard slug="range-share" granularity="week" period={range} busy={rangeBusy} onRefresh={run(refresh.RefreshRangeShareQuery, rangeVars)} />
            <PeriodCustomersCard slug="range-customers" granularity="week" period={range} busy={rangeBusy} onRefresh={run(refresh.RefreshRangeCustomersQuery, rangeVars)} />
            <TopProductsCard period={range} range={rangeVars} busy={rangeBusy} onRefresh={run(refresh.RefreshTopProductsQuery, rangeVars)} />
          </div>
        </section>

        <section className="insights-section" aria-labelledby="section-marketing">
          <h2 id="section-marketing" className="section-title">
            Marketing
          </h2>
          <div className="card-grid">
            <MarketingCustomersCard insights={insights} />
          </div>
        </section>

        <section className="insights-section" aria-labelledby="section-crossover">
          <h2 id="section-crossover" className="section-title">
            Crossover to your store
          </h2>
          <div className="card-grid">
            <CrossoverSummaryCard crossover={insights.crossover} onRefresh={run(refresh.RefreshCrossoverSummaryQuery)} />
            <CrossoverCumulativeCard crossover={insights.crossover} onRefresh={run(refresh.RefreshCrossoverCumulativeQuery)} />
            <CrossoverRateCard crossover={insights.crossover} onRefresh={run(refresh.RefreshCrossoverRateQuery)} />
            <CrossoverBreakdownCard crossover={insights.crossover} onRefresh={run(refresh.RefreshCrossoverBreakdownQuery)} />
            <CrossoverCustomersCard crossover={insights.crossover} />
          </div>
        </section>
      </div>
    </ShopFactsContext>
  );
}

function PageHeader({ shopName, children }: { shopName?: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>Insights</h1>
      {shopName && <p className="page-header__shop">{shopName}</p>}
      {children}
    </header>
  );
}


/** Whether the shop has any TikTok order at all (the welcome note for a new shop). */
function getTotalOrders(data: PageData): number {
  const insights = data.shop.tiktokInsights;
  if (!insights) return 0;
  const allTime = getFragmentData(AllTimeCardFragment, insights).allTime;
  return getFragmentData(SummaryTilesFragment, allTime).totalOrders;
}
