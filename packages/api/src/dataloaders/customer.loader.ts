import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { batchByShop } from './by-shop.js';

export interface CustomerRow {
  customer_id: number;
  external_id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

export interface CustomerKey {
  shopId: string;
  customerId: number;
}

export const CUSTOMER_COLUMNS = 'customer_id, external_id, name, line1, line2, city, region, postal_code, country';

export const createCustomerLoader = (dataSource: DataSource) =>
  new DataLoader<CustomerKey, CustomerRow | null, string>(
    (keys) =>
      batchByShop(keys, async (shopId, group) => {
        const rows: CustomerRow[] = await dataSource.query(
          `SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE shop_id = $1 AND customer_id = ANY($2::bigint[])`,
          [shopId, group.map((k) => k.customerId)],
        );
        const byId = new Map(rows.map((row) => [row.customer_id, row]));
        return group.map((k) => byId.get(k.customerId) ?? null);
      }),
    { cacheKeyFn: (key) => `${key.shopId}|${key.customerId}` },
  );
