import type { DataSource } from 'typeorm';
import { createCrossoverAnalysisLoader } from './crossover-analysis.loader.js';
import { createProductLoader } from './product.loader.js';
import { createRangeMetricsLoader } from './range-metrics.loader.js';
import { createTikTokCustomerLoader } from './tiktok-customer.loader.js';
import { createTopProductsLoader } from './top-products.loader.js';

/** Fresh per request, so nothing cached outlives it or crosses to another caller. */
export function createLoaders(dataSource: DataSource) {
  return {
    rangeMetrics: createRangeMetricsLoader(dataSource),
    topProducts: createTopProductsLoader(dataSource),
    product: createProductLoader(dataSource),
    tiktokCustomer: createTikTokCustomerLoader(dataSource),
    crossoverAnalysis: createCrossoverAnalysisLoader(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
