import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../../modules/auth/auth-throttle.js';
import { resolveViewer, shopIdOf, assertAdmin, type Credentials, type Viewer } from '../../modules/auth/viewer.js';
import type { RequestContext } from '../../platform/graphql/context.js';
import { RequestLoaders } from '../../platform/graphql/request-loaders.js';
import type { Logger } from '../../platform/logging/logger.js';

export interface ContextDeps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  authThrottle: AuthThrottle;
}

/** `viewer`: the caller, when the HTTP layer already looked it up (for a large request body). */
export function createRequestContext(deps: ContextDeps, credentials: Credentials, viewer?: Promise<Viewer>): RequestContext {
  // The caller, looked up on first use and remembered for the request.
  const getViewer = () => (viewer ??= resolveViewer(credentials, deps));
  return {
    dataSource: deps.dataSource,
    logger: deps.logger,
    loaders: new RequestLoaders(deps.dataSource),
    shopId: async () => shopIdOf(await getViewer()),
    requireAdmin: async () => assertAdmin(await getViewer()),
  };
}
