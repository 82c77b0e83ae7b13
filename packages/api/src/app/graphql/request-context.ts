import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../../modules/auth/auth-throttle.js';
import { resolveViewer, shopScopeOf, assertAdmin, type Credentials, type Viewer } from '../../modules/auth/viewer.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { RequestContext } from '../../platform/graphql/context.js';
import type { Logger } from '../../platform/logging/logger.js';

export interface ContextDeps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  authThrottle: AuthThrottle;
}

/** `viewer`: the caller, when the HTTP layer already looked it up (for a large request body). */
export function createRequestContext(deps: ContextDeps, credentials: Credentials, viewer?: Promise<Viewer>): RequestContext {
  // The caller, looked up on first use and remembered for the request; so is its shop's scope.
  const getViewer = () => (viewer ??= resolveViewer(credentials, deps));
  let shop: Promise<ShopScope> | undefined;
  return {
    dataSource: deps.dataSource,
    logger: deps.logger,
    shop: () => (shop ??= getViewer().then((caller) => shopScopeOf(caller, deps.dataSource))),
    requireAdmin: async () => assertAdmin(await getViewer()),
  };
}
