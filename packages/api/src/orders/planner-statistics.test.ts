import { expect, it } from 'vitest';
import { crossedStatisticsThreshold } from './planner-statistics.js';

it('asks for fresh statistics when a shop passes 1,000 × 4^k orders, and not in between', () => {
  expect(crossedStatisticsThreshold(0, 999)).toBe(false);
  expect(crossedStatisticsThreshold(0, 1_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_000, 3_999)).toBe(false);
  expect(crossedStatisticsThreshold(3_999, 4_000)).toBe(true);
  expect(crossedStatisticsThreshold(5_000, 10_000)).toBe(false);
  expect(crossedStatisticsThreshold(10_000, 20_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_020_000, 1_025_000)).toBe(true);
  expect(crossedStatisticsThreshold(1_100_000, 1_105_000)).toBe(false);
  expect(crossedStatisticsThreshold(7, 7)).toBe(false);
});
