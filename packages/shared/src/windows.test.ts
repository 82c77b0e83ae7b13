import { describe, expect, it } from 'vitest';
import { DateRangeError, InvalidDateError } from './errors';
import {
  defaultWeekRange,
  last7Days,
  previousWindow,
  resolveWeekRange,
  windowContains,
  windowInstants,
  windowLength,
} from './windows';

function rangeErrorOf(resolve: () => unknown): DateRangeError {
  try {
    resolve();
  } catch (error) {
    expect(error).toBeInstanceOf(DateRangeError);
    return error as DateRangeError;
  }
  throw new Error('expected a DateRangeError');
}

describe('last7Days', () => {
  it('is asOf−7 … asOf−1, across New Year', () => {
    expect(last7Days('2025-01-03')).toEqual({ start: '2024-12-27', end: '2025-01-02' });
    expect(last7Days('2025-01-01')).toEqual({ start: '2024-12-25', end: '2024-12-31' });
  });

  it('includes a leap day', () => {
    expect(last7Days('2024-03-01')).toEqual({ start: '2024-02-23', end: '2024-02-29' });
  });

  it('has a previous window of asOf−14 … asOf−8', () => {
    expect(previousWindow(last7Days('2025-01-03'))).toEqual({ start: '2024-12-20', end: '2024-12-26' });
  });
});

describe('defaultWeekRange', () => {
  it('is the 6 full weeks before the week that holds asOf (Monday weeks)', () => {
    // asOf Friday 2025-01-03; its week starts Monday 2024-12-30.
    expect(defaultWeekRange('2025-01-03', 'MONDAY')).toEqual({ start: '2024-11-18', end: '2024-12-29' });
  });

  it('is the 6 full weeks before the week that holds asOf (Sunday weeks)', () => {
    expect(defaultWeekRange('2025-01-03', 'SUNDAY')).toEqual({ start: '2024-11-17', end: '2024-12-28' });
  });

  it('leaves out the current week even on its first day', () => {
    expect(defaultWeekRange('2025-03-10', 'MONDAY')).toEqual({ start: '2025-01-27', end: '2025-03-09' });
    expect(defaultWeekRange('2025-03-10', 'SUNDAY')).toEqual({ start: '2025-01-26', end: '2025-03-08' });
  });

  it('has the 6 weeks before it as its previous window', () => {
    expect(previousWindow(defaultWeekRange('2025-01-03', 'MONDAY'))).toEqual({ start: '2024-10-07', end: '2024-11-17' });
  });
});

