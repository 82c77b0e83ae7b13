import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loadTopProducts, type TopProductRow, type TopProductsRequest } from './top-products.service.js';
import { batchByShop } from '../../platform/graphql/by-shop.js';

export interface TopProductsKey extends TopProductsRequest {
  shopId: string;
}

export const createTopProductsLoader = (dataSource: DataSource) =>
  new DataLoader<TopProductsKey, TopProductRow[], string>(
    (keys) => batchByShop(keys, (shopId, group) => loadTopProducts(dataSource, shopId, group)),
    { cacheKeyFn: (key) => `${key.shopId}|${key.start}|${key.end}|${key.first}|${key.orderBy}` },
  );
