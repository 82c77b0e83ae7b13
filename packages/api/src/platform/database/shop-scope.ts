import type { DataSource, EntityManager } from 'typeorm';
import { FULL_ACCESS, requirePermission, type ShopAccess, type ShopPermission } from '../access/shop-access.js';
import { onPrimary, onPrimaryTransaction, onReplica } from './replication.js';

/**
 * One shop's access to the database, bound once per request (or job) to the caller's shop: every
 * statement gets the shop as `$1`, so no call passes a shop id by hand and no statement can
 * forget it. Reads go to a replica, writes and transactions to the primary. The caller's access is
 * bound with it: a resolver asks `require('customers')` before it reads personal data.
 */
export class ShopScope {
  private readonly made = new Map<(scope: ShopScope) => unknown, unknown>();

  constructor(
    readonly dataSource: DataSource,
    readonly shopId: string,
    readonly access: ShopAccess = FULL_ACCESS,
  ) {}

  /** FORBIDDEN unless the caller may do this. */
  require(permission: ShopPermission): void {
    requirePermission(this.access, permission);
  }

  /** One read on a read replica (the primary when there is none); `$1` is the shop. */
  read<T = any>(sql: string, parameters: readonly unknown[] = []): Promise<T> {
    return onReplica<T>(this.dataSource, sql, [this.shopId, ...parameters]);
  }

  /** One statement on the primary; `$1` is the shop. */
  write<T = any>(sql: string, parameters: readonly unknown[] = []): Promise<T> {
    return onPrimary<T>(this.dataSource, sql, [this.shopId, ...parameters]);
  }

  /** A transaction on the primary whose statements get the shop as `$1`. */
  transaction<T>(work: (tx: ShopTransaction) => Promise<T>): Promise<T> {
    return onPrimaryTransaction(this.dataSource, (manager) => work(new ShopTransaction(manager, this.shopId)));
  }

  /**
   * The scope's own instance of a loader (or anything else made from it): the first use creates
   * it, later uses get the same. A request's scope lives as long as the request, so its
   * DataLoaders batch and cache within it and nothing crosses to another caller.
   */
  loader<T>(create: (scope: ShopScope) => T): T {
    if (!this.made.has(create)) this.made.set(create, create(this));
    return this.made.get(create) as T;
  }
}

/** A transaction of one shop: statements get the shop as `$1`. */
export class ShopTransaction {
  constructor(
    readonly manager: EntityManager,
    readonly shopId: string,
  ) {}

  query<T = any>(sql: string, parameters: readonly unknown[] = []): Promise<T> {
    return this.manager.query(sql, [this.shopId, ...parameters]);
  }
}
