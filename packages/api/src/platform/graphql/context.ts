import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger.js';
import type { RequestLoaders } from './request-loaders.js';

/** What every resolver gets; app/graphql/request-context.ts builds it per request. */
export interface RequestContext {
  dataSource: DataSource;
  logger: Logger;
  loaders: RequestLoaders;
  /** The shop of the caller's shop token; UNAUTHENTICATED or FORBIDDEN otherwise. */
  shopId(): Promise<string>;
  requireAdmin(): Promise<void>;
}
