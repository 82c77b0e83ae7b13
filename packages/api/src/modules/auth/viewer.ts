import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { forbidden, tooManyRequests, unauthenticated } from '../../platform/errors/app-error.js';
import type { AuthThrottle } from './auth-throttle.js';
import { bearerToken, hashToken, secretsEqual } from './tokens.js';

/** Who is calling: resolved lazily, so that a request refused by a limit never touches the database. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  /** Too many failed attempts from the caller's address or with tokens like the caller's: HTTP 429. */
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'admin' }
  | { kind: 'shop'; shopId: string; tokenId: string };

type Authenticated = Extract<Viewer, { kind: 'admin' | 'shop' }>;

export interface ViewerDeps {
  dataSource: DataSource;
  adminToken: string | null;
  authThrottle: AuthThrottle;
}

/** A request's credentials: its Authorization header and the client's address (`req.ip`). */
export interface Credentials {
  authorization: string | undefined;
  clientAddress: string | undefined;
}

/** The shop of a live shop token, found by its hash as a request's is; null for an unknown or revoked one. */
export async function shopOfToken(dataSource: DataSource, token: string): Promise<{ shopId: string; tokenId: string } | null> {
  // On the primary: a revoked token must fail at once, whatever a read replica's lag.
  const rows: Array<{ shop_id: string; token_id: string }> = await onPrimary(
    dataSource,
    `SELECT shop_id, token_id FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { shopId: row.shop_id, tokenId: row.token_id } : null;
}

async function verifyToken(token: string, deps: ViewerDeps): Promise<Authenticated | null> {
  if (deps.adminToken !== null && secretsEqual(token, deps.adminToken)) return { kind: 'admin' };
  const shop = await shopOfToken(deps.dataSource, token);
  return shop ? { kind: 'shop', ...shop } : null;
}

export async function resolveViewer({ authorization, clientAddress }: Credentials, deps: ViewerDeps): Promise<Viewer> {
  if (!authorization) return { kind: 'anonymous' };
  // A malformed header is a failed attempt too (of the address alone: it has no token).
  const token = bearerToken(authorization);
  const attempt = await deps.authThrottle.attempt(clientAddress, token, async () => (token === null ? null : verifyToken(token, deps)));
  if (attempt.throttled) return { kind: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds };
  return attempt.value ?? { kind: 'invalid' };
}

const ADMIN_HAS_NO_SHOP = 'The admin token may only create shops and tokens; use a shop token.';

/**
 * The caller's shop, bound once: every read and write of the request goes through this scope.
 * The admin token has no shop (FORBIDDEN with `adminRefusal`), a throttled caller waits
 * (TOO_MANY_REQUESTS), anyone else is UNAUTHENTICATED. GraphQL and the CSV exports both ask here.
 */
export function shopScopeOf(viewer: Viewer, dataSource: DataSource, adminRefusal = ADMIN_HAS_NO_SHOP): ShopScope {
  if (viewer.kind === 'shop') return new ShopScope(dataSource, viewer.shopId);
  if (viewer.kind === 'admin') throw forbidden(adminRefusal);
  if (viewer.kind === 'throttled') throw tooManyRequests(viewer.retryAfterSeconds);
  throw unauthenticated();
}

export function assertAdmin(viewer: Viewer): void {
  if (viewer.kind === 'admin') return;
  if (viewer.kind === 'shop') throw forbidden('Only the admin token may do this.');
  if (viewer.kind === 'throttled') throw tooManyRequests(viewer.retryAfterSeconds);
  throw unauthenticated('Send the admin token as "Authorization: Bearer <token>".');
}
