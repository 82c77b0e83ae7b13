import { crossoverProjection } from '../crossover/crossover.projection.js';
import { customerTotalsProjection } from '../customers/customer-totals.projection.js';
import { dailySummariesProjection } from '../insights/daily-summaries.projection.js';
import { tiktokBuyersProjection } from '../insights/tiktok-buyers.projection.js';
import type { Projection } from '../orders/projection.js';

/**
 * Every summary the import keeps, in the order the import and a shop's rebuild run them. A new
 * kept summary is a projection in the module that owns its tables and one line here. The crossover
 * reads the customers' first counted orders, so it comes after the customers' totals.
 */
export const PROJECTIONS: ReadonlyArray<Projection<any>> = [
  dailySummariesProjection,
  tiktokBuyersProjection,
  customerTotalsProjection,
  crossoverProjection,
];
