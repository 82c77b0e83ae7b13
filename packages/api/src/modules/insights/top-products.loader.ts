import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { loadTopProducts, type TopProductRow, type TopProductsRequest } from './top-products.service.js';

export const createTopProductsLoader = (shop: ShopScope) =>
  new DataLoader<TopProductsRequest, TopProductRow[], string>((requests) => loadTopProducts(shop, requests), {
    cacheKeyFn: (key) => `${key.start}|${key.end}|${key.previousStart}|${key.previousEnd}|${key.first}|${key.orderBy}`,
  });
