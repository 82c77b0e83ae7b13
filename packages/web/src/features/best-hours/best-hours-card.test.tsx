import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TikTokInsightsRoute } from '../../routes/tiktok-insights/tiktok-insights-route';
import { hourOfWeek, pageData } from '../../test/fixtures';
import { renderWithApollo } from '../../test/render-app';
import { bestHours, bestHoursSentence, hourRangeLabel, type HourCell } from './best-hours';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

/** The page, with the date range's hours and the shop's week start as given. */
function renderPage({ weekStartsOn = 'MONDAY', hours = hourOfWeek(true) }: { weekStartsOn?: 'MONDAY' | 'SUNDAY'; hours?: ReturnType<typeof hourOfWeek> } = {}) {
  const data = pageData();
  const insights = data.shop.tiktokInsights!;
  const answer = { shop: { ...data.shop, weekStartsOn, tiktokInsights: { ...insights, dateRange: { ...insights.dateRange, hourOfWeek: hours } } } };
  return renderWithApollo(null, { respond: () => answer, path: '/insights/tiktok', routes });
}

const weekdayHeaders = (card: HTMLElement) => within(card).getAllByRole('rowheader').map((th) => th.textContent);
const cellAt = (card: HTMLElement, weekday: number, hour: number) => card.querySelector<HTMLElement>(`td[data-weekday="${weekday}"][data-hour="${hour}"]`)!;

/** Cells of a week (weekday 1 = Monday), zero but for the orders given as "weekday:hour". */
function week(orders: Record<string, number>): HourCell[] {
  const cells: HourCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) for (let hour = 0; hour < 24; hour += 1) cells.push({ weekday, hour, orders: orders[`${weekday}:${hour}`] ?? 0 });
  return cells;
}

