import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TikTokInsightsRoute } from '../../routes/tiktok-insights/tiktok-insights-route';
import { pageData, weekCohorts } from '../../test/fixtures';
import { renderWithApollo, type RecordedOperation } from '../../test/render-app';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

function respond(op: RecordedOperation) {
  if (op.operationName === 'CohortsByPeriod') {
    return { shop: { __typename: 'Shop', id: 'shop-1', tiktokInsights: { __typename: 'TikTokInsights', cohorts: weekCohorts() } } };
  }
  return pageData();
}

const rows = (card: HTMLElement) => within(card).getAllByTestId('cohort-row');
/** A row's cells as shown: its label, its customers, then one share per period. */
const rowTexts = (row: HTMLElement) => [...row.querySelectorAll('th, td:not(.cohorts__future)')].map((cell) => cell.textContent);

describe('Do TikTok buyers come back? (cohorts)', () => {
  it('shows each month’s share of its customers who ordered again, with the counts in a tooltip', async () => {
    const user = userEvent.setup();
    renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-cohorts');
    expect(rows(card)).toHaveLength(12);
    // Dec 2025: 40 customers; then floor(40 × 0.3 / k) of them in month k.
    expect(rowTexts(rows(card)[0]!).slice(0, 6)).toEqual(['Dec 2025', '40', '100%', '30%', '15%', '10%']);
    // The triangle: the last month's group has only its own month.
    expect(rowTexts(rows(card)[11]!)).toEqual(['Nov 2026', '12', '100%']);
    expect(within(card).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(
      expect.arrayContaining(['First order in', 'Customers', 'Months after their first TikTok order', '0', '11']),
    );

    const cell = rows(card)[0]!.querySelector<HTMLElement>('td[data-index="2"]')!;
    await user.hover(cell);
    expect(screen.getByRole('tooltip')).toHaveTextContent('6 of 40 customers ordered again on TikTok in Feb 2026; 6 had shopped in your store by then');
    expect(cell).toHaveAccessibleName('15%: 6 of 40 customers ordered again on TikTok in Feb 2026; 6 had shopped in your store by then');
    // The month under way says so.
    const current = rows(card)[0]!.querySelector<HTMLElement>('td[data-index="11"]')!;
    expect(current).toHaveClass('is-current');
    expect(current).toHaveAccessibleName(/in Nov 2026 \(so far\);/);
  });

  it('shows dashes, not NaN, for a month without new customers', async () => {
    const user = userEvent.setup();
    renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-cohorts');
    const empty = rows(card)[1]!;
    expect(rowTexts(empty)).toEqual(['Jan 2026', '0', ...Array<string>(11).fill('—')]);
    expect(card).not.toHaveTextContent(/NaN|Infinity|undefined/);
    // Any month of the row speaks of the group's own month.
    await user.hover(empty.querySelector('td[data-index="3"]')!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('No customers placed their first TikTok order in Jan 2026');
  });

  it('switches to the share that crossed over to the store', async () => {
    const user = userEvent.setup();
    renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-cohorts');
    await user.click(within(card).getByRole('button', { name: 'Crossed over to your store' }));
    expect(within(card).getByRole('button', { name: 'Crossed over to your store' })).toHaveAttribute('aria-pressed', 'true');
    // min(40, floor(40 × 0.05 × (k + 1))): 2, 4, 6, 8 of 40.
    expect(rowTexts(rows(card)[0]!).slice(2, 6)).toEqual(['5%', '10%', '15%', '20%']);
    expect(within(card).getByRole('grid')).toHaveClass('cohorts--crossover');
  });

  it('asks the server for weekly cohorts when Weeks is chosen, and goes back to the months without asking again', async () => {
    const user = userEvent.setup();
    const { operations } = renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-cohorts');
    await user.click(within(card).getByRole('button', { name: 'Weeks' }));
    await waitFor(() => expect(rows(card)[0]).toHaveTextContent('Sep 7'));
    const sent = operations.filter((o) => o.operationName === 'CohortsByPeriod');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.variables).toEqual({ by: 'WEEK', first: 12 });
    expect(within(card).getByRole('button', { name: 'Weeks' })).toHaveAttribute('aria-pressed', 'true');
    expect(card).toHaveTextContent('Weeks after their first TikTok order');
    expect(rowTexts(rows(card)[0]!).slice(0, 4)).toEqual(['Sep 7', '40', '100%', '30%']);
    await user.hover(rows(card)[0]!.querySelector('td[data-index="1"]')!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('12 of 40 customers ordered again on TikTok in the week of Sep 14; 4 had shopped in your store by then');

    await user.click(within(card).getByRole('button', { name: 'Months' }));
    expect(rows(card)[0]).toHaveTextContent('Dec 2025');
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage', 'CohortsByPeriod']);
  });
});
