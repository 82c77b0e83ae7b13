import { DataSource, type EntityManager } from 'typeorm';
import { onPrimary, onPrimaryTransaction } from '../../platform/database/replication.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { canonicalTimeZone, isValidCurrency, isValidTimeZone } from '@tiktok-insights/shared';
import { generateShopToken, hashToken } from '../../platform/access/tokens.js';
import { badUserInput, notFound } from '../../platform/errors/app-error.js';
import type { WeekStart } from '@tiktok-insights/shared';
import { SHOP_RECORD_COLUMNS, type ShopRecord } from './shop.record.js';

export interface NewShop {
  name: string;
  timezone: string;
  currency?: string | null;
  weekStartsOn?: WeekStart | null;
  aovTargetCents?: number | null;
  isDemo?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validateNewShop(input: NewShop): Required<Omit<NewShop, 'isDemo'>> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters.', { field: 'name' });
  if (!isValidTimeZone(input.timezone)) {
    throw badUserInput(`timezone "${input.timezone}" is not an IANA time zone such as America/Chicago.`, { field: 'timezone' });
  }
  const currency = input.currency ?? 'USD';
  if (!isValidCurrency(currency)) {
    throw badUserInput(`currency "${currency}" is not an ISO 4217 currency code such as USD.`, { field: 'currency' });
  }
  const aovTargetCents = input.aovTargetCents ?? 4000;
  if (!Number.isInteger(aovTargetCents) || aovTargetCents < 0) {
    throw badUserInput('aovTargetCents must be a whole number of cents, 0 or more.', { field: 'aovTargetCents' });
  }
  return { name, timezone: canonicalTimeZone(input.timezone), currency, weekStartsOn: input.weekStartsOn ?? 'MONDAY', aovTargetCents };
}

export async function createShopToken(db: EntityManager | DataSource, shopId: string, label: string) {
  const token = generateShopToken();
  // An IMPORT key, as every shop token was before keys had scopes.
  const sql = `INSERT INTO api_token (shop_id, token_hash, label, scope, prefix) VALUES ($1, $2, $3, 'IMPORT', $4) RETURNING token_id`;
  const parameters = [shopId, hashToken(token), label, token.slice(0, 10)];
  const rows: Array<{ token_id: string }> =
    db instanceof DataSource ? await onPrimary(db, sql, parameters) : await db.query(sql, parameters);
  return { tokenId: rows[0]!.token_id, token };
}

/** Creates a shop with TikTok connected, its organization (its team) and its first token, in one transaction. */
export async function createShop(
  dataSource: DataSource,
  input: NewShop,
): Promise<{ shop: ShopRecord; token: string; tokenId: string }> {
  return onPrimaryTransaction(dataSource, (tx) => insertShop(tx, input));
}

/** createShop inside the caller's transaction: the shop and its first token (an IMPORT key). */
export async function insertShop(tx: EntityManager, input: NewShop): Promise<{ shop: ShopRecord; token: string; tokenId: string }> {
  const shop = await insertShopWithoutKey(tx, input);
  const { token, tokenId } = await createShopToken(tx, shop.id, 'created with the shop');
  return { shop, token, tokenId };
}

/**
 * The shop, its TikTok connection and its organization (its team), without an API key: the
 * first-run setup's owner signs in and creates the keys they need, so none is made unseen.
 */
export async function insertShopWithoutKey(tx: EntityManager, input: NewShop): Promise<ShopRecord> {
  const valid = validateNewShop(input);
  const [row] = await tx.query(
    `INSERT INTO shop (name, timezone, currency, week_starts_on, aov_target_cents, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING shop_id`,
    [valid.name, valid.timezone, valid.currency, valid.weekStartsOn, valid.aovTargetCents, input.isDemo ?? false],
  );
  const shopId: string = row.shop_id;
  await tx.query(`INSERT INTO tiktok_integration (shop_id, connected, connected_at) VALUES ($1, true, now())`, [shopId]);
  // The shop's team (the authentication library's organization) has the shop's own id.
  await tx.query(`INSERT INTO shop_organization ("id", "name", "slug", "createdAt") VALUES ($1, $2, $3, now())`, [shopId, valid.name, shopId]);
  const [shop]: ShopRecord[] = await tx.query(`SELECT ${SHOP_RECORD_COLUMNS} FROM shop WHERE shop_id = $1`, [shopId]);
  return shop!;
}

export async function findShop(shop: ShopScope): Promise<ShopRecord> {
  const [record]: ShopRecord[] = await shop.read(`SELECT ${SHOP_RECORD_COLUMNS} FROM shop WHERE shop_id = $1`);
  if (!record) throw notFound('Shop not found.');
  return record;
}

/** For the admin token, which names a shop by its id. */
export async function assertShopExists(dataSource: DataSource, shopId: string): Promise<void> {
  if (!UUID.test(shopId)) throw notFound('Shop not found.');
  await findShop(new ShopScope(dataSource, shopId));
}

/** Revokes one token of a shop at once; returns false when the shop has no such live token. */
export async function revokeShopToken(dataSource: DataSource, shopId: string, tokenId: string): Promise<boolean> {
  if (!UUID.test(shopId) || !UUID.test(tokenId)) return false;
  const result: [unknown[], number] = await onPrimary(dataSource,
    `UPDATE api_token SET revoked_at = now() WHERE shop_id = $1 AND token_id = $2 AND revoked_at IS NULL`,
    [shopId, tokenId],
  );
  return result[1] > 0;
}
