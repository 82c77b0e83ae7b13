import type { DataSource } from 'typeorm';

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
