import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { pageData, period } from '../../test/fixtures';
import { graphqlResult, renderWithApollo, type RecordedOperation } from '../../test/render-app';
import { TikTokInsightsRoute } from './tiktok-insights-route';

// The fixtures' asOf is Thursday 2026-11-26 (weeks start on Monday): the current week is Nov 23 – Nov 29,
// and the default range is the 6 full weeks Oct 12 – Nov 22.
const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

/** The page's answer, with the date range the seller asked for. */
function withRange(range: ReturnType<typeof period>) {
  const data = pageData();
  return { shop: { ...data.shop, tiktokInsights: { ...data.shop.tiktokInsights!, dateRange: range } } };
}

function rangeDataSets(range: ReturnType<typeof period>) {
  const data = pageData();
  return { shop: { ...data.shop, tiktokInsights: { __typename: 'TikTokInsights', dateRange: range } } };
}

function renderPage(path = '/insights/tiktok', respond: (op: RecordedOperation) => unknown = () => pageData()) {
  return renderWithApollo(null, { respond, path, routes });
}

const field = () => screen.getByTestId('date-range');
const toggle = () => within(field()).getByRole('button', { name: /Date range/ });
const panel = () => screen.queryByRole('group', { name: 'Choose whole weeks' });
const preset = (weeks: number) => screen.getByRole('button', { name: `Last ${weeks} weeks` });
const update = () => screen.getByTestId('date-range-update');

describe('Date range picker', () => {
  it('highlights the default "Last 6 weeks" when the address names no range, and only that preset', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('date-range');
    expect(toggle()).toHaveTextContent('Oct 12 – Nov 22, 2026 · 6 weeks');
    await user.click(toggle());
    expect(preset(6)).toHaveAttribute('aria-pressed', 'true');
    for (const weeks of [4, 12, 26, 52]) expect(preset(weeks)).toHaveAttribute('aria-pressed', 'false');
  });

  it('highlights the chosen preset; Update applies it and closes the panel, and the preset stays highlighted', async () => {
    const user = userEvent.setup();
    const twelveWeeks = period('2026-08-31', 84, 7, 20);
    const { router, operations } = renderPage('/insights/tiktok', (op) => (op.operationName === 'RangeDataSets' ? rangeDataSets(twelveWeeks) : pageData()));
    await screen.findByTestId('date-range');
    await user.click(toggle());
    await user.click(preset(12));
    expect(preset(12)).toHaveAttribute('aria-pressed', 'true');
    expect(preset(6)).toHaveAttribute('aria-pressed', 'false');
    expect(toggle()).toHaveTextContent('Aug 31 – Nov 22, 2026 · 12 weeks');

    await user.click(update());
    expect(panel()).not.toBeInTheDocument();
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-08-31&to=2026-11-22'));
    expect(operations.find((o) => o.operationName === 'RangeDataSets')?.variables).toEqual({ from: '2026-08-31', to: '2026-11-22' });

    await user.click(toggle());
    expect(preset(12)).toHaveAttribute('aria-pressed', 'true');
    expect(preset(6)).toHaveAttribute('aria-pressed', 'false');
  });

  it('Update without a change closes the panel too', async () => {
    const user = userEvent.setup();
    const { operations } = renderPage();
    await screen.findByTestId('date-range');
    await user.click(toggle());
    await user.click(update());
    expect(panel()).not.toBeInTheDocument();
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage']);
  });

  it('Escape closes the panel and gives focus back to the field’s button; so does a click outside (without focus)', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('date-range');
    await user.click(toggle());
    await user.click(preset(4));
    expect(preset(4)).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(panel()).not.toBeInTheDocument();
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    expect(toggle()).toHaveFocus();
    // The draft is kept: the field shows it, marked as changed, until Update.
    expect(toggle()).toHaveTextContent('Oct 26 – Nov 22, 2026 · 4 weeks');

    await user.click(toggle());
    expect(panel()).toBeInTheDocument();
    await user.click(screen.getByRole('heading', { name: 'Insights' }));
    expect(panel()).not.toBeInTheDocument();
    // A click inside the panel keeps it open.
    await user.click(toggle());
    await user.click(screen.getByLabelText('Start week'));
    expect(panel()).toBeInTheDocument();
  });

  it('refuses an end week before the start week: it says so, keeps both weeks as chosen and Update stays disabled', async () => {
    const user = userEvent.setup();
    const { operations, router } = renderPage();
    await screen.findByTestId('date-range');
    await user.click(toggle());
    const start = screen.getByLabelText('Start week');
    const end = screen.getByLabelText('End week');
    fireEvent.change(end, { target: { value: '2026-09-02' } });
    // Not silently turned into one week: the start stays where it was.
    expect(start).toHaveValue('2026-10-12');
    expect(end).toHaveValue('2026-09-06');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The end week (Week of Aug 31 – Sep 6) is before the start week (Week of Oct 12 – Oct 18). Choose an end week on or after the start week.',
    );
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(update()).toBeDisabled();
    expect(toggle()).toHaveTextContent('Oct 12 – Sep 6, 2026 · end before start');
    // Closed, the field still says what is wrong, and Update still cannot send it.
    await user.keyboard('{Escape}');
    expect(toggle()).toHaveTextContent('end before start');
    expect(update()).toBeDisabled();

    await user.click(toggle());
    fireEvent.change(screen.getByLabelText('End week'), { target: { value: '2026-11-04' } });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(update()).toBeEnabled();
    expect(toggle()).toHaveTextContent('Oct 12 – Nov 8, 2026 · 4 weeks');
    expect(operations.map((o) => o.operationName)).toEqual(['TikTokInsightsPage']);
    expect(router.state.location.search).toBe('');
  });

  it('refuses a start week that has not begun', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('date-range');
    await user.click(toggle());
    fireEvent.change(screen.getByLabelText('End week'), { target: { value: '2027-01-10' } });
    fireEvent.change(screen.getByLabelText('Start week'), { target: { value: '2026-12-02' } });
    expect(screen.getByRole('alert')).toHaveTextContent('The start week has not begun yet. Choose a start week up to this week (Week of Nov 23 – Nov 29).');
    expect(update()).toBeDisabled();
    expect(screen.getByLabelText('Start week')).toHaveAttribute('max', '2026-11-29');
  });
});

