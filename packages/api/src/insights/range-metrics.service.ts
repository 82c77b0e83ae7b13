import type { DataSource } from 'typeorm';
import { onReplica } from '../database/replication.js';

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
 * customers of a range by COUNT(DISTINCT) over the counted TikTok orders' covering index.
 */
export async function loadRangeMetrics(
  dataSource: DataSource,
  shopId: string,
  ranges: readonly MetricRange[],
): Promise<RangeMetrics[]> {
  if (ranges.length === 0) return [];
  const starts = ranges.map((r) => (r.allTime ? ALL_TIME_START : r.start));
  const rows: Array<{
    i: number;
    tiktok_orders: number;
    tiktok_net: number;
    all_net: number;
    unique_customers: number;
    first_time: number;
  }> = await onReplica(
    dataSource,
    `WITH r AS (
       SELECT r.start_day, r.end_day, r.all_time, r.i::int AS i
         FROM unnest($2::date[], $3::date[], $4::boolean[]) WITH ORDINALITY AS r(start_day, end_day, all_time, i)
     ),
     money AS (
       SELECT r.i,
              coalesce(sum(d.orders) FILTER (WHERE d.channel = 'TIKTOK'), 0)::int AS tiktok_orders,
              coalesce(sum(d.net_receipts_cents) FILTER (WHERE d.channel = 'TIKTOK'), 0)::bigint AS tiktok_net,
              coalesce(sum(d.net_receipts_cents), 0)::bigint AS all_net
         FROM r
         LEFT JOIN daily_channel_summary d ON d.shop_id = $1 AND d.day BETWEEN r.start_day AND r.end_day
        GROUP BY r.i
     ),
     firsts AS (
       SELECT r.i, coalesce(sum(n.tiktok_customers), 0)::int AS first_time
         FROM r
         LEFT JOIN daily_new_customer_summary n ON n.shop_id = $1 AND n.day BETWEEN r.start_day AND r.end_day
        GROUP BY r.i
     ),
     buyers AS (
       SELECT r.i, count(DISTINCT o.customer_id)::int AS unique_customers
         FROM r
         LEFT JOIN sales_order o
           ON NOT r.all_time AND o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.counted
          AND o.local_day BETWEEN r.start_day AND r.end_day
        GROUP BY r.i
     )
     SELECT r.i, money.tiktok_orders, money.tiktok_net, money.all_net, firsts.first_time,
            CASE WHEN r.all_time THEN firsts.first_time ELSE buyers.unique_customers END AS unique_customers
       FROM r JOIN money USING (i) JOIN buyers USING (i) JOIN firsts USING (i)`,
    [shopId, starts, ranges.map((r) => r.end), ranges.map((r) => r.allTime ?? false)],
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
