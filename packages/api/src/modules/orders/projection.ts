import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { DomainOrder } from './domain-order.js';
import type { ExistingOrder } from './order-rows.js';

/**
 * What one import changes, as the projections see it. Only the orders that are new or changed
 * are in it; orders sent unchanged touch nothing.
 */
export interface ImportBatch {
  /** The import's transaction, holding the shop's lock; `$1` is the shop. */
  tx: ShopTransaction;
  /** The new and changed orders, in the order given. */
  orders: readonly DomainOrder[];
  /** For each of `orders`: whether it was stored before (an update). */
  isUpdate: readonly boolean[];
  /** The updated orders as they were stored before the import. */
  updated: readonly ExistingOrder[];
  /** The customers of `orders`, written before any projection runs, by `space|externalId`. */
  customerIds: ReadonlyMap<string, number>;
  /** The address keys the customers of `orders` had before the import and no longer have. */
  previousAddressKeys: readonly string[];
}

/** The batch once its orders and lines are written. */
export interface WrittenBatch extends ImportBatch {
  /** The ids of `orders`, in the same order. */
  orderIds: readonly number[];
}

/**
 * A summary kept by the import: a module's tables (or columns) that follow the orders. The import
 * calls every projection's `before` (the orders still as they were), writes the orders, then
 * calls every `apply` with what `before` returned; a shop's rebuild calls every `rebuild`. Both
 * go through one list (modules/ingest/projections.ts), in its order: a projection may read what
 * the ones before it keep.
 */
export interface Projection<State = void> {
  readonly name: string;
  /** The summary tables it fills by itself: a shop's rebuild empties them first. */
  readonly tables: readonly string[];
  /** Reads or removes what the changed orders gave before they change. */
  before?(batch: ImportBatch): Promise<State>;
  /** Brings the summaries to the orders as written, by deltas. */
  apply(batch: WrittenBatch, state: State): Promise<void>;
  /**
   * Fills the summaries again for the transaction's shop from its orders (its `tables` are empty
   * by then), after the orders' local days were computed again in `timeZone`, the shop's zone
   * from now on: the result equals what the imports' deltas kept.
   */
  rebuild(tx: ShopTransaction, timeZone: string): Promise<void>;
}
