import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WeekStart, addDays, daysBetween, dayOfWeek } from './calendar-day';
import { bucketIndexOf, dayBuckets, sumByBucket, weekBuckets } from './buckets';
import { MAX_RANGE_WEEKS, defaultWeekRange, last7Days, resolveWeekRange } from './windows';

describe('dayBuckets', () => {
  it('has one bucket per day, oldest first, across New Year', () => {
    expect(dayBuckets(last7Days('2025-01-03')).map((b) => b.start)).toEqual([
      '2024-12-27',
      '2024-12-28',
      '2024-12-29',
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
    expect(dayBuckets({ start: '2024-02-28', end: '2024-03-01' })).toEqual([
      { start: '2024-02-28', end: '2024-02-28' },
      { start: '2024-02-29', end: '2024-02-29' },
      { start: '2024-03-01', end: '2024-03-01' },
    ]);
  });

  it('has a single bucket for a one-day window', () => {
    expect(dayBuckets({ start: '2025-03-09', end: '2025-03-09' })).toEqual([{ start: '2025-03-09', end: '2025-03-09' }]);
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => dayBuckets({ start: '2025-01-02', end: '2025-01-01' })).toThrow(RangeError);
  });
});

describe('weekBuckets', () => {
  it('splits Monday weeks across New Year', () => {
    expect(weekBuckets({ start: '2024-12-30', end: '2025-01-19' }, 'MONDAY')).toEqual([
      { start: '2024-12-30', end: '2025-01-05' },
      { start: '2025-01-06', end: '2025-01-12' },
      { start: '2025-01-13', end: '2025-01-19' },
    ]);
  });

  it('splits Sunday weeks across New Year', () => {
    expect(weekBuckets({ start: '2024-12-29', end: '2025-01-11' }, 'SUNDAY')).toEqual([
      { start: '2024-12-29', end: '2025-01-04' },
      { start: '2025-01-05', end: '2025-01-11' },
    ]);
  });

  it('gives 6 weeks for the default range and 520 for the longest', () => {
    expect(weekBuckets(defaultWeekRange('2025-01-03', 'MONDAY'), 'MONDAY')).toHaveLength(6);
    const longest = weekBuckets({ start: '2015-01-05', end: '2024-12-22' }, 'MONDAY');
    expect(longest).toHaveLength(520);
    expect(longest[519]).toEqual({ start: '2024-12-16', end: '2024-12-22' });
  });

  it('refuses a window that is not whole weeks on the week start', () => {
    expect(() => weekBuckets({ start: '2024-12-31', end: '2025-01-06' }, 'MONDAY')).toThrow(RangeError);
    expect(() => weekBuckets({ start: '2024-12-30', end: '2025-01-04' }, 'MONDAY')).toThrow(RangeError);
    expect(() => weekBuckets({ start: '2024-12-29', end: '2025-01-04' }, 'MONDAY')).toThrow(
      'The window 2024-12-29 … 2025-01-04 is not whole weeks starting on MONDAY',
    );
    expect(() => weekBuckets({ start: '2024-12-30', end: '2024-12-29' }, 'MONDAY')).toThrow(RangeError);
  });

  it('covers any resolved range exactly with consecutive 7-day weeks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 7 * MAX_RANGE_WEEKS - 7 }),
        fc.constantFrom<WeekStart>('MONDAY', 'SUNDAY'),
        (offset, span, weekStartsOn) => {
          const from = addDays('1975-01-01', offset);
          const w = resolveWeekRange('2025-06-15', weekStartsOn, from, addDays(from, span));
          const weeks = weekBuckets(w, weekStartsOn);
          expect(weeks[0]?.start).toBe(w.start);
          expect(weeks.at(-1)?.end).toBe(w.end);
          expect(weeks.length * 7).toBe(daysBetween(w.start, w.end) + 1);
          weeks.forEach((week, i) => {
            expect(daysBetween(week.start, week.end)).toBe(6);
            expect(dayOfWeek(week.start)).toBe(weekStartsOn === 'MONDAY' ? 1 : 0);
            if (i > 0) expect(week.start).toBe(addDays(weeks[i - 1]!.end, 1));
          });
        },
      ),
    );
  });
});

describe('zero-filled sums', () => {
  it('puts each day in its week and leaves empty weeks at 0', () => {
    const weeks = weekBuckets({ start: '2024-12-30', end: '2025-01-19' }, 'MONDAY');
    const orders: [string, number][] = [
      ['2024-12-31', 2],
      ['2025-01-05', 1],
      ['2025-01-13', 5],
      ['2025-02-01', 9], // after the range
      ['2024-12-29', 4], // before the range
    ];
    expect(sumByBucket(weeks, orders)).toEqual([3, 0, 5]);
  });

  it('puts each day in its own bucket and leaves empty days at 0', () => {
    const days = dayBuckets(last7Days('2025-01-03'));
    expect(sumByBucket(days, [['2024-12-27', 1], ['2025-01-01', 2], ['2025-01-01', 3]])).toEqual([1, 0, 0, 0, 0, 5, 0]);
    expect(sumByBucket(days, [])).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('finds bucket indexes', () => {
    const weeks = weekBuckets({ start: '2024-12-30', end: '2025-01-19' }, 'MONDAY');
    expect(bucketIndexOf(weeks, '2024-12-30')).toBe(0);
    expect(bucketIndexOf(weeks, '2025-01-05')).toBe(0);
    expect(bucketIndexOf(weeks, '2025-01-06')).toBe(1);
    expect(bucketIndexOf(weeks, '2025-01-19')).toBe(2);
    expect(bucketIndexOf(weeks, '2025-01-20')).toBe(-1);
    expect(bucketIndexOf(weeks, '2024-12-29')).toBe(-1);
    expect(bucketIndexOf([], '2025-01-01')).toBe(-1);
  });
});
