import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { loadRangeMetrics, rangeKey, type MetricRange, type RangeMetrics } from './range-metrics.service.js';

/** Every window and series point of a request, measured in one statement. */
export const createRangeMetricsLoader = (shop: ShopScope) =>
  new DataLoader<MetricRange, RangeMetrics, string>((ranges) => loadRangeMetrics(shop, ranges), { cacheKeyFn: rangeKey });
