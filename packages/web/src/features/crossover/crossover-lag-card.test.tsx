import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TikTokInsightsRoute } from '../../routes/tiktok-insights/tiktok-insights-route';
import { pageData } from '../../test/fixtures';
import { renderWithApollo } from '../../test/render-app';
import { formatDays, medianSentence } from './crossover-lag-card';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

describe('Time to crossover', () => {
  it('shows the median days in words and the customers by how long they took', async () => {
    renderWithApollo(null, { respond: () => pageData(), path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-crossover-lag');
    const tile = within(card).getByTestId('tile-crossover-lag-median');
    expect(within(tile).getByTestId('tile-value')).toHaveTextContent('12 days');
    expect(tile).toHaveTextContent('Half of your crossover buyers came to your store within 12 days of their first TikTok order.');
    const chart = await within(card).findByRole('img', { name: 'Crossover customers by days to crossover' });
    expect(chart).toHaveAttribute('data-points', '4');
  });

  it('words an even count’s half day, the same day, and no crossover yet', () => {
    expect(formatDays(12.5)).toBe('12.5 days');
    expect(formatDays(1)).toBe('1 day');
    expect(medianSentence(0)).toBe('Half of your crossover buyers came to your store on the day of their first TikTok order.');
    expect(medianSentence(null)).toMatch(/^No crossover buyers yet\. Once a TikTok buyer orders in your own store/);
  });

  it('shows "—" with the reason when the shop has no crossover customer', async () => {
    const data = pageData();
    const insights = data.shop.tiktokInsights!;
    const noCrossover = {
      ...insights.crossover,
      crossoverCustomers: 0,
      medianDaysToCrossover: null,
      daysToCrossover: insights.crossover.daysToCrossover.map((b) => ({ ...b, customers: 0, share: 0 })),
    };
    renderWithApollo(null, { respond: () => ({ shop: { ...data.shop, tiktokInsights: { ...insights, crossover: noCrossover } } }), path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-crossover-lag');
    expect(within(card).getByTestId('tile-value')).toHaveTextContent('—');
    expect(card).toHaveTextContent('No crossover buyers yet.');
    expect(card).toHaveTextContent('No crossover customers yet, so no times to show.');
    expect(within(card).queryByRole('img')).not.toBeInTheDocument();
  });
});
