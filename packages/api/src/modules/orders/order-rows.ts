import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { DomainOrder } from './domain-order.js';
import { STAGE_LINES, STAGE_ORDERS } from './order-stage.js';

/**
 * The rows an order is made of (sales_order, order_line, product, customer), merged set-based
 * from the staged batch (order-stage.ts) and written by key. Every statement reaches the shop's
 * rows by key (LATERAL lookups with OFFSET 0, which keeps the planner from flattening them into
 * joins); `$1` is the shop. Within a batch the later order wins, and new customers and products
 * are numbered in the order they first appear.
 */

/** How the import keys a customer: `space|externalId`. */
export const customerKeyOf = (order: DomainOrder) => `${order.customerSpace}|${order.customer.externalId}`;

/** Locks the shop for the import and returns its time zone. */
export async function lockShop(tx: ShopTransaction): Promise<string> {
  // Imports of one shop run one after another, so the summary deltas never interleave.
  const rows: Array<{ timezone: string }> = await tx.query(`SELECT timezone FROM shop WHERE shop_id = $1 FOR NO KEY UPDATE`);
  if (rows.length === 0) throw notFound('Shop not found.');
  return rows[0]!.timezone;
}

/** An order of the import that is already stored, as it stands before the import. */
export interface ExistingOrder {
  order_id: number;
  /** Its position in the import, from 1. */
  idx: number;
  /** Sent exactly as stored. */
  unchanged: boolean;
  customer_id: number;
  /** Its customer's address key before the import. */
  address_key: string;
}

export async function findExistingOrders(tx: ShopTransaction): Promise<ExistingOrder[]> {
  return tx.query(
    `SELECT o.order_id, s.idx, o.content_hash = decode(s.content_hash, 'hex') AS unchanged, o.customer_id,
            c.address_key
       FROM ${STAGE_ORDERS} s
      CROSS JOIN LATERAL (SELECT * FROM sales_order o
                           WHERE o.shop_id = $1 AND o.channel = s.channel AND o.external_id = s.external_id OFFSET 0) o
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.customer_id = o.customer_id OFFSET 0) c`,
  );
}

/** Each staged customer as its latest order gives it, with the place it first appears. */
const LATEST_CUSTOMERS = `
  SELECT DISTINCT ON (customer_space, customer_external_id)
         customer_space AS space, customer_external_id AS external_id, name, email, line1, line2, city, region,
         postal_code, country, address_key,
         min(idx) OVER (PARTITION BY customer_space, customer_external_id) AS first_idx
    FROM ${STAGE_ORDERS}
   ORDER BY customer_space, customer_external_id, idx DESC`;

/**
 * Creates or updates the staged orders' customers; returns their ids by `space|externalId` and
 * the address keys they had before (an address change touches the old key's crossover too).
 */
export async function upsertCustomers(tx: ShopTransaction): Promise<{ ids: Map<string, number>; previousKeys: string[] }> {
  const previous: Array<{ address_key: string }> = await tx.query(
    `WITH latest AS (${LATEST_CUSTOMERS})
     SELECT DISTINCT c.address_key
       FROM latest k
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.space = k.space AND c.external_id = k.external_id OFFSET 0) c
      WHERE NOT EXISTS (SELECT 1 FROM latest n WHERE n.address_key = c.address_key)`,
  );
  await tx.query(
    `INSERT INTO customer AS c (shop_id, space, external_id, name, email, line1, line2, city, region, postal_code, country, address_key)
     SELECT $1, i.space, i.external_id, i.name, i.email, i.line1, i.line2, i.city, i.region, i.postal_code, i.country, i.address_key
       FROM (${LATEST_CUSTOMERS}) i
      ORDER BY i.first_idx
     ON CONFLICT (shop_id, space, external_id) DO UPDATE SET
       name = excluded.name, email = excluded.email, line1 = excluded.line1, line2 = excluded.line2,
       city = excluded.city, region = excluded.region, postal_code = excluded.postal_code,
       country = excluded.country, address_key = excluded.address_key, updated_at = now()
     WHERE (c.name, c.email, c.line1, c.line2, c.city, c.region, c.postal_code, c.country)
       IS DISTINCT FROM (excluded.name, excluded.email, excluded.line1, excluded.line2, excluded.city,
                         excluded.region, excluded.postal_code, excluded.country)`,
  );
  const rows: Array<{ customer_id: number; space: string; external_id: string }> = await tx.query(
    `SELECT c.customer_id, k.space, k.external_id
       FROM (SELECT DISTINCT customer_space AS space, customer_external_id AS external_id FROM ${STAGE_ORDERS}) k
      CROSS JOIN LATERAL (SELECT c.customer_id FROM customer c
                           WHERE c.shop_id = $1 AND c.space = k.space AND c.external_id = k.external_id OFFSET 0) c`,
  );
  return {
    ids: new Map(rows.map((r) => [`${r.space}|${r.external_id}`, r.customer_id])),
    previousKeys: previous.map((r) => r.address_key),
  };
}

