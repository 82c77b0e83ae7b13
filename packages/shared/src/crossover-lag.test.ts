import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossoverLagBucketOf, medianOfCounts } from './crossover-lag';

describe('crossover lag', () => {
  it('buckets days at the edges 7/8, 30/31 and 90/91', () => {
    expect([0, 7, 8, 30, 31, 90, 91, 400].map(crossoverLagBucketOf)).toEqual([
      'WITHIN_7_DAYS',
      'WITHIN_7_DAYS',
      'WITHIN_30_DAYS',
      'WITHIN_30_DAYS',
      'WITHIN_90_DAYS',
      'WITHIN_90_DAYS',
      'LATER',
      'LATER',
    ]);
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([[5, 0]])).toBeNull();
    expect(medianOfCounts([[12, 1]])).toBe(12);
    expect(medianOfCounts([[10, 1], [3, 1], [11, 1]])).toBe(10);
    expect(medianOfCounts([[10, 1], [11, 1]])).toBe(10.5);
    expect(medianOfCounts([[2, 3], [40, 3]])).toBe(21);
    expect(medianOfCounts([[2, 3], [40, 2]])).toBe(2);
  });

  it('equals the median of the values written out one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 5 })), { maxLength: 30 }), (counts) => {
        const values = counts.flatMap(([value, n]) => Array.from({ length: n }, () => value)).sort((a, b) => a - b);
        const expected =
          values.length === 0
            ? null
            : values.length % 2 === 1
              ? values[(values.length - 1) / 2]
              : (values[values.length / 2 - 1]! + values[values.length / 2]!) / 2;
        expect(medianOfCounts(counts)).toBe(expected);
      }),
    );
  });
});
