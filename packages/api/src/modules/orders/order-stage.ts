import { copyRows, type CopyCell } from '../../platform/database/copy-rows.js';
import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { DomainOrder } from './domain-order.js';

/**
 * The staging tables of an import: each batch's orders and lines are loaded into them with COPY,
 * and the statements of order-rows.ts merge them set-based into the shop's tables. They are
 * temporary (this connection only) and dropped at the end of the import's transaction.
 * `idx` is an order's place in the batch, from 1.
 */
export const STAGE_ORDERS = 'import_stage_order';
export const STAGE_LINES = 'import_stage_line';

const ORDER_COLUMNS = [
  'idx', 'channel', 'external_id', 'placed_at', 'status', 'customer_space', 'customer_external_id', 'name', 'email',
  'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'address_key', 'subtotal_cents', 'tax_cents',
  'shipping_cents', 'discount_cents', 'credit_cents', 'net_receipts_cents', 'content_hash',
] as const;

const LINE_COLUMNS = ['idx', 'line_no', 'product_external_id', 'product_name', 'sku', 'quantity', 'unit_price_cents'] as const;

/** Creates the staging tables for the transaction (once per import). */
export async function createStage(tx: ShopTransaction): Promise<void> {
  await tx.manager.query(
    `CREATE TEMP TABLE ${STAGE_ORDERS} (
       idx int PRIMARY KEY, channel text NOT NULL, external_id text NOT NULL, placed_at timestamptz NOT NULL,
       status text NOT NULL, customer_space text NOT NULL, customer_external_id text NOT NULL, name text NOT NULL,
       email text, line1 text NOT NULL, line2 text, city text NOT NULL, region text NOT NULL,
       postal_code text NOT NULL, country text NOT NULL, address_key text NOT NULL, subtotal_cents bigint NOT NULL,
       tax_cents int NOT NULL, shipping_cents int NOT NULL, discount_cents int NOT NULL, credit_cents int NOT NULL,
       net_receipts_cents bigint NOT NULL, content_hash text NOT NULL
     ) ON COMMIT DROP`,
  );
  await tx.manager.query(
    `CREATE TEMP TABLE ${STAGE_LINES} (
       idx int NOT NULL, line_no smallint NOT NULL, product_external_id text NOT NULL, product_name text NOT NULL,
       sku text, quantity int NOT NULL, unit_price_cents int NOT NULL, PRIMARY KEY (idx, line_no)
     ) ON COMMIT DROP`,
  );
}

/** Replaces what the staging tables hold with the batch's orders and their lines. */
export async function stageOrders(tx: ShopTransaction, orders: readonly DomainOrder[]): Promise<void> {
  await tx.manager.query(`TRUNCATE ${STAGE_ORDERS}, ${STAGE_LINES}`);
  const orderRows: CopyCell[][] = [];
  const lineRows: CopyCell[][] = [];
  orders.forEach((o, i) => {
    const c = o.customer;
    orderRows.push([
      i + 1, o.channel, o.externalId, o.placedAt, o.status, o.customerSpace, c.externalId, c.name, c.email,
      c.line1, c.line2, c.city, c.region, c.postalCode, c.country, c.addressKey, o.subtotalCents, o.taxCents,
      o.shippingCents, o.discountCents, o.creditCents, o.netReceiptsCents, o.contentHash,
    ]);
    o.lines.forEach((l, lineIndex) => {
      lineRows.push([i + 1, lineIndex + 1, l.productExternalId, l.productName, l.sku, l.quantity, l.unitPriceCents]);
    });
  });
  await copyRows(tx.manager, STAGE_ORDERS, ORDER_COLUMNS, orderRows);
  await copyRows(tx.manager, STAGE_LINES, LINE_COLUMNS, lineRows);
  // Temporary tables get no automatic statistics; the merge's joins are planned with these.
  await tx.manager.query(`ANALYZE ${STAGE_ORDERS}, ${STAGE_LINES}`);
}

/** Takes the orders at the given places (sent unchanged) out of the stage, with their lines. */
export async function unstage(tx: ShopTransaction, places: readonly number[]): Promise<void> {
  if (places.length === 0) return;
  for (const table of [STAGE_ORDERS, STAGE_LINES]) {
    await tx.manager.query(`DELETE FROM ${table} s USING unnest($1::int[]) AS u(idx) WHERE s.idx = u.idx`, [places]);
  }
}
