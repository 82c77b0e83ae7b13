import { hashPassword, verifyPassword } from 'better-auth/crypto';
import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { badUserInput, notFound, unauthenticated } from '../../platform/errors/app-error.js';
import { hashToken } from '../../platform/access/tokens.js';
import { generateSharedLinkToken, grantFor, SHARED_LINK_PREFIX, type SharedLinkSecrets } from '../auth/shared-link-bearer.js';

export interface SharedLinkRecord {
  id: string;
  name: string;
  prefix: string;
  hasPassword: boolean;
  expiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const COLUMNS = `link_id AS id, name, prefix, password_hash IS NOT NULL AS "hasPassword", expires_at AS "expiresAt",
  created_at AS "createdAt", last_used_at AS "lastUsedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MIN_LINK_PASSWORD_LENGTH = 8;

export interface NewSharedLink {
  name: string;
  password?: string | null;
  expiresAt?: Date | null;
}

/** A read-only link to the shop's dashboard; its token is returned once, only its hash is kept. */
export async function createSharedLink(shop: ShopScope, input: NewSharedLink, createdBy: string | null): Promise<{ link: SharedLinkRecord; token: string }> {
  shop.require('team');
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters.', { field: 'name' });
  const password = input.password ?? null;
  if (password !== null && (password.length < MIN_LINK_PASSWORD_LENGTH || password.length > 128)) {
    throw badUserInput(`A shared link's password must be ${MIN_LINK_PASSWORD_LENGTH} to 128 characters.`, { field: 'password' });
  }
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null && expiresAt.getTime() <= Date.now()) throw badUserInput('expiresAt must be in the future.', { field: 'expiresAt' });
  const token = generateSharedLinkToken();
  const [link]: SharedLinkRecord[] = await shop.write(
    `INSERT INTO shared_link (shop_id, name, token_hash, prefix, password_hash, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [name, hashToken(token), token.slice(0, SHARED_LINK_PREFIX.length + 6), password === null ? null : await hashPassword(password), expiresAt, createdBy],
  );
  return { link: link!, token };
}

/** The shop's live links, newest first (revoked and expired ones are not listed). */
export async function listSharedLinks(shop: ShopScope): Promise<SharedLinkRecord[]> {
  shop.require('team');
  return shop.write(
    `SELECT ${COLUMNS} FROM shared_link WHERE shop_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
      ORDER BY created_at DESC, link_id`,
  );
}

export async function revokeSharedLink(shop: ShopScope, linkId: string): Promise<SharedLinkRecord> {
  shop.require('team');
  if (!UUID.test(linkId)) throw notFound('No such shared link.');
  const [rows]: [SharedLinkRecord[], number] = await shop.write(
    `UPDATE shared_link SET revoked_at = now() WHERE shop_id = $1 AND link_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [linkId],
  );
  if (!rows[0]) throw notFound('No such shared link.');
  return rows[0];
}

interface VisitorLink {
  linkId: string;
  shopName: string;
  passwordHash: string | null;
}

async function liveLink(dataSource: DataSource, token: string): Promise<VisitorLink> {
  if (!token.startsWith(SHARED_LINK_PREFIX)) throw notFound('This shared link does not exist, was revoked or has expired.');
  const rows: Array<{ link_id: string; shop_name: string; password_hash: string | null }> = await onPrimary(
    dataSource,
    `SELECT l.link_id, s.name AS shop_name, l.password_hash FROM shared_link l JOIN shop s USING (shop_id)
      WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > now())`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) throw notFound('This shared link does not exist, was revoked or has expired.');
  return { linkId: row.link_id, shopName: row.shop_name, passwordHash: row.password_hash };
}

/** What a visitor sees before the dashboard: the shop's name and whether a password is asked. */
export async function describeSharedLink(dataSource: DataSource, token: string): Promise<{ linkId: string; shopName: string; needsPassword: boolean }> {
  const link = await liveLink(dataSource, token);
  return { linkId: link.linkId, shopName: link.shopName, needsPassword: link.passwordHash !== null };
}

/** A grant for the visitor who knows the link's password (shared-link-access.ts). */
export async function unlockSharedLink(dataSource: DataSource, secrets: SharedLinkSecrets, token: string, password: string): Promise<string> {
  const link = await liveLink(dataSource, token);
  if (link.passwordHash === null) return grantFor(secrets, link.linkId);
  if (!(await verifyPassword({ hash: link.passwordHash, password }))) throw unauthenticated('Wrong password for this shared link.');
  return grantFor(secrets, link.linkId);
}
