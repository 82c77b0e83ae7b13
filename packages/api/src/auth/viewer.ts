import type { DataSource } from 'typeorm';
import { onPrimary } from '../database/replication.js';
import { forbidden, unauthenticated } from '../graphql/errors.js';
import { bearerToken, hashToken, secretsEqual } from './tokens.js';

/** Who is calling: resolved lazily, so that a request refused by a limit never touches the database. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  | { kind: 'admin' }
  | { kind: 'shop'; shopId: string; tokenId: string };

export async function resolveViewer(
  authorization: string | undefined,
  deps: { dataSource: DataSource; adminToken: string | null },
): Promise<Viewer> {
  const token = bearerToken(authorization);
  if (token === null) return authorization ? { kind: 'invalid' } : { kind: 'anonymous' };
  if (deps.adminToken !== null && secretsEqual(token, deps.adminToken)) return { kind: 'admin' };
  // On the primary: a revoked token must fail at once, whatever a read replica's lag.
  const rows: Array<{ shop_id: string; token_id: string }> = await onPrimary(
    deps.dataSource,
    `SELECT shop_id, token_id FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { kind: 'shop', shopId: row.shop_id, tokenId: row.token_id } : { kind: 'invalid' };
}

export function shopIdOf(viewer: Viewer): string {
  if (viewer.kind === 'shop') return viewer.shopId;
  if (viewer.kind === 'admin') throw forbidden('The admin token may only create shops and tokens; use a shop token.');
  throw unauthenticated();
}

export function assertAdmin(viewer: Viewer): void {
  if (viewer.kind === 'admin') return;
  if (viewer.kind === 'shop') throw forbidden('Only the admin token may do this.');
  throw unauthenticated('Send the admin token as "Authorization: Bearer <token>".');
}
