import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { money, pageData } from '../../test/fixtures';
import { renderWithApollo, type RecordedOperation } from '../../test/render-app';
import { TikTokInsightsRoute } from '../../routes/tiktok-insights/tiktok-insights-route';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

/** The server's top products by total sales: products the top 10 by units does not hold. */
const bySales = [
  { rank: 1, name: 'Leather Bag', units: 2, cents: 500_000 },
  { rank: 2, name: '=Sunday Camel Hoops', units: 25, cents: 250_000 },
  { rank: 3, name: 'Silk Dress', units: 3, cents: 200_000 },
].map(({ rank, name, units, cents }) => ({
  __typename: 'TopProduct' as const,
  rank,
  unitsSold: units,
  previousRank: rank,
  previousUnitsSold: units,
  totalSales: money(cents),
  product: { __typename: 'Product' as const, id: `id-${name}`, name, sku: null },
}));

function respond(op: RecordedOperation) {
  if (op.operationName === 'TopProductsByOrder') {
    return {
      shop: {
        __typename: 'Shop',
        id: 'shop-1',
        tiktokInsights: {
          __typename: 'TikTokInsights',
          dateRange: { __typename: 'PeriodInsights', start: '2026-10-12', end: '2026-11-22', topProducts: bySales },
        },
      },
    };
  }
  return pageData();
}

describe('Top selling TikTok products', () => {
  it('asks the server for the top products by total sales when Total sales is clicked, and back by units with Number sold', async () => {
    const user = userEvent.setup();
    const { operations } = renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-top-products');
    const names = () => Array.from(card.querySelectorAll('[data-testid="row"] td[data-col="product"]')).map((td) => td.textContent);
    const ranks = () => Array.from(card.querySelectorAll('[data-testid="row"] td[data-col="rank"]')).map((td) => td.textContent);
    expect(names()).toEqual(['Ribbed Ivory Crop Top · RIC-S', '=Sunday Camel Hoops']);
    expect(card).toHaveTextContent('By number sold');

    await user.click(within(card).getByRole('button', { name: /^Total sales/ }));
    await waitFor(() => expect(names()).toEqual(['Leather Bag', '=Sunday Camel Hoops', 'Silk Dress']));
    const sent = operations.filter((o) => o.operationName === 'TopProductsByOrder');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({ from: null, to: null, orderBy: 'TOTAL_SALES' });
    // The ranks are the server's, by total sales.
    expect(ranks()).toEqual(['1', '2', '3']);
    expect(card.querySelector('th[data-col="totalSales"]')).toHaveAttribute('aria-sort', 'descending');
    expect(card).toHaveTextContent('By total sales');

    // Number sold goes back to the page's own list (top 10 by units): nothing more is sent.
    await user.click(within(card).getByRole('button', { name: /^Number sold/ }));
    await waitFor(() => expect(names()).toEqual(['Ribbed Ivory Crop Top · RIC-S', '=Sunday Camel Hoops']));
    expect(card.querySelector('th[data-col="unitsSold"]')).toHaveAttribute('aria-sort', 'descending');
    expect(operations.filter((o) => o.operationName === 'TopProductsByOrder')).toHaveLength(1);
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage', 'TopProductsByOrder']);
  });
});

describe('Top products: change against the previous period', () => {
  /** The page's top products: a climber, a new one, one unchanged and one slipping. */
  const moved = [
    { rank: 1, previousRank: 3, previousUnitsSold: 20, name: 'Ribbed Ivory Crop Top' },
    { rank: 2, previousRank: null, previousUnitsSold: 0, name: 'Camel Hoops' },
    { rank: 3, previousRank: 3, previousUnitsSold: 12, name: 'Linen Wrap' },
    { rank: 4, previousRank: 1, previousUnitsSold: 30, name: 'Silk Scarf' },
  ].map((p) => ({
    __typename: 'TopProduct' as const,
    rank: p.rank,
    unitsSold: 50 - p.rank * 5,
    previousRank: p.previousRank,
    previousUnitsSold: p.previousUnitsSold,
    totalSales: money(100_000 - p.rank * 1000),
    product: { __typename: 'Product' as const, id: `id-${p.rank}`, name: p.name, sku: null },
  }));

  function withMoved() {
    const data = pageData();
    const insights = data.shop.tiktokInsights!;
    return { shop: { ...data.shop, tiktokInsights: { ...insights, dateRange: { ...insights.dateRange, topProducts: moved } } } };
  }

  it('says New, ▲ or ▼ by the places moved, and — when unchanged; sorts by it like the other columns', async () => {
    const user = userEvent.setup();
    renderWithApollo(null, { respond: withMoved, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-top-products');
    const column = (col: string) => Array.from(card.querySelectorAll(`[data-testid="row"] td[data-col="${col}"]`)).map((td) => td.textContent);
    expect(column('change')).toEqual(['▲ 2', 'New', '—', '▼ 3']);
    const change = within(card).getAllByRole('img');
    expect(change.map((el) => el.getAttribute('data-kind'))).toEqual(['up', 'new', 'same', 'down']);
    expect(change[0]).toHaveAccessibleName('Up 2 places from #3 (20 sold) in the previous period');
    expect(change[1]).toHaveAccessibleName('New: no sales in the previous period');
    expect(change[3]).toHaveAccessibleName('Down 3 places from #1 (30 sold) in the previous period');
    expect(change[0]).toHaveClass('rank-change--up');
    expect(change[3]).toHaveClass('rank-change--down');

    // Biggest climbers first (new products before them), then the other way round.
    await user.click(within(card).getByRole('button', { name: /^Change/ }));
    expect(card.querySelector('th[data-col="change"]')).toHaveAttribute('aria-sort', 'descending');
    expect(column('change')).toEqual(['New', '▲ 2', '—', '▼ 3']);
    await user.click(within(card).getByRole('button', { name: /^Change/ }));
    expect(card.querySelector('th[data-col="change"]')).toHaveAttribute('aria-sort', 'ascending');
    expect(column('change')).toEqual(['▼ 3', '—', '▲ 2', 'New']);
    expect(column('product')).toEqual(['Silk Scarf', 'Linen Wrap', 'Ribbed Ivory Crop Top', 'Camel Hoops']);
  });
});

