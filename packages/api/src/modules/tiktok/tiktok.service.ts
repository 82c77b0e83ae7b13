import type { ShopScope } from '../../platform/database/shop-scope.js';
import { notFound } from '../../platform/errors/app-error.js';
import { TIKTOK_CONNECTION_COLUMNS, type TikTokConnectionRecord } from './tiktok-connection.record.js';

export async function findTikTokIntegration(shop: ShopScope): Promise<TikTokConnectionRecord> {
  const [integration]: TikTokConnectionRecord[] = await shop.read(`SELECT ${TIKTOK_CONNECTION_COLUMNS} FROM tiktok_integration WHERE shop_id = $1`);
  if (!integration) throw notFound('Shop not found.');
  return integration;
}

/**
 * Whether the shop's TikTok data may be shown: while TikTok is disconnected, `tiktokInsights` is
 * null and the CSV exports of its lists are NOT_FOUND (requireTikTokConnected).
 */
export async function tiktokConnected(shop: ShopScope): Promise<boolean> {
  return (await findTikTokIntegration(shop)).connected;
}

/** NOT_FOUND while TikTok is disconnected: what a TikTok list's CSV export answers then. */
export async function requireTikTokConnected(shop: ShopScope): Promise<void> {
  if (!(await tiktokConnected(shop))) throw notFound('TikTok is disconnected; its data comes back when it is connected again.');
}

/**
 * Connects or disconnects TikTok. Only the flag and its timestamps change: orders, customers and
 * summaries stay, and imports keep working while disconnected. Repeating a call changes nothing.
 */
export async function setTikTokConnected(shop: ShopScope, connected: boolean): Promise<TikTokConnectionRecord> {
  const stamp = connected ? 'connected_at' : 'disconnected_at';
  return shop.transaction(async (tx) => {
    await tx.query(
      `UPDATE tiktok_integration SET connected = $2, ${stamp} = now()
       WHERE shop_id = $1 AND connected IS DISTINCT FROM $2`,
      [connected],
    );
    const [integration]: TikTokConnectionRecord[] = await tx.query(
      `SELECT ${TIKTOK_CONNECTION_COLUMNS} FROM tiktok_integration WHERE shop_id = $1`,
    );
    if (!integration) throw notFound('Shop not found.');
    return integration;
  });
}
