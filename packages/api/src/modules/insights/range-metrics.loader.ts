import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loadRangeMetrics, rangeKey, type MetricRange, type RangeMetrics } from './range-metrics.service.js';
import { batchByShop } from '../../platform/graphql/by-shop.js';

export interface RangeMetricsKey {
  shopId: string;
  range: MetricRange;
}

/** Every window and series point of a request, measured in one statement. */
export const createRangeMetricsLoader = (dataSource: DataSource) =>
  new DataLoader<RangeMetricsKey, RangeMetrics, string>(
    (keys) => batchByShop(keys, (shopId, group) => loadRangeMetrics(dataSource, shopId, group.map((k) => k.range))),
    { cacheKeyFn: (key) => `${key.shopId}|${rangeKey(key.range)}` },
  );
