import type { DataSource } from 'typeorm';

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

export const rangeKey = (range: MetricRange) => `${range.allTime ? 'all' : range.start}|${range.end}`;

const EMPTY: RangeMetrics = {
  tiktokOrders: 0,
  tiktokNetReceiptsCents: 0,
  allChannelsNetReceiptsCents: 0,
  uniqueCustomers: 0,
  firstTimeCustomers: 0,
};

/**
 * The figures of many ranges in one statement: money from the daily summary, unique customers by
 * COUNT(DISTINCT) over the counted TikTok orders' index, first-time customers from each
 * customer's stored first counted day. For all-time ranges, unique customers are the customers
 * whose first counted day is on or before the end, which needs no scan of the orders.
 */
export async function loadRangeMetrics(
  dataSource: DataSource,
  shopId: string,
  ranges: readonly MetricRange[],
): Promise<RangeMetrics[]> {
  const empty = ranges.map((r) => r.end < r.start && !r.allTime);
  if (ranges.length === 0) return [];
  const rows: Array<{
    i: number;
    tiktok_orders: number;
    tiktok_net: number;
    all_net: number;
    unique_customers: number;
    first_time: number;
  }> = await dataSource.query(
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
         LEFT JOIN daily_channel_summary d
           ON d.shop_id = $1 AND d.day <= r.end_day AND (r.all_time OR d.day >= r.start_day)
        GROUP BY r.i
     ),
     buyers AS (
       SELECT r.i, count(DISTINCT o.customer_id)::int AS unique_customers
         FROM r
         LEFT JOIN sales_order o
           ON NOT r.all_time AND o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.counted
          AND o.local_day BETWEEN r.start_day AND r.end_day
        GROUP BY r.i
     ),
     firsts AS (
       SELECT r.i,
              count(c.customer_id) FILTER (WHERE r.all_time OR c.first_counted_day >= r.start_day)::int AS first_time,
              count(c.customer_id)::int AS up_to_end
         FROM r
         LEFT JOIN customer c
           ON c.shop_id = $1 AND c.space = 'TIKTOK' AND c.first_counted_day <= r.end_day
          AND (r.all_time OR c.first_counted_day >= r.start_day)
        GROUP BY r.i
     )
     SELECT money.i, money.tiktok_orders, money.tiktok_net, money.all_net, firsts.first_time,
            CASE WHEN r.all_time THEN firsts.up_to_end ELSE buyers.unique_customers END AS unique_customers
       FROM r JOIN money USING (i) JOIN buyers USING (i) JOIN firsts USING (i)`,
    [shopId, ranges.map((r) => r.start), ranges.map((r) => r.end), ranges.map((r) => r.allTime ?? false)],
  );
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  return ranges.map((_, index) => {
    const row = byIndex.get(index + 1);
    if (!row || empty[index]) return EMPTY;
    return {
      tiktokOrders: row.tiktok_orders,
      tiktokNetReceiptsCents: row.tiktok_net,
      allChannelsNetReceiptsCents: row.all_net,
      uniqueCustomers: row.unique_customers,
      firstTimeCustomers: row.first_time,
    };
  });
}
