import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SummaryTiles, SummaryTilesFragment } from '../../features/summary/summary-tiles';
import { makeFragmentData } from '../../gql';
import { CancellationsTile, CancellationsTileFragment } from '../../features/summary/cancellations-tile';
import { cancellations as cancellationsData, summary as summaryData } from '../../test/fixtures';

const summary = (...args: Parameters<typeof summaryData>) => makeFragmentData(summaryData(...args), SummaryTilesFragment);
import { computeChange } from './compute-change';
import { MetricChange } from './metric-change';

describe('computeChange', () => {
  it('gives the signed percent and whether it is good news', () => {
    expect(computeChange(110, 100)).toEqual({ kind: 'up', percent: 10, good: true });
    expect(computeChange(90, 100)).toMatchObject({ kind: 'down', good: false });
    expect(computeChange(90, 100).percent).toBeCloseTo(-10);
    expect(computeChange(5, 0)).toEqual({ kind: 'new', percent: null, good: true });
    expect(computeChange(0, 0)).toEqual({ kind: 'none', percent: null, good: null });
    expect(computeChange(null, null)).toEqual({ kind: 'none', percent: null, good: null });
    expect(computeChange(null, 4000)).toMatchObject({ kind: 'down', percent: -100 });
  });
});

describe('MetricChange', () => {
  const change = (current: number, previous: number) => {
    render(<MetricChange current={current} previous={previous} previousText={String(previous)} periodLabel="previous 7 days" />);
    return screen.getByTestId('tile-change');
  };

  it('shows an up arrow in green when the figure grew', () => {
    const el = change(125, 100);
    expect(el).toHaveTextContent('▲ 25.0%');
    expect(el).toHaveClass('tile__change--good');
    expect(el).toHaveAccessibleName('Up 25.0% from 100 in the previous 7 days');
  });

  it('shows a down arrow in red when it fell', () => {
    const el = change(80, 100);
    expect(el).toHaveTextContent('▼ 20.0%');
    expect(el).toHaveClass('tile__change--bad');
  });

  it('says "new" when the previous period had none, and "—" when both are 0', () => {
    expect(change(3, 0)).toHaveTextContent('New');
    render(<MetricChange current={0} previous={0} previousText="0" periodLabel="previous week" />);
    expect(screen.getAllByTestId('tile-change')[1]).toHaveTextContent('—');
  });
});

describe('SummaryTiles', () => {
  it('shows the four figures with their change against the previous period', () => {
    render(
      <SummaryTiles cardSlug="last-7-days" summary={summary(428, 1_933_514, 360)} previous={summary(426, 2_130_000, 372)} periodLabel="previous 7 days" aovTarget="$40.00" />,
    );
    const orders = screen.getByTestId('tile-last-7-days-orders');
    expect(within(orders).getByTestId('tile-value')).toHaveTextContent('428');
    expect(within(orders).getByTestId('tile-change')).toHaveTextContent('▲ 0.5%');
    const net = screen.getByTestId('tile-last-7-days-net-receipts');
    expect(within(net).getByTestId('tile-value')).toHaveTextContent('$19,335.14');
    expect(within(net).getByTestId('tile-change')).toHaveClass('tile__change--bad');
    expect(within(screen.getByTestId('tile-last-7-days-unique-customers')).getByTestId('tile-change')).toHaveTextContent('▼ 3.2%');
  });

  it('warns when the AOV is below target and offers concrete suggestions', async () => {
    render(<SummaryTiles cardSlug="range-summary" summary={summary(10, 32_000, 9, true)} aovTarget="$40.00" />);
    const aov = screen.getByTestId('tile-range-summary-aov');
    expect(within(aov).getByTestId('tile-value')).toHaveTextContent('$32.00');
    expect(aov).toHaveTextContent('Below your $40.00 target');
    await userEvent.click(within(aov).getByText('How to raise it'));
    expect(aov).toHaveTextContent(/higher-priced items/);
    expect(aov).toHaveTextContent(/Bundle accessories/);
    expect(aov).toHaveTextContent(/shop the look/);
  });

  it('gives no advice when the AOV meets the target', () => {
    render(<SummaryTiles cardSlug="all-time" summary={summary(10, 50_000, 9, false)} aovTarget="$40.00" />);
    expect(screen.getByTestId('tile-all-time-aov')).not.toHaveTextContent('Below your');
    expect(screen.queryByTestId('tile-change')).not.toBeInTheDocument();
  });
});

describe('CancellationsTile', () => {
  const lost = (...args: Parameters<typeof cancellationsData>) => makeFragmentData(cancellationsData(...args), CancellationsTileFragment);

  it('shows the net receipts lost with the counts and rate; more lost than before is red', () => {
    // 3 cancelled and 1 refunded ($45.00 each) of 96 orders placed; 2 + 1 before.
    render(<CancellationsTile cardSlug="last-7-days" cancellations={lost(3, 1, 92)} previous={lost(2, 1, 80)} periodLabel="previous 7 days" />);
    const tile = screen.getByTestId('tile-last-7-days-cancellations');
    expect(within(tile).getByTestId('tile-value')).toHaveTextContent('$180.00');
    expect(within(tile).getByTestId('tile-note')).toHaveTextContent('Lost on 3 cancelled + 1 refunded orders · 4.2% of orders placed');
    const change = within(tile).getByTestId('tile-change');
    expect(change).toHaveTextContent('▲ 33.3%');
    expect(change).toHaveAttribute('data-kind', 'up');
    expect(change).toHaveClass('tile__change--bad');
    expect(change).toHaveAccessibleName('Up 33.3% from $135.00 in the previous 7 days');
  });

  it('is green when less was lost, red when it is new, and says when no order was placed', () => {
    render(<CancellationsTile cardSlug="range-summary" cancellations={lost(1, 0, 50)} previous={lost(3, 1, 50)} periodLabel="previous 6 weeks" />);
    expect(within(screen.getByTestId('tile-range-summary-cancellations')).getByTestId('tile-change')).toHaveClass('tile__change--good');
    render(<CancellationsTile cardSlug="last-7-days" cancellations={lost(1, 0, 5)} previous={lost(0, 0, 5)} periodLabel="previous 7 days" />);
    const fresh = within(screen.getByTestId('tile-last-7-days-cancellations')).getByTestId('tile-change');
    expect(fresh).toHaveTextContent('New');
    expect(fresh).toHaveClass('tile__change--bad');
    render(<CancellationsTile cardSlug="all-quiet" cancellations={lost(0, 0, 0)} previous={lost(0, 0, 0)} periodLabel="previous week" />);
    const quiet = screen.getByTestId('tile-all-quiet-cancellations');
    expect(within(quiet).getByTestId('tile-note')).toHaveTextContent('Lost on 0 cancelled + 0 refunded orders · no orders placed');
    expect(within(quiet).getByTestId('tile-change')).toHaveTextContent('—');
  });
});

