import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WeekStart, addDays, compareDays, daysBetween } from './calendar-day';
import { type CohortPeriodKind, cohortPeriodOf, cohortPeriodsUpTo, monthEndOf, monthStartOf } from './cohort-periods';

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

  it('a month holds the day and starts the day after the previous month ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const day = addDays('2000-01-01', n);
        const start = monthStartOf(day);
        const end = monthEndOf(day);
        expect(compareDays(start, day)).toBeLessThanOrEqual(0);
        expect(compareDays(day, end)).toBeLessThanOrEqual(0);
        expect(start.slice(0, 7)).toBe(day.slice(0, 7));
        expect(addDays(end, 1).slice(8)).toBe('01');
        expect(monthEndOf(addDays(start, -1))).toBe(addDays(start, -1));
      }),
    );
  });

  it('the last periods tile the days without gaps, the last one holding the day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }),
        fc.constantFrom<CohortPeriodKind>('MONTH', 'WEEK'),
        fc.constantFrom<WeekStart>('MONDAY', 'SUNDAY'),
        fc.integer({ min: 1, max: 60 }),
        (n, kind, weekStartsOn, count) => {
          const day = addDays('2000-01-01', n);
          const periods = cohortPeriodsUpTo(day, count, kind, weekStartsOn);
          expect(periods).toHaveLength(count);
          const last = periods[count - 1]!;
          expect(compareDays(last.start, day)).toBeLessThanOrEqual(0);
          expect(compareDays(day, last.end)).toBeLessThanOrEqual(0);
          for (let i = 1; i < count; i++) expect(periods[i]!.start).toBe(addDays(periods[i - 1]!.end, 1));
          for (const period of periods) {
            const length = daysBetween(period.start, period.end) + 1;
            if (kind === 'WEEK') expect(length).toBe(7);
            else expect([28, 29, 30, 31]).toContain(length);
          }
        },
      ),
    );
  });
});
