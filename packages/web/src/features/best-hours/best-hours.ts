import type { WeekStart } from '@tiktok-insights/shared';

/** One hour of the week on the shop's clock: weekday 1 = Monday … 7 = Sunday, hour 0–23. */
export interface HourCell {
  weekday: number;
  hour: number;
  orders: number;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Tuesday" for 2. */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `Day ${weekday}`;
}

/** "Tue" for 2. */
export function weekdayShort(weekday: number): string {
  return weekdayName(weekday).slice(0, 3);
}

/** The weekdays (1 = Monday … 7 = Sunday) in the order of the shop's week. */
export function weekdaysInOrder(weekStartsOn: WeekStart): number[] {
  return weekStartsOn === 'SUNDAY' ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
}

function clock(hour: number): { at: number; half: 'am' | 'pm' } {
  const h = hour % 24;
  return { at: h % 12 === 0 ? 12 : h % 12, half: h < 12 ? 'am' : 'pm' };
}

/** "7 pm" for 19, "12 am" for 0. */
export function hourLabel(hour: number): string {
  const { at, half } = clock(hour);
  return `${at} ${half}`;
}

/** The hours from `start` up to `end` (exclusive, up to 24): "7–9 pm", "11 am–1 pm", "11 pm–12 am". */
export function hourRangeLabel(start: number, end: number): string {
  const from = clock(start);
  const to = clock(end);
  // The end of the day is the next day's 12 am: not the same half of the day as 11 pm.
  const sameHalf = from.half === to.half && end < 24;
  return sameHalf ? `${from.at}–${to.at} ${to.half}` : `${from.at} ${from.half}–${to.at} ${to.half}`;
}

/** Hot hours of one weekday next to each other: `start` up to `end` (exclusive). */
export interface HourRange {
  weekday: number;
  start: number;
  end: number;
  /** Orders of its busiest hour. */
  peakOrders: number;
  orders: number;
}

/** An hour is hot with at least this share of the busiest hour's orders… */
const HOT_SHARE = 0.75;
/** …and among the busiest this many hours (so a flat week does not name half of it). */
const MAX_HOT_HOURS = 6;
/** At most this many ranges are named in the sentence. */
const MAX_RANGES = 3;
/** Below this many orders in the busiest hour, no hour stands out from chance. */
const MIN_PEAK_ORDERS = 2;

export type BestHours = { kind: 'none' } | { kind: 'flat'; peakOrders: number } | { kind: 'ranges'; ranges: HourRange[]; hot: HourCell[] };

/**
 * The hours to go live: the hottest hours of the week (at least 75% of the busiest hour's orders,
 * at most the 6 busiest; ties go to the earlier hour in the shop's week), adjacent hot hours of
 * one weekday merged into a range, and at most 3 ranges named, busiest first.
 */
export function bestHours(cells: readonly HourCell[], weekStartsOn: WeekStart): BestHours {
  const peak = Math.max(0, ...cells.map((c) => c.orders));
  if (peak === 0) return { kind: 'none' };
  if (peak < MIN_PEAK_ORDERS) return { kind: 'flat', peakOrders: peak };
  const days = weekdaysInOrder(weekStartsOn);
  const weekPosition = (c: HourCell) => days.indexOf(c.weekday) * 24 + c.hour;
  const hot = cells
    .filter((c) => c.orders >= peak * HOT_SHARE)
    .sort((a, b) => b.orders - a.orders || weekPosition(a) - weekPosition(b))
    .slice(0, MAX_HOT_HOURS)
    .sort((a, b) => weekPosition(a) - weekPosition(b));

  const ranges: HourRange[] = [];
  for (const cell of hot) {
    const last = ranges.at(-1);
    if (last && last.weekday === cell.weekday && last.end === cell.hour) {
      last.end = cell.hour + 1;
      last.peakOrders = Math.max(last.peakOrders, cell.orders);
      last.orders += cell.orders;
    } else {
      ranges.push({ weekday: cell.weekday, start: cell.hour, end: cell.hour + 1, peakOrders: cell.orders, orders: cell.orders });
    }
  }
  // Busiest first; the order of the week (the sort above) breaks ties.
  const named = ranges
    .map((range, position) => ({ range, position }))
    .sort((a, b) => b.range.peakOrders - a.range.peakOrders || b.range.orders - a.range.orders || a.position - b.position)
    .slice(0, MAX_RANGES)
    .map(({ range }) => range);
  const inNamed = (c: HourCell) => named.some((r) => r.weekday === c.weekday && c.hour >= r.start && c.hour < r.end);
  return { kind: 'ranges', ranges: named, hot: hot.filter(inNamed) };
}

/** "Tue 7–9 pm". */
export function rangeLabel(range: Pick<HourRange, 'weekday' | 'start' | 'end'>): string {
  return `${weekdayShort(range.weekday)} ${hourRangeLabel(range.start, range.end)}`;
}

/** The sentence above the heatmap, e.g. "Your best hours: Tue 7–9 pm, Thu 8–9 pm". */
export function bestHoursSentence(best: BestHours): string {
  switch (best.kind) {
    case 'none':
      return 'No TikTok orders in these weeks, so no best hours yet.';
    case 'flat':
      return 'No hour stands out yet: no hour of the week had more than one order in these weeks.';
    case 'ranges':
      return `Your best hours: ${best.ranges.map(rangeLabel).join(', ')}`;
  }
}

/**
 * The colour step of a cell: 0 for no orders, 1–5 from a few to the busiest hour's orders. The
 * steps follow the square root of the share of the busiest hour, so that a week with a few very
 * busy hours still shows which of the others are busier than the rest.
 */
export function heatLevel(orders: number, peakOrders: number): number {
  if (orders <= 0 || peakOrders <= 0) return 0;
  return Math.max(1, Math.min(5, Math.ceil(Math.sqrt(orders / peakOrders) * 5)));
}