describe('A range that reaches past today', () => {
  it('is labelled in progress everywhere: field, tiles (no percentage), subtitle, and charts without the weeks to come', async () => {
    const user = userEvent.setup();
    // Nov 2, 2026 – Mar 7, 2027: 18 weeks, of which Nov 23 – Nov 29 is under way and 14 have not begun.
    renderPage('/insights/tiktok?from=2026-11-02&to=2027-03-07', () => withRange(period('2026-11-02', 126, 7, 10)));
    await screen.findByTestId('date-range');
    expect(toggle()).toHaveTextContent('Nov 2, 2026 – Mar 7, 2027 · 18 weeks · in progress');

    for (const metric of ['orders', 'net-receipts', 'aov', 'unique-customers']) {
      const change = within(screen.getByTestId(`tile-range-summary-${metric}`)).getByTestId('tile-change');
      expect(change).toHaveAttribute('data-kind', 'in-progress');
      expect(change).toHaveTextContent('In progress');
      expect(change.textContent).not.toMatch(/[▲▼%]/);
      expect(change).toHaveAccessibleName('In progress: counted through Nov 26; the change against the previous 18 weeks shows once the range is over');
    }
    expect(screen.getByTestId('tile-range-summary-orders')).toHaveTextContent('through Nov 26');
    expect(within(screen.getByTestId('card-range-summary')).getByText(/in progress, counted through Nov 26, 2026/)).toBeInTheDocument();
    // The last 7 days are over: their change is shown as before.
    expect(within(screen.getByTestId('tile-last-7-days-orders')).getByTestId('tile-change')).toHaveAttribute('data-kind', 'up');

    const note = 'The week of Nov 23 is still under way (counted through Nov 26); the 14 weeks from Nov 30 have not started yet.';
    for (const slug of ['range-net-orders', 'range-share', 'range-customers']) {
      const card = screen.getByTestId(`card-${slug}`);
      expect(within(card).getByTestId('series-progress')).toHaveTextContent(note);
      // Four weeks drawn (Nov 2 … Nov 23), not eighteen with fourteen zero drops.
      expect(await within(card).findByRole('img')).toHaveAttribute('data-points', '4');
    }
    expect(within(screen.getByTestId('card-last-7-days-net-orders')).queryByTestId('series-progress')).not.toBeInTheDocument();

    await user.click(toggle());
    expect(screen.getByTestId('date-range-progress')).toHaveTextContent('This range is still under way: its figures run through today, Nov 26');
    expect(update()).toBeEnabled();
  });

  it('the current week alone, chosen in the picker, shows "In progress" instead of a drop', async () => {
    const user = userEvent.setup();
    const thisWeek = period('2026-11-23', 7, 7, 3);
    const { router } = renderPage('/insights/tiktok', (op) => (op.operationName === 'RangeDataSets' ? rangeDataSets(thisWeek) : pageData()));
    await screen.findByTestId('date-range');
    await user.click(toggle());
    fireEvent.change(screen.getByLabelText('Start week'), { target: { value: '2026-11-24' } });
    fireEvent.change(screen.getByLabelText('End week'), { target: { value: '2026-11-26' } });
    expect(toggle()).toHaveTextContent('Nov 23 – Nov 29, 2026 · 1 week · in progress');
    await user.click(update());
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-11-23&to=2026-11-29'));
    const change = await waitFor(() => {
      const el = within(screen.getByTestId('tile-range-summary-net-receipts')).getByTestId('tile-change');
      expect(el).toHaveAttribute('data-kind', 'in-progress');
      return el;
    });
    expect(change.textContent).not.toMatch(/▼/);
    expect(within(screen.getByTestId('card-range-net-orders')).getByTestId('series-progress')).toHaveTextContent(
      'The week of Nov 23 is still under way (counted through Nov 26).',
    );
  });
});

