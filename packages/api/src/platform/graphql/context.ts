import type { DataSource } from 'typeorm';
import type { ShopScope } from '../database/shop-scope.js';
import type { Logger } from '../logging/logger.js';

/** What every resolver gets; app/graphql/request-context.ts builds it per request. */
export interface RequestContext {
  /** For the admin token's calls, which have no shop scope; a shop's reads and writes go through `shop()`. */
  dataSource: DataSource;
  logger: Logger;
  /**
   * The scope of the caller's shop (its shop token), created once per request: its loaders batch
   * and cache for the request. UNAUTHENTICATED, FORBIDDEN or TOO_MANY_REQUESTS otherwise.
   */
  shop(): Promise<ShopScope>;
  requireAdmin(): Promise<void>;
}
