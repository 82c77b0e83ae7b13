import type { DataSource } from 'typeorm';
import { onPrimaryTransaction } from '../../platform/database/replication.js';
import { createShopToken } from '../shops/shop.service.js';

export const SIGN_IN_LINK_LABEL = 'dashboard sign-in link';

/**
 * A fresh sign-in token for the demo shop's dashboard link. Links printed by earlier starts
 * stop working, so tokens do not pile up.
 */
export async function demoSignInToken(dataSource: DataSource, shopId: string): Promise<string> {
  return onPrimaryTransaction(dataSource, async (tx) => {
    await tx.query(
      `UPDATE api_token SET revoked_at = now() WHERE shop_id = $1 AND label = $2 AND revoked_at IS NULL`,
      [shopId, SIGN_IN_LINK_LABEL],
    );
    return (await createShopToken(tx, shopId, SIGN_IN_LINK_LABEL)).token;
  });
}

export async function findDemoShopId(dataSource: DataSource): Promise<string | null> {
  const rows: Array<{ shop_id: string }> = await dataSource.query(
    `SELECT shop_id FROM shop WHERE is_demo ORDER BY created_at LIMIT 1`,
  );
  return rows[0]?.shop_id ?? null;
}

export async function databaseHasShop(dataSource: DataSource): Promise<boolean> {
  const rows = await dataSource.query(`SELECT 1 FROM shop LIMIT 1`);
  return rows.length > 0;
}
