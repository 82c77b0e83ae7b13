import type { DataSource } from 'typeorm';
import { runOutsideRequestScope } from '../../platform/database/query-observer.js';
import { loggableError, logger } from '../../platform/logging/logger.js';

const FIRST_THRESHOLD = 1_000;
const GROWTH = 4;

/**
 * Whether a shop's order count crossed 1,000 × 4^k with this import. PostgreSQL plans a shop's
 * queries from statistics in which a new or fast-growing shop is missing or tiny; refreshing them
 * at these points costs a few ANALYZEs over a shop's life and keeps its plans keyed.
 */
export function crossedStatisticsThreshold(before: number, after: number): boolean {
  for (let threshold = FIRST_THRESHOLD; threshold <= after; threshold *= GROWTH) {
    if (before < threshold) return true;
  }
  return false;
}

let running: Promise<void> | null = null;

/** Refreshes the statistics of the order tables in the background (one at a time). */
export function refreshPlannerStatistics(dataSource: DataSource): void {
  if (running) return;
  const started = performance.now();
  running = runOutsideRequestScope(() => dataSource.query('ANALYZE customer, sales_order, order_line, product'))
    .then(() => logger.info({ ms: Math.round(performance.now() - started) }, 'planner statistics refreshed'))
    .catch((error: unknown) => logger.warn({ err: loggableError(error) }, 'planner statistics not refreshed'))
    .finally(() => {
      running = null;
    });
}

/** For tests and shutdown: the refresh in progress, if any. */
export function plannerStatisticsRefresh(): Promise<void> | null {
  return running;
}
