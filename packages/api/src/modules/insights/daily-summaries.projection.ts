import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { Projection } from '../orders/projection.js';

/**
 * Counted orders per day and channel (money and order counts of every range), units and sales
 * per product by day and by week over counted TikTok orders (top products), and TikTok orders per day and
 * local hour, counted and lost to cancellations and refunds (best hours, cancellations).
 */

/** The Monday that starts the week of a day (a SQL expression for a date). */
const WEEK_START = (day: string) => `${day} - (extract(isodow FROM ${day})::int - 1)`;

/** Sums of TikTok orders per (day, hour of the shop's clock): counted, cancelled, refunded. */
const HOUR_FIGURES = `
  count(*) FILTER (WHERE o.counted)::int AS orders,
  coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.counted), 0)::bigint AS net_receipts_cents,
  count(*) FILTER (WHERE o.status = 'CANCELLED')::int AS cancelled_orders,
  count(*) FILTER (WHERE o.status = 'REFUNDED')::int AS refunded_orders,
  coalesce(sum(o.net_receipts_cents) FILTER (WHERE o.status IN ('CANCELLED', 'REFUNDED')), 0)::bigint AS lost_net_receipts_cents`;

/**
 * Adds (sign 1) or removes (sign -1) the given orders' contributions to the daily summaries,
 * as the orders stand in the table now.
 */
async function applySummaryDelta(tx: ShopTransaction, orderIds: readonly number[], sign: 1 | -1): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.query(
    `INSERT INTO daily_channel_summary AS s (shop_id, day, channel, orders, net_receipts_cents)
     SELECT o.shop_id, o.local_day, o.channel, ($3 * count(*))::int, $3 * sum(o.net_receipts_cents)
       FROM sales_order o
      WHERE o.shop_id = $1 AND o.order_id = ANY($2::bigint[]) AND o.counted
      GROUP BY o.shop_id, o.local_day, o.channel
     ON CONFLICT (shop_id, day, channel) DO UPDATE SET
       orders = s.orders + excluded.orders,
       net_receipts_cents = s.net_receipts_cents + excluded.net_receipts_cents`,
    [orderIds, sign],
  );
  // The same deltas by day and by week (Monday to Sunday), in one statement.
  await tx.query(
    `WITH delta AS (
       SELECT o.shop_id, o.local_day AS day, l.product_id, $3 * sum(l.quantity) AS units_sold,
              $3 * sum(l.quantity::bigint * l.unit_price_cents) AS total_sales_cents
         FROM unnest($2::bigint[]) AS k(order_id)
        -- Only the primary key finds an order by id: filtering counted TikTok orders inside the lookup
        -- would let the planner pick the partial index of those orders and scan it once per id.
        CROSS JOIN LATERAL (SELECT o.shop_id, o.order_id, o.local_day, o.counted, o.channel FROM sales_order o
                             WHERE o.shop_id = $1 AND o.order_id = k.order_id OFFSET 0) o
        CROSS JOIN LATERAL (SELECT l.product_id, l.quantity, l.unit_price_cents FROM order_line l
                             WHERE l.shop_id = $1 AND l.order_id = o.order_id OFFSET 0) l
        WHERE o.counted AND o.channel = 'TIKTOK'
        GROUP BY o.shop_id, o.local_day, l.product_id
     ),
     by_day AS (
       INSERT INTO daily_product_summary AS s (shop_id, day, product_id, units_sold, total_sales_cents)
       SELECT shop_id, day, product_id, units_sold, total_sales_cents FROM delta
       ON CONFLICT (shop_id, day, product_id) DO UPDATE SET
         units_sold = s.units_sold + excluded.units_sold,
         total_sales_cents = s.total_sales_cents + excluded.total_sales_cents
     )
     INSERT INTO weekly_product_summary AS s (shop_id, week_start, product_id, units_sold, total_sales_cents)
     SELECT shop_id, ${WEEK_START('day')}, product_id, sum(units_sold)::bigint, sum(total_sales_cents)::bigint FROM delta
      GROUP BY 1, 2, 3
     ON CONFLICT (shop_id, week_start, product_id) DO UPDATE SET
       units_sold = s.units_sold + excluded.units_sold,
       total_sales_cents = s.total_sales_cents + excluded.total_sales_cents`,
    [orderIds, sign],
  );
  await tx.query(
    `INSERT INTO tiktok_hour_summary AS s (shop_id, day, hour, orders, net_receipts_cents, cancelled_orders,
                                           refunded_orders, lost_net_receipts_cents)
     SELECT $1, h.day, h.hour, $3 * h.orders, $3 * h.net_receipts_cents, $3 * h.cancelled_orders, $3 * h.refunded_orders,
            $3 * h.lost_net_receipts_cents
       FROM (SELECT o.local_day AS day, extract(hour FROM o.placed_at AT TIME ZONE z.timezone)::smallint AS hour, ${HOUR_FIGURES}
               FROM unnest($2::bigint[]) AS k(order_id)
              CROSS JOIN LATERAL (SELECT o.local_day, o.placed_at, o.channel, o.status, o.counted, o.net_receipts_cents
                                    FROM sales_order o WHERE o.shop_id = $1 AND o.order_id = k.order_id OFFSET 0) o
              CROSS JOIN (SELECT timezone FROM shop WHERE shop_id = $1) z
              WHERE o.channel = 'TIKTOK' AND o.status <> 'UNPAID'
              GROUP BY 1, 2) h
     ON CONFLICT (shop_id, day, hour) DO UPDATE SET
       orders = s.orders + excluded.orders,
       net_receipts_cents = s.net_receipts_cents + excluded.net_receipts_cents,
       cancelled_orders = s.cancelled_orders + excluded.cancelled_orders,
       refunded_orders = s.refunded_orders + excluded.refunded_orders,
       lost_net_receipts_cents = s.lost_net_receipts_cents + excluded.lost_net_receipts_cents`,
    [orderIds, sign],
  );
}

