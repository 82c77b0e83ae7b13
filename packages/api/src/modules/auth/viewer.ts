import type { DataSource } from 'typeorm';
import type { ShopAccess, ShopPermission } from '../../platform/access/shop-access.js';
import { onPrimary } from '../../platform/database/replication.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { forbidden, tooManyRequests, unauthenticated } from '../../platform/errors/app-error.js';
import { sharedLinkOfBearer, type SharedLinkSecrets } from './shared-link-bearer.js';
import type { AuthThrottle } from './auth-throttle.js';
import type { MemberRole } from './roles.js';
import { bearerToken, hashToken, secretsEqual } from '../../platform/access/tokens.js';

export type ApiKeyScope = 'READ' | 'IMPORT';

/** Who is calling: resolved lazily, so that a request refused by a limit never touches the database. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  /** Too many failed attempts from the caller's address or with tokens like the caller's: HTTP 429. */
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'admin' }
  | { kind: 'apiKey'; shopId: string; tokenId: string; scope: ApiKeyScope }
  /** A signed-in person, in the shop their session is in; `role` null: not a member of it (any more). */
  | { kind: 'person'; userId: string; shopId: string | null; role: MemberRole | null }
  | { kind: 'sharedLink'; shopId: string; linkId: string };

type Authenticated = Extract<Viewer, { kind: 'admin' | 'apiKey' | 'sharedLink' }>;

/** The person a session cookie belongs to (better-auth, through app/http/auth.routes.ts). */
export interface SessionReader {
  personOf(headers: Headers): Promise<{ userId: string; activeShopId: string | null } | null>;
}

export interface ViewerDeps {
  dataSource: DataSource;
  adminToken: string | null;
  authThrottle: AuthThrottle;
  sessions: SessionReader;
  sharedLinkSecrets: SharedLinkSecrets;
}

/** A request's credentials: its Authorization header, its cookies and the client's address (`req.ip`). */
export interface Credentials {
  authorization: string | undefined;
  cookie?: string | undefined;
  clientAddress: string | undefined;
}

