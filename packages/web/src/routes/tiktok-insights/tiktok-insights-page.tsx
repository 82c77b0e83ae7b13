import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCaller } from '../../auth/caller-context';
import { CrossoverBreakdownCard } from '../../features/crossover/crossover-breakdown-card';
import { CrossoverCumulativeCard } from '../../features/crossover/crossover-cumulative-card';
import { BestHoursCard } from '../../features/best-hours/best-hours-card';
import { CohortsCard } from '../../features/cohorts/cohorts-card';
import { CrossoverCustomersCard } from '../../features/crossover/crossover-customers-card';
import { CrossoverLagCard } from '../../features/crossover/crossover-lag-card';
import { CrossoverRateCard } from '../../features/crossover/crossover-rate-card';
import { CrossoverSummaryCard } from '../../features/crossover/crossover-summary-card';
import { MarketingCustomersCard } from '../../features/marketing/marketing-customers-card';
import { PeriodCustomersCard } from '../../features/period-charts/period-customers-card';
import { PeriodNetOrdersCard } from '../../features/period-charts/period-net-orders-card';
import { PeriodShareCard } from '../../features/period-charts/period-share-card';
import type { PeriodWindow } from '../../features/period-window';
import { ShopFactsContext } from '../../features/shop-context';
import { AllTimeCard, AllTimeCardFragment } from '../../features/summary/all-time-card';
import { PeriodSummaryCard } from '../../features/summary/period-summary-card';
import { SummaryTilesFragment } from '../../features/summary/summary-tiles';
import { TopProductsCard } from '../../features/top-products/top-products-card';
import { formatCount } from '../../format/numbers';
import { getFragmentData } from '../../gql';
import type { TikTokInsightsPageQuery } from '../../gql/graphql';
import { DateRangeSection } from './date-range-section';
import { InsightsTabs } from './insights-tabs';
import { RangeDataSetsFragment } from './tiktok-insights-query';
import type { TikTokInsightsQuery } from './use-tiktok-insights-query';

type Shop = TikTokInsightsPageQuery['shop'];
type Insights = NonNullable<Shop['tiktokInsights']>;

const LAST_7_DAYS: PeriodWindow = { field: 'last7Days' };

