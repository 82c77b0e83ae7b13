import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { DomainOrder } from './domain-order.js';

/**
 * The rows an order is made of (sales_order, order_line, product, customer), written by key.
 * Every statement reaches rows by key (LATERAL lookups with OFFSET 0, which keeps the planner from
 * flattening them into joins); `$1` is the shop.
 */

/** Keeps the last item for each key, in first-seen order: within one call, the later order wins. */
function lastByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.values()];
}

const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

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

export async function findExistingOrders(tx: ShopTransaction, orders: readonly DomainOrder[]): Promise<ExistingOrder[]> {
  return tx.query(
    `SELECT o.order_id, k.idx::int AS idx, o.content_hash = decode(k.hash, 'hex') AS unchanged, o.customer_id,
            c.address_key
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k(channel, external_id, hash, idx)
      CROSS JOIN LATERAL (SELECT * FROM sales_order o
                           WHERE o.shop_id = $1 AND o.channel = k.channel AND o.external_id = k.external_id OFFSET 0) o
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.customer_id = o.customer_id OFFSET 0) c`,
    [column(orders, (o) => o.channel), column(orders, (o) => o.externalId), column(orders, (o) => o.contentHash)],
  );
}

/**
 * Creates or updates the customers of the given orders; returns their ids by `space|externalId`
 * and the address keys they had before (an address change touches the old key's crossover too).
 */
export async function upsertCustomers(
  tx: ShopTransaction,
  orders: readonly DomainOrder[],
): Promise<{ ids: Map<string, number>; previousKeys: string[] }> {
  const customers = lastByKey(orders, customerKeyOf);
  const c = (pick: (o: DomainOrder) => string | null) => column(customers, pick);
  const previous: Array<{ address_key: string }> = await tx.query(
    `SELECT DISTINCT c.address_key
       FROM unnest($2::text[], $3::text[]) AS k(space, external_id)
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.space = k.space AND c.external_id = k.external_id OFFSET 0) c
      WHERE c.address_key <> ALL($4::text[])`,
    [c((o) => o.customerSpace), c((o) => o.customer.externalId), c((o) => o.customer.addressKey)],
  );
  await tx.query(
    `INSERT INTO customer AS c (shop_id, space, external_id, name, email, line1, line2, city, region, postal_code, country, address_key)
     SELECT $1, i.space, i.external_id, i.name, i.email, i.line1, i.line2, i.city, i.region, i.postal_code, i.country, i.address_key
       FROM json_to_recordset($2::json) AS i(space text, external_id text, name text, email text, line1 text, line2 text,
                                             city text, region text, postal_code text, country text, address_key text)
     ON CONFLICT (shop_id, space, external_id) DO UPDATE SET
       name = excluded.name, email = excluded.email, line1 = excluded.line1, line2 = excluded.line2,
       city = excluded.city, region = excluded.region, postal_code = excluded.postal_code,
       country = excluded.country, address_key = excluded.address_key, updated_at = now()
     WHERE (c.name, c.email, c.line1, c.line2, c.city, c.region, c.postal_code, c.country)
       IS DISTINCT FROM (excluded.name, excluded.email, excluded.line1, excluded.line2, excluded.city,
                         excluded.region, excluded.postal_code, excluded.country)`,
    [
      JSON.stringify(
        customers.map(({ customerSpace, customer }) => ({
          space: customerSpace,
          external_id: customer.externalId,
          name: customer.name,
          email: customer.email,
          line1: customer.line1,
          line2: customer.line2,
          city: customer.city,
          region: customer.region,
          postal_code: customer.postalCode,
          country: customer.country,
          address_key: customer.addressKey,
        })),
      ),
    ],
  );
  const rows: Array<{ customer_id: number; space: string; external_id: string }> = await tx.query(
    `SELECT c.customer_id, k.space, k.external_id
       FROM unnest($2::text[], $3::text[]) AS k(space, external_id)
      CROSS JOIN LATERAL (SELECT c.customer_id FROM customer c
                           WHERE c.shop_id = $1 AND c.space = k.space AND c.external_id = k.external_id OFFSET 0) c`,
    [c((o) => o.customerSpace), c((o) => o.customer.externalId)],
  );
  return {
    ids: new Map(rows.map((r) => [`${r.space}|${r.external_id}`, r.customer_id])),
    previousKeys: previous.map((r) => r.address_key),
  };
}

