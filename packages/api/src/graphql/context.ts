import type { DataSource } from 'typeorm';
import type { AuthThrottle } from '../auth/auth-throttle.js';
import { resolveViewer, shopIdOf, assertAdmin, type Credentials, type Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from '../dataloaders/create-loaders.js';
import type { Logger } from '../logger.js';

export interface RequestContext {
  dataSource: DataSource;
  logger: Logger;
  loaders: Loaders;
  /** The caller, looked up on first use and remembered for the request. */
  viewer(): Promise<Viewer>;
  /** The shop of the caller's shop token; UNAUTHENTICATED or FORBIDDEN otherwise. */
  shopId(): Promise<string>;
  requireAdmin(): Promise<void>;
}

export interface ContextDeps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  authThrottle: AuthThrottle;
}

/** `viewer`: the caller, when the HTTP layer already looked it up (for a large request body). */
export function createRequestContext(deps: ContextDeps, credentials: Credentials, viewer?: Promise<Viewer>): RequestContext {
  const getViewer = () => (viewer ??= resolveViewer(credentials, deps));
  return {
    dataSource: deps.dataSource,
    logger: deps.logger,
    loaders: createLoaders(deps.dataSource),
    viewer: getViewer,
    shopId: async () => shopIdOf(await getViewer()),
    requireAdmin: async () => assertAdmin(await getViewer()),
  };
}
