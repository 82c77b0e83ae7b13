import type { DataSource } from 'typeorm';
import { resolveViewer, shopScopeOf, assertAdmin, type Credentials, type Viewer, type ViewerDeps } from '../../modules/auth/viewer.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AccountServices, AccountsContext } from '../../modules/auth/accounts-context.types.js';

export interface ContextDeps extends ViewerDeps {
  dataSource: DataSource;
  logger: Logger;
  accounts: AccountServices;
}

/** `viewer`: the caller, when the HTTP layer already looked it up (for a large request body). */
export function createRequestContext(deps: ContextDeps, credentials: Credentials, viewer?: Promise<Viewer>): AccountsContext {
  // The caller, looked up on first use and remembered for the request; so is its shop's scope.
  const getViewer = () => (viewer ??= resolveViewer(credentials, deps));
  let shop: Promise<ShopScope> | undefined;
  return {
    dataSource: deps.dataSource,
    logger: deps.logger,
    viewer: getViewer,
    accounts: deps.accounts,
    shop: () => (shop ??= getViewer().then((caller) => shopScopeOf(caller, deps.dataSource))),
    requireAdmin: async () => assertAdmin(await getViewer()),
  };
}
