import type { DataSource } from 'typeorm';
import { onPrimaryTransaction } from '../database/replication.js';
import { notFound } from '../graphql/errors.js';
import { TikTokIntegrationEntity } from './tiktok-integration.entity.js';

export async function findTikTokIntegration(dataSource: DataSource, shopId: string): Promise<TikTokIntegrationEntity> {
  const integration = await dataSource.getRepository(TikTokIntegrationEntity).findOneBy({ shopId });
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
): Promise<TikTokIntegrationEntity> {
  const stamp = connected ? 'connected_at' : 'disconnected_at';
  return onPrimaryTransaction(dataSource, async (tx) => {
    await tx.query(
      `UPDATE tiktok_integration SET connected = $2, ${stamp} = now()
       WHERE shop_id = $1 AND connected IS DISTINCT FROM $2`,
      [shopId, connected],
    );
    const integration = await tx.getRepository(TikTokIntegrationEntity).findOneBy({ shopId });
    if (!integration) throw notFound('Shop not found.');
    return integration;
  });
}
