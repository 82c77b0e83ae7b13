import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { MetricRange } from './range-metrics.service.js';

/** TikTok orders of a range of days by weekday and hour of the shop's clock, and its lost orders. */
export interface HourFigures {
  /** 168 cells: index (weekday − 1) × 24 + hour, weekday 1 = Monday … 7 = Sunday. */
  cells: Array<{ orders: number; netReceiptsCents: number }>;
  countedOrders: number;
  cancelledOrders: number;
  refundedOrders: number;
  lostNetReceiptsCents: number;
}

export const HOURS_OF_WEEK = 7 * 24;

const emptyFigures = (): HourFigures => ({
  cells: Array.from({ length: HOURS_OF_WEEK }, () => ({ orders: 0, netReceiptsCents: 0 })),
  countedOrders: 0,
  cancelledOrders: 0,
  refundedOrders: 0,
  lostNetReceiptsCents: 0,
});

/**
 * The hour figures of many ranges in one statement, from the TikTok orders per day and hour the
 * import keeps: at most 24 rows per day of a range, however many orders it has.
 */
export async function loadHourFigures(shop: ShopScope, ranges: readonly MetricRange[]): Promise<HourFigures[]> {
  if (ranges.length === 0) return [];
  const rows: Array<{
    i: number;
    weekday: number;
    hour: number;
    orders: number;
    net: number;
    cancelled: number;
    refunded: number;
    lost: number;
  }> = await shop.read(
    `SELECT r.i::int AS i, h.weekday, h.hour, h.orders, h.net, h.cancelled, h.refunded, h.lost
       FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS r(start_day, end_day, i)
      CROSS JOIN LATERAL (
        SELECT extract(isodow FROM s.day)::int AS weekday, s.hour::int AS hour,
               sum(s.orders)::int AS orders, sum(s.net_receipts_cents)::bigint AS net,
               sum(s.cancelled_orders)::int AS cancelled, sum(s.refunded_orders)::int AS refunded,
               sum(s.lost_net_receipts_cents)::bigint AS lost
          FROM tiktok_hour_summary s
         WHERE s.shop_id = $1 AND s.day BETWEEN r.start_day AND r.end_day
         GROUP BY 1, 2
      ) h`,
    [ranges.map((r) => r.start), ranges.map((r) => r.end)],
  );
  const figures = ranges.map(emptyFigures);
  for (const row of rows) {
    const f = figures[row.i - 1]!;
    f.cells[(row.weekday - 1) * 24 + row.hour] = { orders: row.orders, netReceiptsCents: row.net };
    f.countedOrders += row.orders;
    f.cancelledOrders += row.cancelled;
    f.refundedOrders += row.refunded;
    f.lostNetReceiptsCents += row.lost;
  }
  return figures;
}

