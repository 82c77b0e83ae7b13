import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { Projection } from '../orders/projection.js';
import { customerKeyOf } from '../orders/order-rows.js';

/**
 * Each customer's counted-order figures (counted_orders, counted_net_receipts_cents, first and
 * last counted order, first counted day), which the marketing list reads when current, and the
 * new TikTok customers per day of their first counted order (first-time customers).
 */

/**
 * The tail of a statement whose CTE `updated` returns (space, day_before, day_after) for customers
 * whose first counted day may have changed: moves them between days in the new-TikTok-customers
 * summary.
 */
const MOVE_FIRST_COUNTED_DAYS = `
     moves AS (
       SELECT day_before AS day, -1 AS n FROM updated
        WHERE space = 'TIKTOK' AND day_before IS DISTINCT FROM day_after AND day_before IS NOT NULL
       UNION ALL
       SELECT day_after, 1 FROM updated
        WHERE space = 'TIKTOK' AND day_before IS DISTINCT FROM day_after AND day_after IS NOT NULL
     )
     INSERT INTO daily_new_customer_summary AS s (shop_id, day, tiktok_customers)
     SELECT $1, day, sum(n)::int FROM moves GROUP BY day
     ON CONFLICT (shop_id, day) DO UPDATE SET tiktok_customers = s.tiktok_customers + excluded.tiktok_customers`;

/** Recomputes the counted-order figures of the given customers from all their orders. */
async function refreshCustomerTotals(tx: ShopTransaction, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `WITH totals AS (
       SELECT k.id, count(o.order_id)::int AS orders, coalesce(sum(o.net_receipts_cents), 0) AS net_receipts_cents,
              min(o.placed_at) AS first_at, min(o.local_day) AS first_day, max(o.placed_at) AS last_at
         FROM unnest($2::bigint[]) AS k(id)
         LEFT JOIN LATERAL (SELECT o.order_id, o.net_receipts_cents, o.placed_at, o.local_day FROM sales_order o
                             WHERE o.shop_id = $1 AND o.customer_id = k.id AND o.counted OFFSET 0) o ON true
        GROUP BY k.id
     ),
     updated AS (
       -- The FROM item b reads the customer as it was before this statement: its old first day.
       UPDATE customer c SET
         counted_orders = t.orders,
         counted_net_receipts_cents = t.net_receipts_cents,
         first_counted_order_at = t.first_at,
         first_counted_day = t.first_day,
         last_counted_order_at = t.last_at
       FROM totals t JOIN customer b ON b.shop_id = $1 AND b.customer_id = t.id
       WHERE c.shop_id = $1 AND c.customer_id = t.id
       RETURNING c.space, b.first_counted_day AS day_before, c.first_counted_day AS day_after
     ),${MOVE_FIRST_COUNTED_DAYS}`,
    [customerIds],
  );
}

/**
 * Adds newly created counted orders to their customers' figures, without reading the customers'
 * other orders: a new order only adds to a count and a sum and may move the first or last order.
 * Customers in `recomputed` are skipped (an update of one of their orders recomputes them).
 */
async function addCreatedOrdersToCustomers(tx: ShopTransaction, createdOrderIds: number[], recomputed: number[]): Promise<void> {
  if (createdOrderIds.length === 0) return;
  await tx.query(
    `WITH added AS (
       SELECT o.customer_id AS id, count(*)::int AS orders, sum(o.net_receipts_cents) AS net_receipts_cents,
              min(o.placed_at) AS first_at, min(o.local_day) AS first_day, max(o.placed_at) AS last_at
         FROM unnest($2::bigint[]) AS k(order_id)
        CROSS JOIN LATERAL (SELECT o.customer_id, o.net_receipts_cents, o.placed_at, o.local_day, o.counted FROM sales_order o
                             WHERE o.shop_id = $1 AND o.order_id = k.order_id OFFSET 0) o
        WHERE o.counted AND o.customer_id <> ALL($3::bigint[])
        GROUP BY o.customer_id
     ),
     updated AS (
       -- LEAST and GREATEST skip NULL: a customer's first counted order sets them.
       UPDATE customer c SET
         counted_orders = b.counted_orders + a.orders,
         counted_net_receipts_cents = b.counted_net_receipts_cents + a.net_receipts_cents,
         first_counted_order_at = least(b.first_counted_order_at, a.first_at),
         first_counted_day = least(b.first_counted_day, a.first_day),
         last_counted_order_at = greatest(b.last_counted_order_at, a.last_at)
       FROM added a JOIN customer b ON b.shop_id = $1 AND b.customer_id = a.id
       WHERE c.shop_id = $1 AND c.customer_id = a.id
       RETURNING c.space, b.first_counted_day AS day_before, c.first_counted_day AS day_after
     ),${MOVE_FIRST_COUNTED_DAYS}`,
    [createdOrderIds, recomputed],
  );
}

export const customerTotalsProjection: Projection = {
  name: "customers' counted totals and new TikTok customers",
  tables: ['daily_new_customer_summary'],
  async apply(batch) {
    // Customers of updated orders (as they were and as they are) are recomputed from all their
    // orders; everyone else only gains the orders created now.
    const customerOf = (i: number) => batch.customerIds.get(customerKeyOf(batch.orders[i]!))!;
    const updatedIndexes = batch.orders.flatMap((_, i) => (batch.isUpdate[i] ? [i] : []));
    const recomputed = [...new Set([...batch.updated.map((e) => e.customer_id), ...updatedIndexes.map(customerOf)])];
    const createdOrderIds = batch.orderIds.filter((_, i) => !batch.isUpdate[i]);
    await refreshCustomerTotals(batch.tx, recomputed);
    await addCreatedOrdersToCustomers(batch.tx, createdOrderIds, recomputed);
  },
  async rebuild(tx, timeZone) {
    // Only the first counted day depends on the shop's zone; the other totals stand. An order's
    // day never decreases with its instant, so the day of the first counted order is the earliest
    // day of the customer's counted orders, as the import keeps it.
    await tx.query(
      `UPDATE customer SET first_counted_day = (first_counted_order_at AT TIME ZONE $2)::date
        WHERE shop_id = $1 AND first_counted_day IS DISTINCT FROM (first_counted_order_at AT TIME ZONE $2)::date`,
      [timeZone],
    );
    await tx.query(
      `INSERT INTO daily_new_customer_summary (shop_id, day, tiktok_customers)
       SELECT shop_id, first_counted_day, count(*)::int FROM customer
        WHERE shop_id = $1 AND space = 'TIKTOK' AND first_counted_day IS NOT NULL
        GROUP BY shop_id, first_counted_day`,
    );
  },
};
