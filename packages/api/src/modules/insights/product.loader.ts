import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { batchByShop } from '../../platform/graphql/by-shop.js';
import { onReplica } from '../../platform/database/replication.js';

export interface ProductRow {
  product_id: number;
  external_id: string;
  name: string;
  sku: string | null;
}

export interface ProductKey {
  shopId: string;
  productId: number;
}

export const createProductLoader = (dataSource: DataSource) =>
  new DataLoader<ProductKey, ProductRow | null, string>(
    (keys) =>
      batchByShop(keys, async (shopId, group) => {
        const rows: ProductRow[] = await onReplica(
          dataSource,
          `SELECT product_id, external_id, name, sku FROM product WHERE shop_id = $1 AND product_id = ANY($2::bigint[])`,
          [shopId, group.map((k) => k.productId)],
        );
        const byId = new Map(rows.map((row) => [row.product_id, row]));
        return group.map((k) => byId.get(k.productId) ?? null);
      }),
    { cacheKeyFn: (key) => `${key.shopId}|${key.productId}` },
  );
