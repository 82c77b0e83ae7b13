import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { analyzeCrossover, type CrossoverAnalysis } from './crossover.service.js';

/** The crossover classification is computed once per request and asOf, whatever parts are asked. */
export const createCrossoverAnalysisLoader = (shop: ShopScope) =>
  new DataLoader<string, CrossoverAnalysis>((asOfs) => Promise.all(asOfs.map((asOf) => analyzeCrossover(shop, asOf))));
