import type { DataSource, EntityManager } from 'typeorm';
import { refreshCrossoverState } from '../crossover/crossover-state.service.js';
import { onPrimaryTransaction } from '../../platform/database/replication.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { OrderData } from './order-input.js';
import { prepareOrder, type PreparedOrder } from './prepared-order.js';
import { validateImport } from './import-orders.validation.js';
import { crossedStatisticsThreshold, refreshPlannerStatistics } from './planner-statistics.js';
import { applyBuyingDayChanges, readBuyingDays } from './tiktok-buying-days.service.js';

export interface ImportOrdersCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Keeps the last item for each key, in first-seen order: within one call, the later order wins. */
function lastByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.values()];
}

const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

/** Locks the shop for the import and returns its time zone. */
async function lockShop(tx: EntityManager, shopId: string): Promise<string> {
  // Imports of one shop run one after another, so the summary deltas never interleave.
  const rows: Array<{ timezone: string }> = await tx.query(`SELECT timezone FROM shop WHERE shop_id = $1 FOR NO KEY UPDATE`, [
    shopId,
  ]);
  if (rows.length === 0) throw notFound('Shop not found.');
  return rows[0]!.timezone;
}

interface ExistingOrder {
  order_id: number;
  idx: number;
  unchanged: boolean;
  customer_id: number;
  address_key: string;
}

async function findExistingOrders(tx: EntityManager, shopId: string, orders: PreparedOrder[]): Promise<ExistingOrder[]> {
  return tx.query(
    `SELECT o.order_id, k.idx::int AS idx, o.content_hash = decode(k.hash, 'hex') AS unchanged, o.customer_id,
            c.address_key
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS k(channel, external_id, hash, idx)
      CROSS JOIN LATERAL (SELECT * FROM sales_order o
                           WHERE o.shop_id = $1 AND o.channel = k.channel AND o.external_id = k.external_id OFFSET 0) o
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.customer_id = o.customer_id OFFSET 0) c`,
    [shopId, column(orders, (o) => o.channel), column(orders, (o) => o.externalId), column(orders, (o) => o.contentHash)],
  );
}

/**
 * Creates or updates the customers of the given orders; returns their ids by `space|externalId`
 * and the address keys they had before (an address change touches the old key's crossover too).
 */
async function upsertCustomers(
  tx: EntityManager,
  shopId: string,
  orders: PreparedOrder[],
): Promise<{ ids: Map<string, number>; previousKeys: string[] }> {
  const customers = lastByKey(orders, (o) => `${o.customerSpace}|${o.customer.externalId}`);
  const c = (pick: (o: PreparedOrder) => string | null) => column(customers, pick);
  const previous: Array<{ address_key: string }> = await tx.query(
    `SELECT DISTINCT c.address_key
       FROM unnest($2::text[], $3::text[]) AS k(space, external_id)
      CROSS JOIN LATERAL (SELECT c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.space = k.space AND c.external_id = k.external_id OFFSET 0) c
      WHERE c.address_key <> ALL($4::text[])`,
    [shopId, c((o) => o.customerSpace), c((o) => o.customer.externalId), c((o) => o.customer.addressKey)],
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
      shopId,
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
    [shopId, c((o) => o.customerSpace), c((o) => o.customer.externalId)],
  );
  return {
    ids: new Map(rows.map((r) => [`${r.space}|${r.external_id}`, r.customer_id])),
    previousKeys: previous.map((r) => r.address_key),
  };
}

/** Creates or renames the products of the given orders' lines; returns their ids by external id. */
async function upsertProducts(tx: EntityManager, shopId: string, orders: PreparedOrder[]): Promise<Map<string, number>> {
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
      shopId,
      column(products, (p) => p.productExternalId),
      column(products, (p) => p.productName),
      column(products, (p) => p.sku),
    ],
  );
  const rows: Array<{ product_id: number; external_id: string }> = await tx.query(
    `SELECT p.product_id, p.external_id FROM product p
      WHERE p.shop_id = $1 AND p.external_id = ANY($2::text[])`,
    [shopId, column(products, (p) => p.productExternalId)],
  );
  return new Map(rows.map((r) => [r.external_id, r.product_id]));
}

