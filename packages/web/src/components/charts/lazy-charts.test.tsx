import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CategoryBarChart, preloadCharts, TrendLineChart } from './lazy-charts';

const line = { labels: ['W1', 'W2'], titles: ['Week 1', 'Week 2'], values: [3, 5], label: 'Customers', color: '#000', fill: '#eee', tooltipLabel: () => [] };

describe('charts loaded in their own chunk', () => {
  it('a chart whose code is not in yet shows a placeholder, then the chart', async () => {
    render(<CategoryBarChart bars={[{ label: 'A', title: 'A', value: 1, lines: [] }]} color="#000" ariaLabel="Orders by product" valueTitle="Orders" />);
    expect(screen.getByRole('status', { name: 'Loading chart' })).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: 'Orders by product' })).toBeInTheDocument();
  });

  it('once preloaded (while the page data was on its way), a chart draws in the first render, with no placeholder', async () => {
    await preloadCharts();
    render(<TrendLineChart {...line} ariaLabel="Crossover customers by week" />);
    expect(screen.getByRole('img', { name: 'Crossover customers by week' })).toHaveAttribute('data-points', '2');
    expect(screen.queryByRole('status', { name: 'Loading chart' })).not.toBeInTheDocument();
  });
});
