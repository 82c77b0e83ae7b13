import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';
import { hashToken } from '../../platform/access/tokens.js';

/** A shared link's own token: its URL is `/shared/<token>`. */
export const SHARED_LINK_PREFIX = 'tts_';
/** What a visitor gets for a link's password: good for GRANT_HOURS, then the password again. */
export const GRANT_PREFIX = 'ttg_';
export const GRANT_HOURS = 12;

export interface SharedLinkSecrets {
  /** Signs the grants of password-protected links. */
  grantKey: string;
}

export function generateSharedLinkToken(): string {
  return SHARED_LINK_PREFIX + randomBytes(32).toString('base64url');
}

function signature(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload, 'utf8').digest();
}

/** A grant for a visitor who gave the link's password: `ttg_<link id>.<expiry, epoch s>.<HMAC>`. */
export function grantFor(secrets: SharedLinkSecrets, linkId: string, now = Date.now()): string {
  const payload = `${linkId}.${Math.floor(now / 1000) + GRANT_HOURS * 3600}`;
  return `${GRANT_PREFIX}${payload}.${signature(secrets.grantKey, payload).toString('base64url')}`;
}

/** The link a grant is for, when its signature holds and it has not expired. */
function linkOfGrant(secrets: SharedLinkSecrets, grant: string): string | null {
  const match = /^ttg_([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(grant);
  if (!match) return null;
  const [, linkId, expiry, given] = match as unknown as [string, string, string, string];
  const expected = signature(secrets.grantKey, `${linkId}.${expiry}`);
  const givenBytes = Buffer.from(given, 'base64url');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) return null;
  return Number(expiry) * 1000 > Date.now() ? linkId : null;
}

export interface SharedLinkCaller {
  shopId: string;
  linkId: string;
}

const LIVE = `revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;

/**
 * The shop a shared link's bearer may read: the link's own token (a link without a password) or a
 * grant (a link with one). undefined: the bearer is no shared link's (an API key, say); null: it
 * is one, but unknown, revoked, expired, or a password link's token without a grant.
 */
export async function sharedLinkOfBearer(dataSource: DataSource, secrets: SharedLinkSecrets, bearer: string): Promise<SharedLinkCaller | null | undefined> {
  // On the primary, so that a revoked link stops at once; its last use is written at most once a minute.
  const touch = (where: string, parameter: unknown) =>
    onPrimary<Array<{ shop_id: string; link_id: string }>>(
      dataSource,
      `WITH link AS (SELECT shop_id, link_id, last_used_at FROM shared_link WHERE ${where} AND ${LIVE}),
            used AS (
              UPDATE shared_link s SET last_used_at = now() FROM link
               WHERE s.shop_id = link.shop_id AND s.link_id = link.link_id
                 AND (link.last_used_at IS NULL OR link.last_used_at < now() - interval '1 minute'))
       SELECT shop_id, link_id FROM link`,
      [parameter],
    );
  let rows: Array<{ shop_id: string; link_id: string }>;
  if (bearer.startsWith(SHARED_LINK_PREFIX)) {
    rows = await touch('token_hash = $1 AND password_hash IS NULL', hashToken(bearer));
  } else if (bearer.startsWith(GRANT_PREFIX)) {
    const linkId = linkOfGrant(secrets, bearer);
    if (!linkId) return null;
    rows = await touch('link_id = $1', linkId);
  } else {
    return undefined;
  }
  const row = rows[0];
  return row ? { shopId: row.shop_id, linkId: row.link_id } : null;
}
