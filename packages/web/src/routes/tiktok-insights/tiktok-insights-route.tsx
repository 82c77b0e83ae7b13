import { useEffect } from 'react';
import { Link } from 'react-router';
import { isUnauthenticated } from '../../apollo/error-codes';
import { useCaller } from '../../auth/caller-context';
import { preloadCharts } from '../../components/charts/lazy-charts';
import { ErrorState } from '../../components/states/error-state';
import { InsightsTabs } from './insights-tabs';
import { InsightsPageSkeleton } from './page-skeleton';
import { LastUpdated, PageHeader } from './page-header';
import { TikTokInsightsPage } from './tiktok-insights-page';
import { useTikTokInsightsQuery } from './use-tiktok-insights-query';

/** The TikTok tab: its query, and what shows before there is an answer or without TikTok. */
export function TikTokInsightsRoute() {
  const query = useTikTokInsightsQuery();
  const { canManage } = useCaller();
  const { shown, loading, error, range } = query;
  // The charts' code loads while the dashboard's data is on the way.
  useEffect(() => void preloadCharts(), []);
  if (!shown) {
    // A refused token: the app is switching to the sign-in page, which says why.
    if (loading || isUnauthenticated(error)) return <InsightsPageSkeleton />;
    return (
      <div className="insights">
        <PageHeader />
        <ErrorState error={error} onRetry={() => void query.refetch()} />
        {(range.from || range.to) && (
          <button type="button" className="button" onClick={() => query.setRange(null)}>
            Back to the default date range
          </button>
        )}
      </div>
    );
  }

  const { shop } = shown;
  const lastUpdated = <LastUpdated lastImportAt={shop.lastImportAt} timezone={shop.timezone} />;
  if (!shop.tiktokInsights) {
    return (
      <div className="insights">
        <PageHeader shopName={shop.name}>{lastUpdated}</PageHeader>
        <InsightsTabs tiktokConnected={false} />
        <div className="notice" role="status">
          <h2>TikTok is disconnected</h2>
          <p>
            {canManage
              ? 'Your TikTok insights are hidden while TikTok Shop is disconnected. Nothing has been deleted: connect it again and every figure comes back, including the orders imported meanwhile.'
              : 'The TikTok insights are hidden while TikTok Shop is disconnected. Nothing has been deleted: an owner or admin of the shop can connect it again in Settings.'}
          </p>
          {canManage && (
            <Link to="/settings" className="button button--primary">
              Go to Settings
            </Link>
          )}
        </div>
      </div>
    );
  }
  return <TikTokInsightsPage shop={shop} insights={shop.tiktokInsights} query={query} header={<PageHeader shopName={shop.name}>{lastUpdated}</PageHeader>} />;
}
