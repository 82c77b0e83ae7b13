import type { DataSource } from 'typeorm';
import type { ShopScope, ShopTransaction } from '../../platform/database/shop-scope.js';
import { parseOrders, type DomainOrder } from '../orders/domain-order.js';
import {
  findExistingOrders,
  lockShop,
  replaceLines,
  upsertCustomers,
  upsertOrders,
  upsertProducts,
} from '../orders/order-rows.js';
import { createStage, stageOrders, unstage } from '../orders/order-stage.js';
import { crossedStatisticsThreshold, refreshPlannerStatistics } from '../orders/planner-statistics.js';
import type { ImportBatch } from '../orders/projection.js';
import { PROJECTIONS } from './projections.js';

export interface ImportOrdersCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** An import under way in one transaction with the shop locked: its batches, then afterImport. */
export interface ImportSession {
  readonly tx: ShopTransaction;
  /** The shop's time zone, read as the shop was locked. */
  readonly timeZone: string;
  /** The shop's imported orders before the first batch and after the last one written. */
  importedBefore: number | null;
  importedAfter: number | null;
  /** Orders this transaction created so far: the planner's statistics cannot see them yet. */
  createdInTransaction: number;
}

/** Sets the transaction up for an import and locks the shop: one import of a shop at a time. */
export async function startImport(tx: ShopTransaction): Promise<ImportSession> {
  // Every statement of the import reaches rows by key (LATERAL lookups with OFFSET 0, which
  // keeps the planner from flattening them into joins). While a big import outgrows the
  // planner's statistics a sequential scan or an unkeyed join can look cheapest; and a shop
  // newer than the statistics is estimated at one row, so that any index beginning with shop_id
  // looks as good as the unique key and is walked once per key. Generic plans estimate
  // shop_id = $1 as an average shop instead, and the keyed lookups keep their unique indexes.
  await tx.manager.query('SET LOCAL enable_seqscan = off');
  await tx.manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
  const timeZone = await lockShop(tx);
  await createStage(tx);
  return { tx, timeZone, importedBefore: null, importedAfter: null, createdInTransaction: 0 };
}

/**
 * Writes a batch of parsed orders inside the session's transaction, idempotent on
 * (shop, channel, externalId): staged with COPY, then merged set-based. Orders sent unchanged are not touched; new and changed ones update
 * customers, products and lines, then every kept summary (PROJECTIONS) by deltas.
 */
export async function importBatch(session: ImportSession, orders: readonly DomainOrder[]): Promise<ImportOrdersCounts> {
  const { tx, timeZone } = session;
  if (orders.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  await stageOrders(tx, orders);
  const existing = await findExistingOrders(tx);
  const existingByIndex = new Map(existing.map((e) => [e.idx - 1, e]));
  const changedIndexes = orders.flatMap((_, i) => (existingByIndex.get(i)?.unchanged ? [] : [i]));
  const updated = existing.filter((e) => !e.unchanged);
  const counts = {
    created: orders.length - existing.length,
    updated: updated.length,
    unchanged: existing.length - updated.length,
  };
  if (changedIndexes.length === 0) return counts;
  await unstage(
    tx,
    existing.filter((e) => e.unchanged).map((e) => e.idx),
  );

  const changed = changedIndexes.map((i) => orders[i]!);
  const { ids: customerIds, previousKeys } = await upsertCustomers(tx);
  await upsertProducts(tx);
  const batch: ImportBatch = {
    tx,
    orders: changed,
    isUpdate: changedIndexes.map((i) => existingByIndex.has(i)),
    updated,
    customerIds,
    previousAddressKeys: previousKeys,
  };
  const states: unknown[] = [];
  for (const projection of PROJECTIONS) states.push(await projection.before?.(batch));
  const orderIds = await upsertOrders(tx, timeZone, changed);
  await replaceLines(
    tx,
    changedIndexes.map((i) => i + 1),
    orderIds,
    updated.map((e) => e.order_id),
  );
  // Before the projections read the orders back: a batch can hold 5,000 orders the statistics do not know of.
  const createdBefore = session.createdInTransaction;
  session.createdInTransaction += counts.created;
  if (crossedInTransactionThreshold(createdBefore, session.createdInTransaction)) await refreshStatisticsWithin(tx, session.createdInTransaction);
  const written = { ...batch, orderIds };
  for (const [i, projection] of PROJECTIONS.entries()) await projection.apply(written, states[i]);

  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  const [[shop]]: [Array<{ imported_orders: number }>, number] = await tx.query(
    `UPDATE shop SET last_import_at = now(), imported_orders = imported_orders + $2 WHERE shop_id = $1
     RETURNING imported_orders`,
    [counts.created],
  );
  session.importedAfter = shop!.imported_orders;
  session.importedBefore ??= session.importedAfter - counts.created;
  return counts;
}

/**
 * Inside a long import, when the planner's statistics know fewer orders than this transaction has
 * written (a new database, or statistics taken after a stopped import rolled back, which say the
 * table is nearly empty while its pages are reused): ANALYZE from within the transaction, which
 * counts its own rows, so that the rest of the import keeps keyed plans instead of walking the
 * shop once per order. ANALYZE holds its lock until commit; another import's in-transaction
 * ANALYZE waits at most 2 s for it and is then skipped (its savepoint rolled back).
 */
/** 500, 1,000, 2,000, 4,000… orders created by one transaction. */
function crossedInTransactionThreshold(before: number, after: number): boolean {
  for (let threshold = 500; threshold <= after; threshold *= 2) if (before < threshold) return true;
  return false;
}

async function refreshStatisticsWithin(tx: ShopTransaction, created: number): Promise<void> {
  const rows: Array<{ known: number }> = await tx.manager.query(`SELECT reltuples::float8 AS known FROM pg_class WHERE oid = 'sales_order'::regclass`);
  if ((rows[0]?.known ?? 0) >= created) return;
  await tx.manager.query('SAVEPOINT import_statistics');
  try {
    await tx.manager.query(`SET LOCAL lock_timeout = '2s'`);
    await tx.manager.query('ANALYZE sales_order, order_line, customer');
    await tx.manager.query('SET LOCAL lock_timeout = 0');
    await tx.manager.query('RELEASE SAVEPOINT import_statistics');
  } catch {
    await tx.manager.query('ROLLBACK TO SAVEPOINT import_statistics');
  }
}

/** After the session's transaction committed: refreshes the planner's statistics when the shop grew past a threshold. */
export function afterImport(dataSource: DataSource, session: ImportSession): void {
  const { importedBefore, importedAfter } = session;
  if (importedBefore !== null && importedAfter !== null && crossedStatisticsThreshold(importedBefore, importedAfter)) {
    refreshPlannerStatistics(dataSource);
  }
}

/**
 * Imports up to 5,000 orders in one transaction: all or nothing, idempotent on
 * (shop, channel, externalId). The orders are parsed once, before anything is written (invalid
 * ones throw BAD_USER_INPUT).
 */
export async function importOrders(scope: ShopScope, input: readonly unknown[]): Promise<ImportOrdersCounts> {
  const orders = parseOrders(input);
  let session: ImportSession | null = null;
  const counts = await scope.transaction(async (tx) => {
    session = await startImport(tx);
    return importBatch(session, orders);
  });
  afterImport(scope.dataSource, session!);
  return counts;
}
