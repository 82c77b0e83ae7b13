import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type WeekStart, addDays, compareDays, daysBetween } from './calendar-day';
import { type CohortPeriod, calendarPeriodOf, calendarPeriodsBetween, lastCalendarPeriods } from './calendar-periods';

describe('calendarPeriodOf', () => {
  it('gives the calendar month of a day', () => {
    expect(calendarPeriodOf('2026-03-08', 'MONTH', 'MONDAY')).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(calendarPeriodOf('2024-02-29', 'MONTH', 'SUNDAY')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('gives the week of a day by weekStartsOn', () => {
    // Sunday 2026-03-08: the last day of the Monday week, the first of the Sunday week.
    expect(calendarPeriodOf('2026-03-08', 'WEEK', 'MONDAY')).toEqual({ start: '2026-03-02', end: '2026-03-08' });
    expect(calendarPeriodOf('2026-03-08', 'WEEK', 'SUNDAY')).toEqual({ start: '2026-03-08', end: '2026-03-14' });
    expect(calendarPeriodOf('2026-03-07', 'WEEK', 'SUNDAY')).toEqual({ start: '2026-03-01', end: '2026-03-07' });
  });

  it('refuses an unknown period', () => {
    expect(() => calendarPeriodOf('2026-03-08', 'YEAR' as CohortPeriod, 'MONDAY')).toThrow(RangeError);
  });
});

describe('lastCalendarPeriods', () => {
  it('lists the last months up to the one holding the day, oldest first, across New Year', () => {
    expect(lastCalendarPeriods('2026-02-10', 'MONTH', 4, 'MONDAY')).toEqual([
      { start: '2025-11-01', end: '2025-11-30' },
      { start: '2025-12-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
    ]);
  });

  it('lists the last weeks by weekStartsOn', () => {
    // Wednesday 2026-03-11.
    expect(lastCalendarPeriods('2026-03-11', 'WEEK', 3, 'MONDAY')).toEqual([
      { start: '2026-02-23', end: '2026-03-01' },
      { start: '2026-03-02', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
    ]);
    expect(lastCalendarPeriods('2026-03-11', 'WEEK', 3, 'SUNDAY')).toEqual([
      { start: '2026-02-22', end: '2026-02-28' },
      { start: '2026-03-01', end: '2026-03-07' },
      { start: '2026-03-08', end: '2026-03-14' },
    ]);
  });

  it('gives one period for 1 and none for 0; refuses a negative or fractional count', () => {
    expect(lastCalendarPeriods('2026-03-31', 'MONTH', 1, 'MONDAY')).toEqual([{ start: '2026-03-01', end: '2026-03-31' }]);
    expect(lastCalendarPeriods('2026-03-31', 'MONTH', 0, 'MONDAY')).toEqual([]);
    expect(() => lastCalendarPeriods('2026-03-31', 'MONTH', -1, 'MONDAY')).toThrow(RangeError);
    expect(() => lastCalendarPeriods('2026-03-31', 'WEEK', 1.5, 'MONDAY')).toThrow(RangeError);
  });

  it('tiles the days without gaps, the last period holding the day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }),
        fc.constantFrom<CohortPeriod>('MONTH', 'WEEK'),
        fc.constantFrom<WeekStart>('MONDAY', 'SUNDAY'),
        fc.integer({ min: 1, max: 60 }),
        (n, by, weekStartsOn, count) => {
          const day = addDays('2000-01-01', n);
          const periods = lastCalendarPeriods(day, by, count, weekStartsOn);
          expect(periods).toHaveLength(count);
          const last = periods[count - 1]!;
          expect(compareDays(last.start, day)).toBeLessThanOrEqual(0);
          expect(compareDays(day, last.end)).toBeLessThanOrEqual(0);
          for (let i = 1; i < count; i++) expect(periods[i]!.start).toBe(addDays(periods[i - 1]!.end, 1));
          for (const period of periods) {
            const length = daysBetween(period.start, period.end) + 1;
            if (by === 'WEEK') expect(length).toBe(7);
            else expect([28, 29, 30, 31]).toContain(length);
          }
        },
      ),
    );
  });
});

describe('calendarPeriodsBetween', () => {
  it('runs from the period holding from to the one holding to', () => {
    expect(calendarPeriodsBetween('2025-12-31', '2026-02-01', 'MONTH', 'MONDAY')).toEqual([
      { start: '2025-12-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-02-28' },
    ]);
    expect(calendarPeriodsBetween('2026-03-08', '2026-03-09', 'WEEK', 'MONDAY')).toEqual([
      { start: '2026-03-02', end: '2026-03-08' },
      { start: '2026-03-09', end: '2026-03-15' },
    ]);
    expect(calendarPeriodsBetween('2026-03-08', '2026-03-09', 'WEEK', 'SUNDAY')).toEqual([
      { start: '2026-03-08', end: '2026-03-14' },
    ]);
  });

  it('is empty when to is before from', () => {
    expect(calendarPeriodsBetween('2026-03-08', '2026-03-07', 'MONTH', 'MONDAY')).toEqual([]);
  });

  it('ends where lastCalendarPeriods ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 50_000 }),
        fc.constantFrom<CohortPeriod>('MONTH', 'WEEK'),
        fc.constantFrom<WeekStart>('MONDAY', 'SUNDAY'),
        fc.integer({ min: 1, max: 40 }),
        (n, by, weekStartsOn, count) => {
          const to = addDays('2000-01-01', n);
          const periods = lastCalendarPeriods(to, by, count, weekStartsOn);
          expect(calendarPeriodsBetween(periods[0]!.start, to, by, weekStartsOn)).toEqual(periods);
        },
      ),
    );
  });
});