/** Creates or renames the products of the staged lines. */
export async function upsertProducts(tx: ShopTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO product AS p (shop_id, external_id, name, sku)
     SELECT $1, l.product_external_id, l.product_name, l.sku
       FROM (SELECT DISTINCT ON (product_external_id) product_external_id, product_name, sku,
                    min(idx::bigint * 65536 + line_no) OVER (PARTITION BY product_external_id) AS first_seen
               FROM ${STAGE_LINES}
              ORDER BY product_external_id, idx DESC, line_no DESC) l
      ORDER BY l.first_seen
     ON CONFLICT (shop_id, external_id) DO UPDATE SET name = excluded.name, sku = excluded.sku, updated_at = now()
     WHERE (p.name, p.sku) IS DISTINCT FROM (excluded.name, excluded.sku)`,
  );
}

/** Writes the staged orders (insert or update by key); returns their ids in the order given. */
export async function upsertOrders(tx: ShopTransaction, timeZone: string, orders: readonly DomainOrder[]): Promise<number[]> {
  const rows: Array<{ order_id: number; channel: string; external_id: string }> = await tx.query(
    `INSERT INTO sales_order AS so (shop_id, channel, external_id, placed_at, local_day, status, customer_id,
                                    subtotal_cents, tax_cents, shipping_cents, discount_cents, credit_cents,
                                    net_receipts_cents, content_hash)
     SELECT $1, s.channel, s.external_id, s.placed_at, (s.placed_at AT TIME ZONE $2)::date, s.status,
            c.customer_id, s.subtotal_cents, s.tax_cents, s.shipping_cents, s.discount_cents, s.credit_cents,
            s.net_receipts_cents, decode(s.content_hash, 'hex')
       FROM ${STAGE_ORDERS} s
      CROSS JOIN LATERAL (SELECT c.customer_id FROM customer c
                           WHERE c.shop_id = $1 AND c.space = s.customer_space AND c.external_id = s.customer_external_id
                          OFFSET 0) c
      ORDER BY s.idx
     ON CONFLICT (shop_id, channel, external_id) DO UPDATE SET
       placed_at = excluded.placed_at, local_day = excluded.local_day, status = excluded.status,
       customer_id = excluded.customer_id, subtotal_cents = excluded.subtotal_cents,
       tax_cents = excluded.tax_cents, shipping_cents = excluded.shipping_cents,
       discount_cents = excluded.discount_cents, credit_cents = excluded.credit_cents,
       net_receipts_cents = excluded.net_receipts_cents, content_hash = excluded.content_hash,
       updated_at = now()
     RETURNING so.order_id, so.channel, so.external_id`,
    [timeZone],
  );
  const idByKey = new Map(rows.map((row) => [`${row.channel}|${row.external_id}`, row.order_id]));
  return orders.map((order) => idByKey.get(`${order.channel}|${order.externalId}`)!);
}

/**
 * Writes the staged orders' lines, given each staged order's place and id; an updated order's old
 * lines are deleted first.
 */
export async function replaceLines(
  tx: ShopTransaction,
  places: readonly number[],
  orderIds: readonly number[],
  updatedOrderIds: readonly number[],
): Promise<void> {
  if (updatedOrderIds.length > 0) {
    await tx.query(`DELETE FROM order_line WHERE shop_id = $1 AND order_id = ANY($2::bigint[])`, [updatedOrderIds]);
  }
  await tx.query(
    `INSERT INTO order_line (shop_id, order_id, line_no, product_id, quantity, unit_price_cents)
     SELECT $1, k.order_id, l.line_no, p.product_id, l.quantity, l.unit_price_cents
       FROM unnest($2::int[], $3::bigint[]) AS k(idx, order_id)
       JOIN ${STAGE_LINES} l ON l.idx = k.idx
      CROSS JOIN LATERAL (SELECT p.product_id FROM product p
                           WHERE p.shop_id = $1 AND p.external_id = l.product_external_id OFFSET 0) p`,
    [places, orderIds],
  );
}