describe('resolveWeekRange', () => {
  const asOf = '2025-06-15'; // a Sunday

  it('falls back to the default range without from and to', () => {
    expect(resolveWeekRange(asOf, 'MONDAY')).toEqual({ start: '2025-04-28', end: '2025-06-08' });
    expect(resolveWeekRange(asOf, 'MONDAY', null, null)).toEqual(defaultWeekRange(asOf, 'MONDAY'));
    expect(resolveWeekRange(asOf, 'SUNDAY', undefined, undefined)).toEqual({ start: '2025-05-04', end: '2025-06-14' });
  });

  it('snaps from back to its week start and to forward to its week end', () => {
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-01-01', '2025-01-15')).toEqual({ start: '2024-12-30', end: '2025-01-19' });
    expect(resolveWeekRange(asOf, 'SUNDAY', '2025-01-01', '2025-01-15')).toEqual({ start: '2024-12-29', end: '2025-01-18' });
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-03-10', '2025-03-10')).toEqual({ start: '2025-03-10', end: '2025-03-16' });
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-03-09', '2025-03-09')).toEqual({ start: '2025-03-03', end: '2025-03-09' });
  });

  it('runs from `from` to the default range’s end when only from is given', () => {
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-01-01')).toEqual({ start: '2024-12-30', end: '2025-06-08' });
    expect(resolveWeekRange(asOf, 'SUNDAY', '2025-01-01', null)).toEqual({ start: '2024-12-29', end: '2025-06-14' });
  });

  it('never ends before the end of from’s own week', () => {
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-06-11')).toEqual({ start: '2025-06-09', end: '2025-06-15' });
    expect(resolveWeekRange(asOf, 'MONDAY', '2025-08-20')).toEqual({ start: '2025-08-18', end: '2025-08-24' });
  });

  it('is the 6 weeks ending with to’s week when only to is given', () => {
    expect(resolveWeekRange(asOf, 'MONDAY', null, '2025-01-01')).toEqual({ start: '2024-11-25', end: '2025-01-05' });
    expect(resolveWeekRange(asOf, 'SUNDAY', undefined, '2025-01-01')).toEqual({ start: '2024-11-24', end: '2025-01-04' });
  });

  it('rejects to before from, even within one week', () => {
    const error = rangeErrorOf(() => resolveWeekRange(asOf, 'MONDAY', '2025-02-01', '2025-01-31'));
    expect(error.field).toBe('to');
    expect(error.message).toBe('to (2025-01-31) is before from (2025-02-01)');
    expect(error).toBeInstanceOf(Error);
    expect(rangeErrorOf(() => resolveWeekRange(asOf, 'MONDAY', '2025-01-02', '2025-01-01')).field).toBe('to');
  });

  it('allows exactly 520 weeks and rejects 521', () => {
    // 2015-01-05 is a Monday; 520 weeks = 3640 days later is Monday 2024-12-23.
    expect(resolveWeekRange(asOf, 'MONDAY', '2015-01-05', '2024-12-22')).toEqual({ start: '2015-01-05', end: '2024-12-22' });
    expect(resolveWeekRange(asOf, 'MONDAY', '2015-01-07', '2024-12-20')).toEqual({ start: '2015-01-05', end: '2024-12-22' });
    const tooLong = rangeErrorOf(() => resolveWeekRange(asOf, 'MONDAY', '2015-01-05', '2024-12-23'));
    expect(tooLong.field).toBe('to');
    expect(tooLong.message).toBe('The range 2015-01-05 … 2024-12-29 spans 521 weeks; at most 520 are allowed');
  });

  it('counts the weeks after snapping', () => {
    // Sunday 2015-01-04 snaps back to Monday 2014-12-29, one week more.
    expect(rangeErrorOf(() => resolveWeekRange(asOf, 'MONDAY', '2015-01-04', '2024-12-22')).field).toBe('to');
    // With Sunday weeks, 2015-01-04 starts a week: 2015-01-04 … 2024-12-21 is 520 weeks.
    expect(resolveWeekRange(asOf, 'SUNDAY', '2015-01-04', '2024-12-21')).toEqual({ start: '2015-01-04', end: '2024-12-21' });
  });

  it('blames from when only from makes the range too long', () => {
    const error = rangeErrorOf(() => resolveWeekRange(asOf, 'MONDAY', '2000-01-01'));
    expect(error.field).toBe('from');
  });

  it('rejects a week that would end after 9999-12-31', () => {
    const error = rangeErrorOf(() => resolveWeekRange('9999-12-01', 'MONDAY', '9999-12-20', '9999-12-31'));
    expect(error.field).toBe('to');
    expect(error.message).toBe('to (9999-12-31) is too late: its week ends after 9999-12-31');
  });

  it('rejects malformed days', () => {
    expect(() => resolveWeekRange(asOf, 'MONDAY', '2025-02-30')).toThrow(InvalidDateError);
  });
});

describe('previousWindow', () => {
  it('is the equally long window ending the day before', () => {
    expect(previousWindow({ start: '2024-12-30', end: '2025-01-19' })).toEqual({ start: '2024-12-09', end: '2024-12-29' });
    expect(previousWindow({ start: '2024-03-01', end: '2024-03-01' })).toEqual({ start: '2024-02-29', end: '2024-02-29' });
    expect(previousWindow({ start: '2025-01-01', end: '2025-01-31' })).toEqual({ start: '2024-12-01', end: '2024-12-31' });
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => previousWindow({ start: '2025-01-02', end: '2025-01-01' })).toThrow(RangeError);
  });
});

describe('window helpers', () => {
  it('measures and tests membership', () => {
    expect(windowLength({ start: '2024-12-30', end: '2025-01-05' })).toBe(7);
    expect(windowLength({ start: '2024-02-01', end: '2024-03-01' })).toBe(30);
    const w = { start: '2024-12-30', end: '2025-01-05' };
    expect(windowContains(w, '2024-12-30')).toBe(true);
    expect(windowContains(w, '2025-01-05')).toBe(true);
    expect(windowContains(w, '2024-12-29')).toBe(false);
    expect(windowContains(w, '2025-01-06')).toBe(false);
  });

  it('turns a window into the instants of its local days', () => {
    const dstDay = windowInstants({ start: '2025-03-09', end: '2025-03-09' }, 'America/Chicago');
    expect(dstDay.start.toISOString()).toBe('2025-03-09T06:00:00.000Z');
    expect(dstDay.endExclusive.toISOString()).toBe('2025-03-10T05:00:00.000Z');
    const week = windowInstants({ start: '2024-12-30', end: '2025-01-05' }, 'Asia/Tokyo');
    expect(week.start.toISOString()).toBe('2024-12-29T15:00:00.000Z');
    expect(week.endExclusive.toISOString()).toBe('2025-01-05T15:00:00.000Z');
  });
});
