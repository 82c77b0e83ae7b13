import { addDays, dayOfWeek, daysBetween, formatWithOffset, zonedInstant } from '@tiktok-insights/shared';
import type { SeededRandom } from './demo-generator-random.js';

/** TikTok lives run on these evenings (0 = Sunday): Tuesday, Thursday and Sunday. */
export const LIVE_SALE_WEEKDAYS: readonly number[] = [2, 4, 0];
/** Local minutes after midnight of the live show: 19:00 to 21:00. */
export const LIVE_SALE_START_MINUTE = 19 * 60;
export const LIVE_SALE_END_MINUTE = 21 * 60;
/** A live day sells this many times an ordinary day's TikTok orders; the extra falls in the show. */
const LIVE_DAY_FACTOR = 2.2;

/** Expected volume of one day. */
export interface DayPlan {
  day: string;
  dayIndex: number;
  isLiveDay: boolean;
  expectedTikTokOrders: number;
  expectedStoreOrders: number;
  /** Share of the day's TikTok orders placed during the live show. */
  liveShare: number;
  /** Black Friday through Cyber Monday. */
  isSaleWeekend: boolean;
}

export interface VolumeTargets {
  /** Store orders over the whole period. */
  storeOrders: number;
  /** TikTok orders over the whole period; undefined = follow the share curve against `tiktokCurveStoreOrders`. */
  tiktokOrders: number | undefined;
  tiktokCurveStoreOrders: number;
}

/**
 * The expected orders of every day: weekday and seasonal swings shared by both kinds, live-sale
 * evenings for TikTok, and a TikTok share of the shop's money that grows from ~15% to ~60%.
 */
export function planDays(firstDay: string, days: number, targets: VolumeTargets): DayPlan[] {
  const blackFridays = new Map<number, string>();
  const raw = Array.from({ length: days }, (_, dayIndex) => {
    const day = addDays(firstDay, dayIndex);
    const weekday = dayOfWeek(day);
    const progress = days > 1 ? dayIndex / (days - 1) : 1;
    const blackFriday = blackFridayOf(Number(day.slice(0, 4)), blackFridays);
    const fromBlackFriday = daysBetween(blackFriday, day);
    const season = seasonalFactor(day, fromBlackFriday);
    const isLiveDay = LIVE_SALE_WEEKDAYS.includes(weekday);
    const growth = 1 + 0.12 * progress;
    const store = growth * season * (STORE_WEEKDAY_FACTORS[weekday] as number);
    const liveFactor = isLiveDay ? LIVE_DAY_FACTOR : 1;
    const tiktok = growth * season * tiktokOrdersPerStoreOrder(progress) * (TIKTOK_WEEKDAY_FACTORS[weekday] as number)
      * (liveFactor / AVERAGE_LIVE_FACTOR);
    const isSaleWeekend = fromBlackFriday >= 0 && fromBlackFriday <= 3;
    return { day, dayIndex, isLiveDay, isSaleWeekend, store, tiktok, liveShare: isLiveDay ? 1 - 1 / LIVE_DAY_FACTOR : 0 };
  });
  const storeTotal = raw.reduce((sum, plan) => sum + plan.store, 0);
  const tiktokTotal = raw.reduce((sum, plan) => sum + plan.tiktok, 0);
  const storeScale = targets.storeOrders / storeTotal;
  const tiktokScale = targets.tiktokOrders === undefined
    ? targets.tiktokCurveStoreOrders / storeTotal
    : targets.tiktokOrders / tiktokTotal;
  return raw.map(({ day, dayIndex, isLiveDay, isSaleWeekend, store, tiktok, liveShare }) => ({
    day,
    dayIndex,
    isLiveDay,
    isSaleWeekend,
    expectedStoreOrders: store * storeScale,
    expectedTikTokOrders: tiktok * tiktokScale,
    liveShare,
  }));
}

const AVERAGE_LIVE_FACTOR = (7 - LIVE_SALE_WEEKDAYS.length + LIVE_SALE_WEEKDAYS.length * LIVE_DAY_FACTOR) / 7;
// Sunday … Saturday.
const STORE_WEEKDAY_FACTORS = [1.12, 0.97, 0.93, 0.95, 1.0, 1.04, 1.1];
const TIKTOK_WEEKDAY_FACTORS = [1.05, 0.95, 1.0, 0.95, 1.0, 1.0, 1.05];
// January … December.
const MONTH_FACTORS = [0.82, 0.9, 0.95, 1.0, 1.05, 0.95, 0.92, 1.02, 1.0, 1.05, 1.15, 1.25];

/**
 * TikTok orders per store order at a point of the period (0 = first day, 1 = last day), so that
 * TikTok's share of net receipts grows from about 15% to about 60% (its orders are a bit smaller).
 */
function tiktokOrdersPerStoreOrder(progress: number): number {
  const moneyShare = 0.15 + 0.45 * Math.pow(progress, 1.2);
  return (moneyShare / (1 - moneyShare)) * STORE_TO_TIKTOK_ORDER_VALUE;
}
const STORE_TO_TIKTOK_ORDER_VALUE = 1.3;

function seasonalFactor(day: string, fromBlackFriday: number): number {
  const month = Number(day.slice(5, 7));
  const dayOfMonth = Number(day.slice(8, 10));
  return (MONTH_FACTORS[month - 1] as number) * holidayFactor(month, dayOfMonth, fromBlackFriday);
}

