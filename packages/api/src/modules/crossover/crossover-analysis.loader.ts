import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { analyzeCrossover, type CrossoverAnalysis } from './crossover.service.js';

/** Which crossover figures: those at `asOf`, read on `today` (both days in the shop's time zone). */
export interface CrossoverAnalysisKey {
  asOf: string;
  today: string;
}

/** The crossover classification is computed once per request and asOf, whatever parts are asked. */
export const createCrossoverAnalysisLoader = (shop: ShopScope) =>
  new DataLoader<CrossoverAnalysisKey, CrossoverAnalysis, string>(
    (keys) => Promise.all(keys.map((key) => analyzeCrossover(shop, key.asOf, key.today))),
    { cacheKeyFn: (key) => `${key.asOf} ${key.today}` },
  );
