import type { DayWindow } from '@tiktok-insights/shared';
import type { ShopScope } from '../../platform/database/shop-scope.js';

/** A range of local days; `end` already clamped to asOf. `allTime` ranges start at the shop's first day. */
export interface MetricRange {
  start: string;
  end: string;
  allTime?: boolean;
}

/** Raw TikTok and all-channel figures of one range of days. */
export interface RangeMetrics {
  tiktokOrders: number;
  tiktokNetReceiptsCents: number;
  allChannelsNetReceiptsCents: number;
  uniqueCustomers: number;
  firstTimeCustomers: number;
}

/** A window's range for the metrics loader: days after asOf never count. */
export function rangeUpTo(window: DayWindow, asOf: string): MetricRange {
  return { start: window.start, end: window.end < asOf ? window.end : asOf };
}

/** All-time ranges start before any order can (the import takes orders from 2000 on). */
const ALL_TIME_START = '1970-01-01';

export const rangeKey = (range: MetricRange) => `${range.allTime ? 'all' : range.start}|${range.end}`;

const EMPTY: RangeMetrics = {
  tiktokOrders: 0,
  tiktokNetReceiptsCents: 0,
  allChannelsNetReceiptsCents: 0,
  uniqueCustomers: 0,
  firstTimeCustomers: 0,
};

/**
 * The figures of many ranges in one statement: money from the daily channel summary, first-time
 * customers (and all-time unique customers) from the new-customers-per-day summary, and unique
 * customers of a range from the buyer summaries: buying days in the range less those whose
 * previous buying day is in it too (see the TikTokBuyerSummaries migration).
 */
export async function loadRangeMetrics(shop: ShopScope, ranges: readonly MetricRange[]): Promise<RangeMetrics[]> {
  if (ranges.length === 0) return [];
  const starts = ranges.map((r) => (r.allTime ? ALL_TIME_START : r.start));
  const rows: Array<{
    i: number;
    tiktok_orders: number;
    tiktok_net: number;
    all_net: number;
    unique_customers: number;
    first_time: number;
  }> = await shop.read(
    // Each figure is one LATERAL aggregate per range (an index range of its summary), so a range
    // reads only its own days; a join on BETWEEN would compare every range with every day.
    `WITH r AS (
       SELECT r.start_day, r.end_day, r.all_time, r.i::int AS i
         FROM unnest($2::date[], $3::date[], $4::boolean[]) WITH ORDINALITY AS r(start_day, end_day, all_time, i)
     )
     SELECT r.i, money.tiktok_orders, money.tiktok_net, money.all_net, firsts.first_time,
            CASE WHEN r.all_time THEN firsts.first_time
                 ELSE buying_days.customers - coalesce(returns.customers, 0) END AS unique_customers
       FROM r
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(d.orders) FILTER (WHERE d.channel = 'TIKTOK'), 0)::int AS tiktok_orders,
               coalesce(sum(d.net_receipts_cents) FILTER (WHERE d.channel = 'TIKTOK'), 0)::bigint AS tiktok_net,
               coalesce(sum(d.net_receipts_cents), 0)::bigint AS all_net
          FROM daily_channel_summary d
         WHERE d.shop_id = $1 AND d.day BETWEEN r.start_day AND r.end_day
      ) money
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(n.tiktok_customers), 0)::int AS first_time
          FROM daily_new_customer_summary n
         WHERE n.shop_id = $1 AND n.day BETWEEN r.start_day AND r.end_day
      ) firsts
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(b.customers), 0)::int AS customers
          FROM daily_tiktok_buyer_summary b
         WHERE NOT r.all_time AND b.shop_id = $1 AND b.day BETWEEN r.start_day AND r.end_day
      ) buying_days
      LEFT JOIN LATERAL (
        -- Per day of the range, the buying days whose previous one is also in the range: one index
        -- range each, (day, previous_day >= start), instead of every pair of the day.
        SELECT sum(t.customers)::int AS customers
          FROM generate_series(0, r.end_day - r.start_day) AS g(offset_days)
         CROSS JOIN LATERAL (SELECT sum(t.customers) AS customers FROM tiktok_return_summary t
                              WHERE t.shop_id = $1 AND t.day = r.start_day + g.offset_days AND t.previous_day >= r.start_day) t
         WHERE NOT r.all_time
      ) returns ON true`,
    [starts, ranges.map((r) => r.end), ranges.map((r) => r.allTime ?? false)],
  );
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  return ranges.map((range, index) => {
    const row = byIndex.get(index + 1);
    if (!row || (!range.allTime && range.end < range.start)) return EMPTY;
    return {
      tiktokOrders: row.tiktok_orders,
      tiktokNetReceiptsCents: row.tiktok_net,
      allChannelsNetReceiptsCents: row.all_net,
      uniqueCustomers: row.unique_customers,
      firstTimeCustomers: row.first_time,
    };
  });
}
