import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataSetCard } from './data-set-card';

/** Content that fails while `failing.now` is set: as it renders, or (like a chart being drawn) in its effect. */
const failing = { now: true };
function FailingContent({ inEffect = false }: { inEffect?: boolean }) {
  useEffect(() => {
    if (inEffect && failing.now) throw new Error('Money must be a safe integer of minor units, got 0.2');
  });
  if (!inEffect && failing.now) throw new Error('Money must be a safe integer of minor units, got 0.2');
  return <p>Weekly bars drawn</p>;
}

function TwoCards({ inEffect = false, onRefresh }: { inEffect?: boolean; onRefresh?: () => Promise<unknown> }) {
  return (
    <>
      <DataSetCard slug="range-net-orders" title="Weekly net receipts & orders" help="Spot your strongest weeks." onRefresh={onRefresh}>
        <FailingContent inEffect={inEffect} />
      </DataSetCard>
      <DataSetCard slug="range-share" title="TikTok share of weekly net receipts" help="Shows where the money comes from.">
        <p>Share bars drawn</p>
      </DataSetCard>
    </>
  );
}

beforeEach(() => {
  failing.now = true;
  // React reports each error it catches on the console.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('a card whose content fails', () => {
  it('shows its error and Try again while its sibling still renders; Try again draws the content again', async () => {
    const user = userEvent.setup();
    render(<TwoCards />);
    const failed = screen.getByTestId('card-range-net-orders');
    const alert = within(failed).getByRole('alert');
    expect(alert).toHaveTextContent('This card couldn’t be shown. Money must be a safe integer of minor units, got 0.2');
    expect(alert).not.toHaveTextContent(/\bat \w+ \(/); // no stack trace
    expect(within(failed).queryByText('Weekly bars drawn')).not.toBeInTheDocument();
    // The card keeps its title and menu; the other card is untouched.
    expect(within(failed).getByRole('heading', { name: 'Weekly net receipts & orders' })).toBeInTheDocument();
    expect(within(failed).getByTestId('card-menu')).toBeInTheDocument();
    const sibling = screen.getByTestId('card-range-share');
    expect(within(sibling).getByText('Share bars drawn')).toBeVisible();
    expect(within(sibling).queryByRole('alert')).not.toBeInTheDocument();

    // Still failing: Try again shows the error again.
    await user.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(within(failed).getByRole('alert')).toBeInTheDocument();

    failing.now = false;
    await user.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(within(failed).getByText('Weekly bars drawn')).toBeVisible();
    expect(within(failed).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(sibling).getByText('Share bars drawn')).toBeVisible();
  });

  it('catches an error thrown while drawing (in an effect), and Clear cache & refresh gives it a fresh try', async () => {
    const user = userEvent.setup();
    const onRefresh = vi.fn(() => {
      failing.now = false;
      return Promise.resolve();
    });
    render(<TwoCards inEffect onRefresh={onRefresh} />);
    const failed = screen.getByTestId('card-range-net-orders');
    expect(within(failed).getByRole('alert')).toHaveTextContent('This card couldn’t be shown.');
    expect(within(screen.getByTestId('card-range-share')).getByText('Share bars drawn')).toBeVisible();

    await user.click(within(failed).getByTestId('card-menu'));
    await user.click(screen.getByRole('menuitem', { name: 'Clear cache & refresh' }));
    expect(onRefresh).toHaveBeenCalledOnce();
    expect(await within(failed).findByText('Weekly bars drawn')).toBeVisible();
    expect(within(failed).queryByRole('alert')).not.toBeInTheDocument();
  });
});
