import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDays,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isWeekStart,
  isoWeekday,
  weekEndOf,
  weekStartOf,
} from './calendar-day';
import { InvalidDateError } from './errors';

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
  });

  it('is plain calendar arithmetic on daylight-saving days', () => {
    expect(addDays('2025-03-09', 1)).toBe('2025-03-10');
    expect(addDays('2025-11-02', 1)).toBe('2025-11-03');
    expect(addDays('2025-03-10', -1)).toBe('2025-03-09');
  });

  it('handles years before 1970 and before 100 without Date quirks', () => {
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
    expect(addDays('0001-01-01', -1)).toBe('0000-12-31');
    expect(addDays('0000-02-28', 1)).toBe('0000-02-29');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('returns the same day for 0', () => {
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
  });

  it('rejects malformed days, fractional counts and results past 9999', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addDays('2025-1-1', 1)).toThrow(InvalidDateError);
    expect(() => addDays('', 1)).toThrow(InvalidDateError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('agrees with Date arithmetic in UTC', () => {
    const dayMs = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1) / dayMs, max: Date.UTC(2200, 0, 1) / dayMs }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (epochDay, n) => {
          const day = new Date(epochDay * dayMs).toISOString().slice(0, 10);
          const expected = new Date((epochDay + n) * dayMs).toISOString().slice(0, 10);
          expect(addDays(day, n)).toBe(expected);
          expect(daysBetween(day, expected)).toBe(n);
        },
      ),
    );
  });
});

describe('daysBetween and compareDays', () => {
  it('counts b − a', () => {
    expect(daysBetween('2024-12-25', '2025-01-01')).toBe(7);
    expect(daysBetween('2025-01-01', '2024-12-25')).toBe(-7);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1970-01-01', '2000-01-01')).toBe(10_957);
    expect(daysBetween('2025-03-09', '2025-03-09')).toBe(0);
  });

  it('orders days', () => {
    expect(compareDays('2024-12-31', '2025-01-01')).toBe(-1);
    expect(compareDays('2025-01-01', '2024-12-31')).toBe(1);
    expect(compareDays('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-01-01', '2024-02-29', '2024-12-31'].sort(compareDays)).toEqual([
      '2024-02-29',
      '2024-12-31',
      '2025-01-01',
    ]);
  });
});

describe('dayOfWeek', () => {
  it('numbers Sunday 0 to Saturday 6', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2000-01-01')).toBe(6); // Saturday
    expect(dayOfWeek('2024-02-29')).toBe(4); // Thursday
    expect(dayOfWeek('2024-12-29')).toBe(0); // Sunday
    expect(dayOfWeek('2024-12-30')).toBe(1); // Monday
    expect(dayOfWeek('2025-01-01')).toBe(3); // Wednesday
    expect(dayOfWeek('2025-03-09')).toBe(0); // Sunday
    expect(dayOfWeek('1969-12-31')).toBe(3); // Wednesday
  });
});

describe('week starts and ends', () => {
  it('spans the new year with Monday weeks', () => {
    expect(weekStartOf('2025-01-01', 'MONDAY')).toBe('2024-12-30');
    expect(weekEndOf('2025-01-01', 'MONDAY')).toBe('2025-01-05');
    expect(weekStartOf('2024-12-30', 'MONDAY')).toBe('2024-12-30');
    expect(weekEndOf('2025-01-05', 'MONDAY')).toBe('2025-01-05');
  });

  it('spans the new year with Sunday weeks', () => {
    expect(weekStartOf('2025-01-01', 'SUNDAY')).toBe('2024-12-29');
    expect(weekEndOf('2025-01-01', 'SUNDAY')).toBe('2025-01-04');
    expect(weekEndOf('2024-12-28', 'SUNDAY')).toBe('2024-12-28');
  });

  it('puts a Sunday at the end of a Monday week and the start of a Sunday week', () => {
    expect(weekStartOf('2025-03-09', 'MONDAY')).toBe('2025-03-03');
    expect(weekEndOf('2025-03-09', 'MONDAY')).toBe('2025-03-09');
    expect(weekStartOf('2025-03-09', 'SUNDAY')).toBe('2025-03-09');
    expect(weekEndOf('2025-03-09', 'SUNDAY')).toBe('2025-03-15');
    expect(weekStartOf('2025-03-10', 'SUNDAY')).toBe('2025-03-09');
  });

  it('spans a leap day', () => {
    expect(weekStartOf('2024-02-29', 'MONDAY')).toBe('2024-02-26');
    expect(weekEndOf('2024-02-29', 'MONDAY')).toBe('2024-03-03');
  });

  it('tells week starts', () => {
    expect(isWeekStart('2024-12-30', 'MONDAY')).toBe(true);
    expect(isWeekStart('2024-12-30', 'SUNDAY')).toBe(false);
    expect(isWeekStart('2024-12-29', 'SUNDAY')).toBe(true);
  });

  it('rejects an unknown week start', () => {
    expect(() => weekStartOf('2025-01-01', 'TUESDAY' as 'MONDAY')).toThrow(RangeError);
  });
});

describe('leap years', () => {
  it('follows the Gregorian rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2025)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 … Sunday 7', () => {
    // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
    expect(['02', '03', '04', '05', '06', '07', '08'].map((d) => isoWeekday(`2026-03-${d}`))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(isoWeekday('1970-01-01')).toBe(4); // a Thursday
    expect(isoWeekday('2026-11-01')).toBe(7);
  });

  it('agrees with dayOfWeek for every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const day = addDays('2000-01-01', n);
        expect(isoWeekday(day) % 7).toBe(dayOfWeek(day));
      }),
    );
  });
});