describe('Best time to go live', () => {
  it('lists the weekdays in the shop’s week order, 24 hours each, from Monday or from Sunday', async () => {
    const { unmount } = renderPage({ weekStartsOn: 'MONDAY' });
    let card = await screen.findByTestId('card-range-best-hours');
    expect(weekdayHeaders(card)).toEqual(['MonMonday', 'TueTuesday', 'WedWednesday', 'ThuThursday', 'FriFriday', 'SatSaturday', 'SunSunday']);
    expect(within(card).getAllByRole('gridcell')).toHaveLength(168);
    const firstRow = within(card).getAllByRole('row')[1]!;
    expect(within(firstRow).getAllByRole('gridcell').map((td) => td.getAttribute('data-hour'))).toEqual(Array.from({ length: 24 }, (_, h) => String(h)));
    unmount();

    renderPage({ weekStartsOn: 'SUNDAY' });
    card = await screen.findByTestId('card-range-best-hours');
    expect(weekdayHeaders(card)).toEqual(['SunSunday', 'MonMonday', 'TueTuesday', 'WedWednesday', 'ThuThursday', 'FriFriday', 'SatSaturday']);
    // Sunday's row holds the API's weekday 7.
    const sundayRow = within(card).getAllByRole('row')[1]!;
    expect(new Set(within(sundayRow).getAllByRole('gridcell').map((td) => td.getAttribute('data-weekday')))).toEqual(new Set(['7']));
  });

  it('names the hottest hours, adjacent hours of one day merged into a range, busiest first', async () => {
    renderPage();
    const card = await screen.findByTestId('card-range-best-hours');
    // Tuesday 7 pm (10 orders) and 8 pm (9), Thursday 8 pm (9); every other hour 3 or fewer.
    expect(within(card).getByTestId('best-hours-summary')).toHaveTextContent('Your best hours: Tue 7–9 pm, Thu 8–9 pm');
    expect(cellAt(card, 2, 19)).toHaveClass('is-best', 'heat-5');
    expect(cellAt(card, 2, 20)).toHaveClass('is-best');
    expect(cellAt(card, 4, 20)).toHaveClass('is-best');
    expect(cellAt(card, 4, 19)).not.toHaveClass('is-best');
    expect(cellAt(card, 1, 3)).toHaveClass('heat-0');
  });

  it('merges hours only within a day, keeps ties in the shop’s week order, and names at most three ranges', () => {
    const sentence = (orders: Record<string, number>, start: 'MONDAY' | 'SUNDAY' = 'MONDAY') => bestHoursSentence(bestHours(week(orders), start));
    // Monday 11 pm and Tuesday midnight are adjacent on the clock but not one day.
    expect(sentence({ '1:23': 8, '2:0': 8, '5:12': 2 })).toBe('Your best hours: Mon 11 pm–12 am, Tue 12–1 am');
    // A three-hour run across noon.
    expect(sentence({ '3:11': 6, '3:12': 7, '3:13': 6 })).toBe('Your best hours: Wed 11 am–2 pm');
    // Equal peaks: the earlier in the shop's week first (Sunday first when the week starts on Sunday).
    expect(sentence({ '1:20': 5, '7:20': 5 })).toBe('Your best hours: Mon 8–9 pm, Sun 8–9 pm');
    expect(sentence({ '1:20': 5, '7:20': 5 }, 'SUNDAY')).toBe('Your best hours: Sun 8–9 pm, Mon 8–9 pm');
    expect(sentence({ '1:9': 9, '2:9': 9, '3:9': 9, '4:9': 9, '5:9': 9 })).toBe('Your best hours: Mon 9–10 am, Tue 9–10 am, Wed 9–10 am');
    // Too few orders for an hour to stand out.
    expect(sentence({ '1:9': 1, '4:20': 1 })).toMatch(/^No hour stands out yet/);
    expect(hourRangeLabel(0, 2)).toBe('12–2 am');
    expect(hourRangeLabel(23, 24)).toBe('11 pm–12 am');
  });

  it('says so when the weeks have no orders, instead of an empty grid', async () => {
    renderPage({ hours: hourOfWeek(false) });
    const card = await screen.findByTestId('card-range-best-hours');
    expect(card).toHaveTextContent('No TikTok orders in these weeks, so no best hours yet.');
    expect(within(card).queryByRole('grid')).not.toBeInTheDocument();
    expect(card).not.toHaveTextContent(/NaN|Infinity/);
  });

  it('shows a cell’s weekday, hours, orders and net receipts in a tooltip on hover, on focus with the arrow keys, and on a tap', async () => {
    const user = userEvent.setup();
    renderPage();
    const card = await screen.findByTestId('card-range-best-hours');
    await user.hover(cellAt(card, 2, 19));
    let tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Tuesday 7–8 pm');
    expect(tip).toHaveTextContent('10 orders');
    expect(tip).toHaveTextContent('$450.00 net receipts');
    await user.unhover(card.querySelector('.grid-tip-host')!);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();

    // The grid is one tab stop; the arrow keys move the focus and the tooltip with it.
    expect(cellAt(card, 1, 0)).toHaveAttribute('tabindex', '0');
    act(() => cellAt(card, 1, 0).focus());
    expect(screen.getByRole('tooltip')).toHaveTextContent('Monday 12–1 am0 orders');
    await user.keyboard('{ArrowDown}{End}');
    expect(cellAt(card, 2, 23)).toHaveFocus();
    expect(screen.getByRole('tooltip')).toHaveTextContent('Tuesday 11 pm–12 am');
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Tuesday 9–10 pm3 orders$135.00 net receipts');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    expect(cellAt(card, 2, 21)).toHaveFocus();
    expect(cellAt(card, 2, 21)).toHaveAccessibleName('Tuesday 9–10 pm: 3 orders, $135.00 net receipts');

    // A tap (a click without hover or focus first, as a touch screen may send it).
    fireEvent.click(cellAt(card, 4, 20));
    tip = screen.getByRole('tooltip');
    expect(tip).toHaveTextContent('Thursday 8–9 pm9 orders$405.00 net receipts');
    // …and a tap elsewhere closes it.
    fireEvent.pointerDown(screen.getByRole('heading', { name: 'Insights' }));
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });
});