/** The shop of a live API key, found by its hash as a request's is; null for an unknown or revoked one. */
export async function apiKeyOfToken(dataSource: DataSource, token: string): Promise<Extract<Viewer, { kind: 'apiKey' }> | null> {
  // On the primary: a revoked key must fail at once, whatever a read replica's lag. Its last use is
  // written at most once a minute.
  const rows: Array<{ shop_id: string; token_id: string; scope: ApiKeyScope }> = await onPrimary(
    dataSource,
    `WITH key AS (SELECT shop_id, token_id, scope, last_used_at FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL),
          used AS (
            UPDATE api_token t SET last_used_at = now() FROM key
             WHERE t.shop_id = key.shop_id AND t.token_id = key.token_id
               AND (key.last_used_at IS NULL OR key.last_used_at < now() - interval '1 minute'))
     SELECT shop_id, token_id, scope FROM key`,
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { kind: 'apiKey', shopId: row.shop_id, tokenId: row.token_id, scope: row.scope } : null;
}

async function verifyToken(token: string, deps: ViewerDeps): Promise<Authenticated | null> {
  if (deps.adminToken !== null && secretsEqual(token, deps.adminToken)) return { kind: 'admin' };
  const link = await sharedLinkOfBearer(deps.dataSource, deps.sharedLinkSecrets, token);
  if (link !== undefined) return link && { kind: 'sharedLink', ...link };
  return apiKeyOfToken(deps.dataSource, token);
}

/** The person's role in the shop of their session (or their first shop when the session has none). */
async function personViewer(dataSource: DataSource, userId: string, activeShopId: string | null): Promise<Viewer> {
  const rows: Array<{ shop_id: string; role: MemberRole }> = await onPrimary(
    dataSource,
    `SELECT "organizationId" AS shop_id, role FROM shop_member
      WHERE "userId" = $1 AND ($2::uuid IS NULL OR "organizationId" = $2::uuid)
      ORDER BY "createdAt", "organizationId" LIMIT 1`,
    [userId, activeShopId],
  );
  const row = rows[0];
  return { kind: 'person', userId, shopId: row?.shop_id ?? activeShopId, role: row?.role ?? null };
}

export async function resolveViewer({ authorization, cookie, clientAddress }: Credentials, deps: ViewerDeps): Promise<Viewer> {
  if (!authorization) {
    if (!cookie) return { kind: 'anonymous' };
    const person = await deps.sessions.personOf(new Headers({ cookie }));
    if (!person) return { kind: 'anonymous' };
    return personViewer(deps.dataSource, person.userId, person.activeShopId);
  }
  // A malformed header is a failed attempt too (of the address alone: it has no token).
  const token = bearerToken(authorization);
  const attempt = await deps.authThrottle.attempt(clientAddress, token, async () => (token === null ? null : verifyToken(token, deps)));
  if (attempt.throttled) return { kind: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds };
  return attempt.value ?? { kind: 'invalid' };
}

const READER: ShopPermission[] = ['read', 'customers', 'uploads'];

const ROLE_PERMISSIONS: Record<MemberRole, ShopPermission[]> = {
  owner: [...READER, 'import', 'settings', 'team', 'owners'],
  admin: [...READER, 'import', 'settings', 'team'],
  viewer: READER,
};

/** What the caller may do in its shop. IMPORT keys keep what shop tokens could do: settings and the TikTok connection too. */
export function accessOf(viewer: Extract<Viewer, { kind: 'apiKey' | 'person' | 'sharedLink' }>): ShopAccess {
  switch (viewer.kind) {
    case 'apiKey':
      return viewer.scope === 'IMPORT'
        ? { permissions: new Set([...READER, 'import', 'settings']), callerLabel: 'an IMPORT API key' }
        : { permissions: new Set(READER), callerLabel: 'a READ API key' };
    case 'sharedLink':
      return { permissions: new Set(['read']), callerLabel: 'a shared link' };
    case 'person':
      return { permissions: new Set(viewer.role ? ROLE_PERMISSIONS[viewer.role] : []), callerLabel: viewer.role ? `a shop ${viewer.role}` : 'a non-member' };
  }
}

const ADMIN_HAS_NO_SHOP = 'The admin token may only create shops and tokens; use an API key or sign in.';

/**
 * The caller's shop, bound once with what the caller may do in it: every read and write of the
 * request goes through this scope. The admin token has no shop (FORBIDDEN with `adminRefusal`), a
 * person who is no member of the session's shop is FORBIDDEN, a throttled caller waits
 * (TOO_MANY_REQUESTS), anyone else is UNAUTHENTICATED. GraphQL and the HTTP routes both ask here.
 */
export function shopScopeOf(viewer: Viewer, dataSource: DataSource, adminRefusal = ADMIN_HAS_NO_SHOP): ShopScope {
  switch (viewer.kind) {
    case 'apiKey':
    case 'sharedLink':
      return new ShopScope(dataSource, viewer.shopId, accessOf(viewer));
    case 'person':
      if (!viewer.shopId || !viewer.role) throw forbidden('You are not a member of this shop (any more). Choose another shop or ask its owner for an invitation.');
      return new ShopScope(dataSource, viewer.shopId, accessOf(viewer));
    case 'admin':
      throw forbidden(adminRefusal);
    case 'throttled':
      throw tooManyRequests(viewer.retryAfterSeconds);
    default:
      throw unauthenticated('Sign in, or send an API key as "Authorization: Bearer <key>".');
  }
}

export function assertAdmin(viewer: Viewer): void {
  if (viewer.kind === 'admin') return;
  if (viewer.kind === 'throttled') throw tooManyRequests(viewer.retryAfterSeconds);
  if (viewer.kind === 'anonymous' || viewer.kind === 'invalid') throw unauthenticated('Send the admin token as "Authorization: Bearer <token>".');
  throw forbidden('Only the admin token may do this.');
}