/**
 * Adds (sign 1) or removes (sign -1) the given orders' contributions to the daily summaries,
 * as the orders stand in the table now.
 */
async function applySummaryDelta(tx: EntityManager, shopId: string, orderIds: number[], sign: 1 | -1): Promise<void> {
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
    [shopId, orderIds, sign],
  );
  await tx.query(
    `INSERT INTO daily_product_summary AS s (shop_id, day, product_id, units_sold, total_sales_cents)
     SELECT o.shop_id, o.local_day, l.product_id, $3 * sum(l.quantity), $3 * sum(l.quantity::bigint * l.unit_price_cents)
       FROM unnest($2::bigint[]) AS k(order_id)
      -- Only the primary key finds an order by id: filtering counted TikTok orders inside the lookup
      -- would let the planner pick the partial index of those orders and scan it once per id.
      CROSS JOIN LATERAL (SELECT o.shop_id, o.order_id, o.local_day, o.counted, o.channel FROM sales_order o
                           WHERE o.shop_id = $1 AND o.order_id = k.order_id OFFSET 0) o
      CROSS JOIN LATERAL (SELECT l.product_id, l.quantity, l.unit_price_cents FROM order_line l
                           WHERE l.shop_id = $1 AND l.order_id = o.order_id OFFSET 0) l
      WHERE o.counted AND o.channel = 'TIKTOK'
      GROUP BY o.shop_id, o.local_day, l.product_id
     ON CONFLICT (shop_id, day, product_id) DO UPDATE SET
       units_sold = s.units_sold + excluded.units_sold,
       total_sales_cents = s.total_sales_cents + excluded.total_sales_cents`,
    [shopId, orderIds, sign],
  );
}