/** Creates or renames the products of the given orders' lines; returns their ids by external id. */
export async function upsertProducts(tx: ShopTransaction, orders: readonly DomainOrder[]): Promise<Map<string, number>> {
  const products = lastByKey(
    orders.flatMap((o) => o.lines),
    (line) => line.productExternalId,
  );
  await tx.query(
    `INSERT INTO product AS p (shop_id, external_id, name, sku)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
     ON CONFLICT (shop_id, external_id) DO UPDATE SET name = excluded.name, sku = excluded.sku, updated_at = now()
     WHERE (p.name, p.sku) IS DISTINCT FROM (excluded.name, excluded.sku)`,
    [
      column(products, (p) => p.productExternalId),
      column(products, (p) => p.productName),
      column(products, (p) => p.sku),
    ],
  );
  const rows: Array<{ product_id: number; external_id: string }> = await tx.query(
    `SELECT p.product_id, p.external_id FROM product p
      WHERE p.shop_id = $1 AND p.external_id = ANY($2::text[])`,
    [column(products, (p) => p.productExternalId)],
  );
  return new Map(rows.map((r) => [r.external_id, r.product_id]));
}

/** Writes the orders (insert or update by key); returns their ids in the order given. */
export async function upsertOrders(
  tx: ShopTransaction,
  timeZone: string,
  orders: readonly DomainOrder[],
  customerIds: Map<string, number>,
): Promise<number[]> {
  const rows: Array<{ order_id: number; channel: string; external_id: string }> = await tx.query(
    `INSERT INTO sales_order AS so (shop_id, channel, external_id, placed_at, local_day, status, customer_id,
                                    subtotal_cents, tax_cents, shipping_cents, discount_cents, credit_cents,
                                    net_receipts_cents, content_hash)
     SELECT $1, i.channel, i.external_id, i.placed_at, (i.placed_at AT TIME ZONE $3)::date, i.status,
            i.customer_id, i.subtotal_cents, i.tax_cents, i.shipping_cents, i.discount_cents, i.credit_cents,
            i.net_receipts_cents, decode(i.hash, 'hex')
       FROM json_to_recordset($2::json) AS i(channel text, external_id text, placed_at timestamptz, status text,
                                             customer_id bigint, subtotal_cents bigint, tax_cents int, shipping_cents int,
                                             discount_cents int, credit_cents int, net_receipts_cents bigint, hash text)
     ON CONFLICT (shop_id, channel, external_id) DO UPDATE SET
       placed_at = excluded.placed_at, local_day = excluded.local_day, status = excluded.status,
       customer_id = excluded.customer_id, subtotal_cents = excluded.subtotal_cents,
       tax_cents = excluded.tax_cents, shipping_cents = excluded.shipping_cents,
       discount_cents = excluded.discount_cents, credit_cents = excluded.credit_cents,
       net_receipts_cents = excluded.net_receipts_cents, content_hash = excluded.content_hash,
       updated_at = now()
     RETURNING so.order_id, so.channel, so.external_id`,
    [
      JSON.stringify(
        orders.map((x) => ({
          channel: x.channel,
          external_id: x.externalId,
          placed_at: x.placedAt,
          status: x.status,
          customer_id: customerIds.get(customerKeyOf(x)),
          subtotal_cents: x.subtotalCents,
          tax_cents: x.taxCents,
          shipping_cents: x.shippingCents,
          discount_cents: x.discountCents,
          credit_cents: x.creditCents,
          net_receipts_cents: x.netReceiptsCents,
          hash: x.contentHash,
        })),
      ),
      timeZone,
    ],
  );
  const idByKey = new Map(rows.map((row) => [`${row.channel}|${row.external_id}`, row.order_id]));
  return orders.map((order) => idByKey.get(`${order.channel}|${order.externalId}`)!);
}

/** Writes the orders' lines; an updated order's old lines are deleted first. */
export async function replaceLines(
  tx: ShopTransaction,
  orders: readonly DomainOrder[],
  orderIds: number[],
  updatedOrderIds: number[],
  productIds: Map<string, number>,
): Promise<void> {
  if (updatedOrderIds.length > 0) {
    await tx.query(`DELETE FROM order_line WHERE shop_id = $1 AND order_id = ANY($2::bigint[])`, [updatedOrderIds]);
  }
  const lines = orders.flatMap((order, i) =>
    order.lines.map((line, lineNo) => ({
      order_id: orderIds[i]!,
      line_no: lineNo + 1,
      product_id: productIds.get(line.productExternalId)!,
      quantity: line.quantity,
      unit_price_cents: line.unitPriceCents,
    })),
  );
  await tx.query(
    `INSERT INTO order_line (shop_id, order_id, line_no, product_id, quantity, unit_price_cents)
     SELECT $1, l.order_id, l.line_no, l.product_id, l.quantity, l.unit_price_cents
       FROM json_to_recordset($2::json) AS l(order_id bigint, line_no smallint, product_id bigint, quantity int, unit_price_cents int)`,
    [JSON.stringify(lines)],
  );
}