/** Thanksgiving, Black Friday … Cyber Monday, the Christmas run, Valentine's and Mother's Day weeks. */
function holidayFactor(month: number, dayOfMonth: number, fromBlackFriday: number): number {
  if (fromBlackFriday >= -1 && fromBlackFriday <= 3) return [0.7, 3.2, 1.8, 1.6, 2.6][fromBlackFriday + 1] as number;
  if (month === 12) {
    if (dayOfMonth <= 18) return 1.3;
    if (dayOfMonth <= 23) return 1.1;
    if (dayOfMonth === 24) return 0.6;
    if (dayOfMonth === 25) return 0.35;
    if (dayOfMonth === 26) return 1.4;
  }
  if (month === 1 && dayOfMonth === 1) return 0.7;
  if (month === 2 && dayOfMonth >= 7 && dayOfMonth <= 13) return 1.2;
  if (month === 5 && dayOfMonth >= 3 && dayOfMonth <= 12) return 1.2;
  return 1;
}

/** The day after the fourth Thursday of November. */
function blackFridayOf(year: number, cache: Map<number, string>): string {
  const known = cache.get(year);
  if (known) return known;
  for (let dayOfMonth = 22; dayOfMonth <= 28; dayOfMonth++) {
    const day = `${String(year).padStart(4, '0')}-11-${dayOfMonth}`;
    if (dayOfWeek(day) === 4) {
      const blackFriday = addDays(day, 1);
      cache.set(year, blackFriday);
      return blackFriday;
    }
  }
  throw new RangeError(`No fourth Thursday in November ${year}`);
}

// Relative order volume per local hour, 00 … 23: quiet nights, a lunch bump, busy evenings.
const STORE_HOUR_WEIGHTS = [1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 5.5, 5.0, 4.6, 4.5, 4.6, 5.0, 5.8, 6.5, 7.0, 6.5, 4.5, 2.8];
const TIKTOK_HOUR_WEIGHTS = [1.6, 0.8, 0.4, 0.2, 0.2, 0.3, 0.7, 1.4, 2.2, 3.0, 3.6, 4.2, 4.8, 4.4, 4.2, 4.2, 4.5, 5.0, 5.8, 6.6, 7.2, 7.4, 6.0, 3.6];

function cumulativeOf(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((weight) => (total += weight));
}
const STORE_HOURS_CUMULATIVE = cumulativeOf(STORE_HOUR_WEIGHTS);
const TIKTOK_HOURS_CUMULATIVE = cumulativeOf(TIKTOK_HOUR_WEIGHTS);

/** A local second of the day (0 … 86,399) for an order. */
export function sampleSecondOfDay(random: SeededRandom, kind: 'TIKTOK' | 'STORE', duringLiveShow: boolean): number {
  if (duringLiveShow) {
    const minute = random.int(LIVE_SALE_START_MINUTE, LIVE_SALE_END_MINUTE - 1);
    return minute * 60 + random.int(0, 59);
  }
  const hour = random.cumulativeIndex(kind === 'TIKTOK' ? TIKTOK_HOURS_CUMULATIVE : STORE_HOURS_CUMULATIVE);
  return hour * 3600 + random.int(0, 3599);
}

/**
 * Turns local seconds of one day into instants and ISO strings with the zone's offset. On the
 * usual 24-hour day the offset is constant, so the string is assembled from the day's offset; on
 * a day with a DST change each minute goes through the shared zone functions once. Orders are
 * placed at whole seconds, and no zone changes its offset within a minute, so a minute's string
 * differs from its seconds' strings only in the seconds field.
 */
export class DayClock {
  private readonly midnightMs: number;
  private readonly offsetSuffix: string | null;
  private readonly minuteInstants = new Map<number, number>();
  private readonly minuteTexts = new Map<number, string>();

  constructor(
    private readonly day: string,
    private readonly timeZone: string,
  ) {
    const midnight = zonedInstant(day, 0, timeZone).getTime();
    const nextMidnight = zonedInstant(addDays(day, 1), 0, timeZone).getTime();
    const formattedMidnight = formatWithOffset(midnight, timeZone);
    const steady = nextMidnight - midnight === 86_400_000 && formattedMidnight.startsWith(`${day}T00:00:00`);
    this.midnightMs = midnight;
    this.offsetSuffix = steady ? formattedMidnight.slice(`${day}T00:00:00`.length) : null;
  }

  instantMs(secondOfDay: number): number {
    if (this.offsetSuffix !== null) return this.midnightMs + secondOfDay * 1000;
    return this.minuteInstant(Math.floor(secondOfDay / 60)) + (secondOfDay % 60) * 1000;
  }

  isoWithOffset(secondOfDay: number): string {
    const seconds = two(secondOfDay % 60);
    if (this.offsetSuffix !== null) {
      const hours = Math.floor(secondOfDay / 3600);
      const minutes = Math.floor(secondOfDay / 60) % 60;
      return `${this.day}T${two(hours)}:${two(minutes)}:${seconds}${this.offsetSuffix}`;
    }
    const minuteText = this.minuteText(Math.floor(secondOfDay / 60));
    // `YYYY-MM-DDTHH:MM:` then the seconds, then the offset.
    return `${minuteText.slice(0, 17)}${seconds}${minuteText.slice(19)}`;
  }

  private minuteInstant(minute: number): number {
    let instant = this.minuteInstants.get(minute);
    if (instant === undefined) {
      instant = zonedInstant(this.day, minute, this.timeZone).getTime();
      this.minuteInstants.set(minute, instant);
    }
    return instant;
  }

  private minuteText(minute: number): string {
    let text = this.minuteTexts.get(minute);
    if (text === undefined) {
      text = formatWithOffset(this.minuteInstant(minute), this.timeZone);
      this.minuteTexts.set(minute, text);
    }
    return text;
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
