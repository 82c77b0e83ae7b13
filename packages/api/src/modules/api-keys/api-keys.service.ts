import type { ShopScope } from '../../platform/database/shop-scope.js';
import { badUserInput, notFound } from '../../platform/errors/app-error.js';
import { generateShopToken, hashToken } from '../../platform/access/tokens.js';
import type { ApiKeyScope } from '../auth/viewer.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: ApiKeyScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: string | null;
}

/** How many characters of a key stay visible: `tti_` and 6 random ones. */
const VISIBLE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `k.token_id AS id, k.label AS name, k.scope, coalesce(k.prefix, 'tti_') AS prefix, k.created_at AS "createdAt",
  k.last_used_at AS "lastUsedAt", u.name AS "createdBy"`;

/** A new key of the shop; only its hash and prefix are kept, the key is returned this once. */
export async function createApiKey(shop: ShopScope, input: { name: string; scope: ApiKeyScope }, createdBy: string | null): Promise<{ apiKey: ApiKeyRecord; key: string }> {
  shop.require('team');
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters.', { field: 'name' });
  const key = generateShopToken();
  const [row]: Array<{ token_id: string }> = await shop.write(
    `INSERT INTO api_token (shop_id, token_hash, label, scope, prefix, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING token_id`,
    [hashToken(key), name, input.scope, key.slice(0, VISIBLE), createdBy],
  );
  return { apiKey: await findApiKey(shop, row!.token_id), key };
}

async function findApiKey(shop: ShopScope, id: string): Promise<ApiKeyRecord> {
  const [key]: ApiKeyRecord[] = await shop.write(
    `SELECT ${COLUMNS} FROM api_token k LEFT JOIN app_user u ON u.id = k.created_by WHERE k.shop_id = $1 AND k.token_id = $2`,
    [id],
  );
  if (!key) throw notFound('No such API key.');
  return key;
}

/** The shop's live keys, newest first. */
export async function listApiKeys(shop: ShopScope): Promise<ApiKeyRecord[]> {
  shop.require('team');
  return shop.write(
    `SELECT ${COLUMNS} FROM api_token k LEFT JOIN app_user u ON u.id = k.created_by
      WHERE k.shop_id = $1 AND k.revoked_at IS NULL ORDER BY k.created_at DESC, k.token_id`,
  );
}

/** Revokes a key: its next request is refused (keys are looked up on the primary). */
export async function revokeApiKey(shop: ShopScope, id: string): Promise<ApiKeyRecord> {
  shop.require('team');
  if (!UUID.test(id)) throw notFound('No such API key.');
  const [, revoked]: [unknown[], number] = await shop.write(
    `UPDATE api_token SET revoked_at = now() WHERE shop_id = $1 AND token_id = $2 AND revoked_at IS NULL`,
    [id],
  );
  if (revoked === 0) throw notFound('No such API key.');
  return findApiKey(shop, id);
}