describe('A range in the address that cannot be shown', () => {
  it('garbage: a notice says so and the default range is shown; Dismiss clears the address', async () => {
    const user = userEvent.setup();
    const { operations, router } = renderPage('/insights/tiktok?from=banana&to=2026-11-01');
    const notice = await screen.findByTestId('range-notice');
    expect(notice).toHaveTextContent('The date range in this address can’t be shown: “banana” is not a date (YYYY-MM-DD). Showing the default range (the last 6 full weeks) instead.');
    expect(operations[0]!.variables).toMatchObject({ from: null, to: null });
    expect(toggle()).toHaveTextContent('Oct 12 – Nov 22, 2026 · 6 weeks');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(router.state.location.search).toBe('');
    expect(screen.queryByTestId('range-notice')).not.toBeInTheDocument();
  });

  it('an end before the start: a notice, and the default range', async () => {
    const { operations } = renderPage('/insights/tiktok?from=2026-11-08&to=2026-11-01');
    expect(await screen.findByTestId('range-notice')).toHaveTextContent('it ends on Nov 1, 2026, before it starts on Nov 8, 2026');
    expect(operations.map((o) => o.variables)).toEqual([expect.objectContaining({ from: null, to: null })]);
    expect(screen.getByTestId('card-range-summary')).toBeInTheDocument();
  });

  it('a range the API refuses (BAD_USER_INPUT, e.g. over 520 weeks): its message, then the default range — no dead "Try again"', async () => {
    const message = 'The range 2000-01-03 … 2026-11-01 spans 1400 weeks; at most 520 are allowed';
    const { operations } = renderPage('/insights/tiktok?from=2000-01-03&to=2026-11-01', (op) =>
      op.variables['from'] ? graphqlResult({ data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'to' } }] }) : pageData(),
    );
    expect(await screen.findByTestId('range-notice')).toHaveTextContent(`can’t be shown: ${message}. Showing the default range`);
    expect(await screen.findByTestId('card-range-summary')).toBeInTheDocument();
    expect(operations.map((o) => [o.variables['from'], o.variables['to']])).toEqual([
      ['2000-01-03', '2026-11-01'],
      [null, null],
    ]);
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});
