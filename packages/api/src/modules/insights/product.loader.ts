import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';

export interface ProductRow {
  product_id: number;
  external_id: string;
  name: string;
  sku: string | null;
}

/** Products of the shop by id, one statement per request. */
export const createProductLoader = (shop: ShopScope) =>
  new DataLoader<number, ProductRow | null>(async (productIds) => {
    const rows: ProductRow[] = await shop.read(
      `SELECT product_id, external_id, name, sku FROM product WHERE shop_id = $1 AND product_id = ANY($2::bigint[])`,
      [productIds],
    );
    const byId = new Map(rows.map((row) => [row.product_id, row]));
    return productIds.map((id) => byId.get(id) ?? null);
  });
