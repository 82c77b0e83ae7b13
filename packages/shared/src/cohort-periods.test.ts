import { describe, expect, it } from 'vitest';
import { cohortPeriodOf, cohortPeriodsUpTo, monthEndOf, monthStartOf } from './cohort-periods';

describe('cohort periods', () => {
  it('a month runs from its first to its last day, leap years included', () => {
    expect([monthStartOf('2024-02-17'), monthEndOf('2024-02-17')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([monthStartOf('2025-02-01'), monthEndOf('2025-02-01')]).toEqual(['2025-02-01', '2025-02-28']);
    expect(monthEndOf('2026-12-31')).toBe('2026-12-31');
  });

  it('a week starts on the shop\'s week start', () => {
    // 2026-12-02 is a Wednesday.
    expect(cohortPeriodOf('2026-12-02', 'WEEK', 'MONDAY')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
    expect(cohortPeriodOf('2026-12-02', 'WEEK', 'SUNDAY')).toEqual({ start: '2026-11-29', end: '2026-12-05' });
    expect(cohortPeriodOf('2026-11-29', 'WEEK', 'SUNDAY')).toEqual({ start: '2026-11-29', end: '2026-12-05' });
  });

  it('lists the last periods up to the one holding the day, oldest first, across a year end', () => {
    expect(cohortPeriodsUpTo('2026-01-15', 3, 'MONTH', 'MONDAY')).toEqual([
      { start: '2025-11-01', end: '2025-11-30' },
      { start: '2025-12-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
    ]);
    expect(cohortPeriodsUpTo('2026-01-01', 2, 'WEEK', 'SUNDAY')).toEqual([
      { start: '2025-12-21', end: '2025-12-27' },
      { start: '2025-12-28', end: '2026-01-03' },
    ]);
    expect(cohortPeriodsUpTo('2026-01-01', 0, 'WEEK', 'SUNDAY')).toEqual([]);
  });
});