/** TikTok orders per day and hour of the shop's clock in `timeZone`. */
async function fillTikTokHourSummary(tx: ShopTransaction, timeZone: string): Promise<void> {
  await tx.query(
    `INSERT INTO tiktok_hour_summary (shop_id, day, hour, orders, net_receipts_cents, cancelled_orders, refunded_orders,
                                      lost_net_receipts_cents)
     SELECT $1, o.local_day, extract(hour FROM o.placed_at AT TIME ZONE $2)::smallint, ${HOUR_FIGURES}
       FROM sales_order o
      WHERE o.shop_id = $1 AND o.channel = 'TIKTOK' AND o.status <> 'UNPAID'
      GROUP BY 2, 3`,
    [timeZone],
  );
}

/** Counted orders per shop, day and channel. */
async function fillDailyChannelSummary(tx: ShopTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO daily_channel_summary (shop_id, day, channel, orders, net_receipts_cents)
     SELECT shop_id, local_day, channel, count(*)::int, sum(net_receipts_cents)::bigint
       FROM sales_order
      WHERE shop_id = $1 AND counted
      GROUP BY shop_id, local_day, channel`,
  );
}

/** Units and sales per product and day over counted TikTok orders. */
async function fillDailyProductSummary(tx: ShopTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO daily_product_summary (shop_id, day, product_id, units_sold, total_sales_cents)
     SELECT o.shop_id, o.local_day, l.product_id, sum(l.quantity)::bigint, sum(l.quantity::bigint * l.unit_price_cents)::bigint
       FROM sales_order o
       JOIN order_line l ON l.shop_id = o.shop_id AND l.order_id = o.order_id
      WHERE o.shop_id = $1 AND l.shop_id = $1 AND o.counted AND o.channel = 'TIKTOK'
      GROUP BY o.shop_id, o.local_day, l.product_id`,
  );
}

/** The per-day product summary's sums by week (it is filled first). */
async function fillWeeklyProductSummary(tx: ShopTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO weekly_product_summary (shop_id, week_start, product_id, units_sold, total_sales_cents)
     SELECT shop_id, ${WEEK_START('day')}, product_id, sum(units_sold)::bigint, sum(total_sales_cents)::bigint
       FROM daily_product_summary
      WHERE shop_id = $1
      GROUP BY 1, 2, 3`,
  );
}

/** An updated order's old contribution is taken out before it changes and its new one added after. */
export const dailySummariesProjection: Projection = {
  name: 'daily channel, product and hour summaries',
  tables: ['daily_channel_summary', 'daily_product_summary', 'weekly_product_summary', 'tiktok_hour_summary'],
  async before(batch) {
    await applySummaryDelta(
      batch.tx,
      batch.updated.map((e) => e.order_id),
      -1,
    );
  },
  async apply(batch) {
    await applySummaryDelta(batch.tx, batch.orderIds, 1);
  },
  async rebuild(tx, timeZone) {
    await fillDailyChannelSummary(tx);
    await fillDailyProductSummary(tx);
    await fillWeeklyProductSummary(tx);
    await fillTikTokHourSummary(tx, timeZone);
  },
};

/**
 * SQL (one boolean) saying whether the kept summaries and totals answer a question as of `asOf`
 * (a SQL expression for a day, e.g. `$2::date`) as they stand: no counted order, of `channel` or
 * of any channel, falls on a later day. `$1` is the shop. A read that is current uses them
 * directly; otherwise it corrects them for what came after asOf.
 */
export function summariesCover(asOf: string, options: { channel: 'TIKTOK' | 'any' }): string {
  const channel = options.channel === 'any' ? '' : ` AND d.channel = '${options.channel}'`;
  return `coalesce((SELECT max(d.day) FROM daily_channel_summary d
                     WHERE d.shop_id = $1${channel} AND d.orders > 0) <= ${asOf}, true)`;
}