/** Writes the orders (insert or update by key); returns their ids in the order given. */
async function upsertOrders(
  tx: EntityManager,
  shopId: string,
  timeZone: string,
  orders: PreparedOrder[],
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
      shopId,
      JSON.stringify(
        orders.map((x) => ({
          channel: x.channel,
          external_id: x.externalId,
          placed_at: x.placedAt,
          status: x.status,
          customer_id: customerIds.get(`${x.customerSpace}|${x.customer.externalId}`),
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

async function replaceLines(
  tx: EntityManager,
  shopId: string,
  orders: PreparedOrder[],
  orderIds: number[],
  updatedOrderIds: number[],
  productIds: Map<string, number>,
): Promise<void> {
  if (updatedOrderIds.length > 0) {
    await tx.query(`DELETE FROM order_line WHERE shop_id = $1 AND order_id = ANY($2::bigint[])`, [shopId, updatedOrderIds]);
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
    [shopId, JSON.stringify(lines)],
  );
}

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
async function refreshCustomerTotals(tx: EntityManager, shopId: string, customerIds: number[]): Promise<void> {
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
    [shopId, customerIds],
  );
}

/**
 * Adds newly created counted orders to their customers' figures, without reading the customers'
 * other orders: a new order only adds to a count and a sum and may move the first or last order.
 * Customers in `recomputed` are skipped (an update of one of their orders recomputes them).
 */
async function addCreatedOrdersToCustomers(
  tx: EntityManager,
  shopId: string,
  createdOrderIds: number[],
  recomputed: number[],
): Promise<void> {
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
    [shopId, createdOrderIds, recomputed],
  );
}

/**
 * Imports up to 5,000 orders in one transaction: all or nothing, idempotent on
 * (shop, channel, externalId). Orders sent unchanged are not touched; new and changed ones
 * update customers, products, lines, the daily summaries and the customers' counted totals.
 */
export async function importOrders(
  dataSource: DataSource,
  shopId: string,
  orders: readonly unknown[],
): Promise<ImportOrdersCounts> {
  validateImport(orders);
  const prepared = (orders as OrderData[]).map(prepareOrder);
  let importedBefore = 0;
  let importedAfter = 0;
  const counts = await onPrimaryTransaction(dataSource, async (tx) => {
    // Every statement of the import reaches rows by key (LATERAL lookups with OFFSET 0, which
    // keeps the planner from flattening them into joins). While a big import outgrows the
    // planner's statistics a sequential scan or an unkeyed join can look cheapest; and a shop
    // newer than the statistics is estimated at one row, so that any index beginning with shop_id
    // looks as good as the unique key and is walked once per key. Generic plans estimate
    // shop_id = $1 as an average shop instead, and the keyed lookups keep their unique indexes.
    await tx.query('SET LOCAL enable_seqscan = off');
    await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
    const timeZone = await lockShop(tx, shopId);
    if (prepared.length === 0) return { created: 0, updated: 0, unchanged: 0 };

    const existing = await findExistingOrders(tx, shopId, prepared);
    const existingByIndex = new Map(existing.map((e) => [e.idx - 1, e]));
    const changed = prepared.filter((o) => !existingByIndex.get(o.index)?.unchanged);
    const updated = existing.filter((e) => !e.unchanged);
    const counts = {
      created: prepared.length - existing.length,
      updated: updated.length,
      unchanged: existing.length - updated.length,
    };
    if (changed.length === 0) return counts;

    const updatedOrderIds = updated.map((e) => e.order_id);
    const { ids: customerIds, previousKeys } = await upsertCustomers(tx, shopId, changed);
    const productIds = await upsertProducts(tx, shopId, changed);
    // Only TikTok customers have buying days; an updated order's old customer may be one.
    const tiktokCustomers = [...customerIds].filter(([key]) => key.startsWith('TIKTOK|')).map(([, id]) => id);
    const buyers = [...new Set([...tiktokCustomers, ...updated.map((e) => e.customer_id)])];
    const buyingDaysBefore = await readBuyingDays(tx, shopId, buyers);
    await applySummaryDelta(tx, shopId, updatedOrderIds, -1);
    const orderIds = await upsertOrders(tx, shopId, timeZone, changed, customerIds);
    await replaceLines(tx, shopId, changed, orderIds, updatedOrderIds, productIds);
    await applySummaryDelta(tx, shopId, orderIds, 1);
    await applyBuyingDayChanges(tx, shopId, buyers, buyingDaysBefore);
    // Customers of updated orders (as they were and as they are) are recomputed from all their
    // orders; everyone else only gains the orders created now.
    const isUpdate = (order: PreparedOrder) => existingByIndex.has(order.index);
    const customerOf = (order: PreparedOrder) => customerIds.get(`${order.customerSpace}|${order.customer.externalId}`)!;
    const recomputed = [...new Set([...updated.map((e) => e.customer_id), ...changed.filter(isUpdate).map(customerOf)])];
    const createdOrderIds = orderIds.filter((_, i) => !isUpdate(changed[i]!));
    await refreshCustomerTotals(tx, shopId, recomputed);
    await addCreatedOrdersToCustomers(tx, shopId, createdOrderIds, recomputed);
    const touchedKeys = new Set([
      ...changed.map((o) => o.customer.addressKey),
      ...previousKeys,
      ...updated.map((e) => e.address_key),
    ]);
    await refreshCrossoverState(tx, shopId, [...touchedKeys]);
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[shop]]: [Array<{ imported_orders: number }>, number] = await tx.query(
      `UPDATE shop SET last_import_at = now(), imported_orders = imported_orders + $2 WHERE shop_id = $1
       RETURNING imported_orders`,
      [shopId, counts.created],
    );
    importedAfter = shop!.imported_orders;
    importedBefore = importedAfter - counts.created;
    return counts;
  });
  if (crossedStatisticsThreshold(importedBefore, importedAfter)) refreshPlannerStatistics(dataSource);
  return counts;
}
