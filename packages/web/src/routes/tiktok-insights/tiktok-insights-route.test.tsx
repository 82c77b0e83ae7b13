import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { pageData, period } from '../../test/fixtures';
import { renderWithApollo } from '../../test/render-app';
import { TikTokInsightsRoute } from './tiktok-insights-route';
import { TikTokInsightsPageQuery } from './tiktok-insights-query';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }, { path: '/settings', element: <p>Settings page</p> }];

describe('TikTok insights page', () => {
  it('loads every data set with one operation, TikTokInsightsPage', async () => {
    const { operations } = renderWithApollo(null, { respond: () => pageData(), path: '/insights/tiktok', routes });
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    for (const slug of [
      'last-7-days', 'range-summary', 'last-7-days-net-orders', 'last-7-days-share', 'last-7-days-customers', 'range-net-orders',
      'range-share', 'range-customers', 'range-best-hours', 'top-products', 'cohorts', 'marketing-customers', 'crossover-summary',
      'crossover-cumulative', 'crossover-rate', 'crossover-breakdown', 'crossover-lag', 'crossover-customers',
    ]) {
      expect(screen.getByTestId(`card-${slug}`)).toBeInTheDocument();
    }
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage']);
    expect(operations[0]!.variables).toMatchObject({ from: null, to: null });
    expect(screen.getByTestId('tab-tiktok')).toHaveTextContent('TikTok');
    expect(screen.getByTestId('last-updated')).toHaveTextContent('Data last updated Nov 26, 2026, 5:16 AM CST');
    expect(within(screen.getByTestId('tile-all-time-orders')).getByTestId('tile-value')).toHaveTextContent('1,500');
  });

  it('hides the TikTok tab while TikTok is disconnected and points to Settings', async () => {
    renderWithApollo(null, { respond: () => pageData({ connected: false }), path: '/insights/tiktok', routes });
    expect(await screen.findByText('TikTok is disconnected')).toBeInTheDocument();
    expect(screen.queryByTestId('tab-tiktok')).not.toBeInTheDocument();
    expect(screen.queryByTestId('card-all-time')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Go to Settings' }));
    expect(await screen.findByText('Settings page')).toBeInTheDocument();
  });

  it('tells a new shop without TikTok orders how to import them and links to Import, instead of empty cards', async () => {
    renderWithApollo(null, { respond: () => pageData({ empty: true }), path: '/insights/tiktok', routes: [...routes, { path: '/import', element: <p>Import page</p> }] });
    expect(await screen.findByText(/Your first TikTok orders will show up here/)).toBeInTheDocument();
    expect(screen.getByTestId('no-orders-yet')).toHaveTextContent('In TikTok Seller Center, open Orders, choose Export');
    expect(screen.queryByTestId('card-all-time')).not.toBeInTheDocument();
    expect(screen.queryByTestId('date-range')).not.toBeInTheDocument();
    expect(screen.getByTestId('tab-tiktok')).toBeInTheDocument();
    expect(screen.getByTestId('last-updated')).toHaveTextContent('No data imported yet');
    await userEvent.click(screen.getByRole('link', { name: 'Import orders' }));
    expect(await screen.findByText('Import page')).toBeInTheDocument();
  });

  it('snaps the chosen days to whole weeks and Update writes the range into the address', async () => {
    const user = userEvent.setup();
    const { operations, router } = renderWithApollo(null, {
      respond: (op) => {
        if (op.operationName === 'RangeDataSets') {
          const data = pageData();
          return { shop: { ...data.shop, tiktokInsights: { __typename: 'TikTokInsights', dateRange: period('2026-09-07', 21, 7, 30) } } };
        }
        return pageData();
      },
      path: '/insights/tiktok',
      routes,
    });
    await screen.findByTestId('date-range');
    await user.click(within(screen.getByTestId('date-range')).getByRole('button', { name: /Date range/ }));
    const start = screen.getByLabelText('Start week');
    const end = screen.getByLabelText('End week');
    // A Wednesday and a Tuesday: the range becomes Monday Sep 7 … Sunday Sep 27.
    fireEvent.change(start, { target: { value: '2026-09-09' } });
    fireEvent.change(end, { target: { value: '2026-09-22' } });
    expect(start).toHaveValue('2026-09-07');
    expect(end).toHaveValue('2026-09-27');
    expect(screen.getByTestId('date-range')).toHaveTextContent('Sep 7 – Sep 27, 2026 · 3 weeks');
    expect(router.state.location.search).toBe('');
    await user.click(screen.getByTestId('date-range-update'));
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-09-07&to=2026-09-27'));
    const rangeOp = operations.find((o) => o.operationName === 'RangeDataSets');
    expect(rangeOp?.variables).toEqual({ from: '2026-09-07', to: '2026-09-27' });
  });

  it('Clear cache & refresh of one chart fetches that data set only; the other charts keep their points', async () => {
    const user = userEvent.setup();
    const { operations, client } = renderWithApollo(null, { respond: () => pageData(), path: '/insights/tiktok', routes });
    for (const slug of ['last-7-days-net-orders', 'crossover-cumulative']) {
      const card = await screen.findByTestId(`card-${slug}`);
      await user.click(within(card).getByTestId('card-menu'));
      await user.click(screen.getByRole('menuitem', { name: 'Clear cache & refresh' }));
      await waitFor(() => expect(card).toHaveAttribute('aria-busy', 'false'));
    }
    // The page's query is still answered in full from the cache, so it is not sent again.
    expect(client.readQuery({ query: TikTokInsightsPageQuery, variables: { from: null, to: null } })).not.toBeNull();
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage', 'RefreshLast7NetOrders', 'RefreshCrossoverCumulative']);
    expect(screen.getByTestId('card-last-7-days-share')).toBeInTheDocument();
    expect(screen.getByTestId('card-crossover-rate')).toBeInTheDocument();
  });
});
