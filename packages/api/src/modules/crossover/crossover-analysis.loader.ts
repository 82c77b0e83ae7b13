import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { analyzeCrossover, type CrossoverAnalysis } from './crossover.service.js';

export interface CrossoverAnalysisKey {
  shopId: string;
  asOf: string;
}

/** The crossover classification is computed once per request and asOf, whatever parts are asked. */
export const createCrossoverAnalysisLoader = (dataSource: DataSource) =>
  new DataLoader<CrossoverAnalysisKey, CrossoverAnalysis, string>(
    (keys) => Promise.all(keys.map((key) => analyzeCrossover(dataSource, key.shopId, key.asOf))),
    { cacheKeyFn: (key) => `${key.shopId}|${key.asOf}` },
  );