/** The TikTok tab's cards, by section, for the answer of the page query. */
export function TikTokInsightsPage({ shop, insights, query, header }: { shop: Shop; insights: Insights; query: TikTokInsightsQuery; header: ReactNode }) {
  const [applying, setApplying] = useState(false);
  const { canSeeCustomers, canImport } = useCaller();
  const range = getFragmentData(RangeDataSetsFragment, insights.dateRange);
  const rangeWindow: PeriodWindow = { field: 'dateRange', ...query.range };
  const rangeBusy = applying || query.reloading;
  if (hasNoOrders(insights)) {
    return (
      <div className="insights">
        {header}
        <InsightsTabs tiktokConnected />
        <NoOrdersYet canImport={canImport} />
      </div>
    );
  }
  return (
    <ShopFactsContext value={{ timezone: shop.timezone, weekStartsOn: shop.weekStartsOn, aovTarget: shop.aovTarget.formatted, asOf: insights.asOf }}>
      <div className="insights">
        {header}
        <InsightsTabs tiktokConnected />
        <DateRangeSection
          weekStartsOn={shop.weekStartsOn}
          today={insights.asOf}
          applied={{ start: range.start, end: range.end }}
          notice={query.notice}
          setRange={query.setRange}
          applying={applying}
          onApplyingChange={setApplying}
        />

        <Section id="section-all-time" title="All time">
          <AllTimeCard insights={insights} />
        </Section>

        <Section id="section-last-7" title="Last 7 days">
          <PeriodSummaryCard
            slug="last-7-days"
            title="Last 7 days on TikTok"
            granularity="day"
            period={insights.last7Days}
            periodWindow={LAST_7_DAYS}
            help="The last seven full days (today is still under way), compared with the seven days before. Use it for a quick weekly check-in after your lives. If the money lost to cancellations and refunds climbs, check your size notes and shipping times before the next live."
          />
          <PeriodNetOrdersCard slug="last-7-days-net-orders" granularity="day" period={insights.last7Days} periodWindow={LAST_7_DAYS} />
          <PeriodShareCard slug="last-7-days-share" granularity="day" period={insights.last7Days} periodWindow={LAST_7_DAYS} />
          <PeriodCustomersCard slug="last-7-days-customers" granularity="day" period={insights.last7Days} periodWindow={LAST_7_DAYS} />
        </Section>

        <Section id="section-range" title="Date range">
          <PeriodSummaryCard
            slug="range-summary"
            title="Selected weeks on TikTok"
            granularity="week"
            period={range}
            periodWindow={rangeWindow}
            busy={rangeBusy}
            help="Totals for the weeks you chose above, compared with the same number of weeks just before. Pick the weeks of a promotion to see what it brought in, and what cancellations and refunds took back."
          />
          <PeriodNetOrdersCard slug="range-net-orders" granularity="week" period={range} periodWindow={rangeWindow} busy={rangeBusy} />
          <PeriodShareCard slug="range-share" granularity="week" period={range} periodWindow={rangeWindow} busy={rangeBusy} />
          <PeriodCustomersCard slug="range-customers" granularity="week" period={range} periodWindow={rangeWindow} busy={rangeBusy} />
          <BestHoursCard period={range} range={query.range} busy={rangeBusy} />
          <TopProductsCard period={range} range={query.range} busy={rangeBusy} />
        </Section>

        <Section id="section-cohorts" title="Returning customers">
          <CohortsCard insights={insights} />
        </Section>

        <Section id="section-marketing" title="Marketing">
          {canSeeCustomers ? (
            <MarketingCustomersCard insights={insights} />
          ) : (
            <ListNotShared slug="marketing-customers" title="All-time TikTok customers" count={insights.allTime.uniqueCustomers} />
          )}
        </Section>

        <Section id="section-crossover" title="Crossover to your store">
          <CrossoverSummaryCard crossover={insights.crossover} />
          <CrossoverCumulativeCard crossover={insights.crossover} />
          <CrossoverRateCard crossover={insights.crossover} />
          <CrossoverBreakdownCard crossover={insights.crossover} />
          <CrossoverLagCard crossover={insights.crossover} />
          {canSeeCustomers ? (
            <CrossoverCustomersCard crossover={insights.crossover} />
          ) : (
            <ListNotShared slug="crossover-customers" title="Crossover customers" count={insights.crossover.crossoverCustomers} />
          )}
        </Section>
      </div>
    </ShopFactsContext>
  );
}

/**
 * In place of a customer list on a shared link: its count only. Names and addresses are never
 * part of a shared view (the page query does not even ask for them).
 */
function ListNotShared({ slug, title, count }: { slug: string; title: string; count: number }) {
  return (
    <section className="card card--full" aria-labelledby={`${slug}-title`} data-testid={`card-${slug}-hidden`}>
      <h3 id={`${slug}-title`} className="card__title">
        {title}: {formatCount(count)}
      </h3>
      <p className="muted">The list of customers, with their names and addresses, is not part of a shared view.</p>
    </section>
  );
}

/** A shop without TikTok orders: how to get them in, instead of a page of empty cards. */
function NoOrdersYet({ canImport }: { canImport: boolean }) {
  return (
    <div className="notice notice--welcome" role="status" data-testid="no-orders-yet">
      <h2>Welcome! Your first TikTok orders will show up here</h2>
      <p>
        There are no TikTok orders yet. Import them and this page fills in: sales, customers, best sellers, and which TikTok buyers come
        back to your own store.
      </p>
      <ol className="notice__steps">
        <li>
          In TikTok Seller Center, open <strong>Orders</strong>, choose <strong>Export</strong> and download the CSV file.
        </li>
        <li>To see which TikTok buyers come back, also export your store’s orders (Shopify’s order export, or our template).</li>
        <li>Drop the files on the Import page.</li>
      </ol>
      {canImport && (
        <Link to="/import" className="button button--primary">
          Import orders
        </Link>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="insights-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      <div className="card-grid">{children}</div>
    </section>
  );
}

/** Whether the shop has no TikTok order at all (a new shop: how to import them, instead of the cards). */
function hasNoOrders(insights: Insights): boolean {
  const { allTime } = getFragmentData(AllTimeCardFragment, insights);
  return getFragmentData(SummaryTilesFragment, allTime).totalOrders === 0;
}
