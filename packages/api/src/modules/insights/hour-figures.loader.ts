import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { loadHourFigures, type HourFigures } from './hour-figures.service.js';
import { rangeKey, type MetricRange } from './range-metrics.service.js';

/** The hour figures of every window (and previous window) of a request, in one statement. */
export const createHourFiguresLoader = (shop: ShopScope) =>
  new DataLoader<MetricRange, HourFigures, string>((ranges) => loadHourFigures(shop, ranges), { cacheKeyFn: rangeKey });
