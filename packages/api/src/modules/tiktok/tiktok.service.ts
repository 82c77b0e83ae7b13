import type { DataSource } from 'typeorm';
import { onPrimaryTransaction, onReplica } from '../../platform/database/replication.js';
import { notFound } from '../../platform/errors/app-error.js';
import { TIKTOK_CONNECTION_COLUMNS, type TikTokConnectionRecord } from './tiktok-connection.record.js';

export async function findTikTokIntegration(dataSource: DataSource, shopId: string): Promise<TikTokConnectionRecord> {
  const [integration]: TikTokConnectionRecord[] = await onReplica(
    dataSource,
    `SELECT ${TIKTOK_CONNECTION_COLUMNS} FROM tiktok_integration WHERE shop_id = $1`,
    [shopId],
  );
  if (!integration) throw notFound('Shop not found.');
  return integration;
}

/**
 * Connects or disconnects TikTok. Only the flag and its timestamps change: orders, customers and
 * summaries stay, and imports keep working while disconnected. Repeating a call changes nothing.
 */
export async function setTikTokConnected(
  dataSource: DataSource,
  shopId: string,
  connected: boolean,
): Promise<TikTokConnectionRecord> {
  const stamp = connected ? 'connected_at' : 'disconnected_at';
  return onPrimaryTransaction(dataSource, async (tx) => {
    await tx.query(
      `UPDATE tiktok_integration SET connected = $2, ${stamp} = now()
       WHERE shop_id = $1 AND connected IS DISTINCT FROM $2`,
      [shopId, connected],
    );
    const [integration]: TikTokConnectionRecord[] = await tx.query(
      `SELECT ${TIKTOK_CONNECTION_COLUMNS} FROM tiktok_integration WHERE shop_id = $1`,
      [shopId],
    );
    if (!integration) throw notFound('Shop not found.');
    return integration;
  });
}
