import type { ApolloClient } from '@apollo/client';
import { CallerQuery } from '../auth/signed-in-gate';
import { preloadCharts } from '../components/charts/lazy-charts';
import { TikTokInsightsPageQuery } from '../routes/tiktok-insights/tiktok-insights-query';
import { rangeOfParams } from '../routes/tiktok-insights/use-range-params';

/** The addresses that open on the TikTok insights (the others redirect there without their parameters). */
const HOME_PATHS = new Set(['/', '/insights']);

/**
 * Once the session is known (nothing is asked of GraphQL without one), who the caller is and the
 * first page's data are asked for together, rather than the one after the other as the pages
 * mount, and the page's charts' code loads meanwhile; the pages' own queries then find their
 * answers in the cache, or in flight. Asked as a person who may see customers (the page asks again without them for one who may not). A
 * refusal is handled as for any query (a session the server ended signs the person out).
 */
export function prefetchFirstPage(client: ApolloClient, location: Pick<Location, 'pathname' | 'search'>): void {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path !== '/insights/tiktok' && !HOME_PATHS.has(path)) return;
  const range = path === '/insights/tiktok' ? rangeOfParams(new URLSearchParams(location.search)) : { from: null, to: null };
  // The page's data first: it takes the longest to answer.
  void client
    .query({ query: TikTokInsightsPageQuery, variables: { from: range.from, to: range.to, withCustomers: true }, fetchPolicy: 'network-only' })
    .catch(() => undefined);
  void client.query({ query: CallerQuery, fetchPolicy: 'network-only' }).catch(() => undefined);
  void preloadCharts();
}
