import type { DataSource } from 'typeorm';
import { ShopScope } from '../platform/database/shop-scope.js';
import { importOrders, type ImportOrdersCounts } from '../modules/ingest/import-pipeline.js';

/** The import for one shop by id, as tests and the benchmark seed shops. */
export function importOrdersOfShop(dataSource: DataSource, shopId: string, orders: readonly unknown[]): Promise<ImportOrdersCounts> {
  return importOrders(new ShopScope(dataSource, shopId), orders);
}
