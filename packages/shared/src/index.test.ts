import { describe, expect, it } from 'vitest';
import * as shared from './index';

describe('package entry', () => {
  it('exports the functions the API and the dashboard import', () => {
    const functions = [
      'dayInZone', 'todayInZone', 'addDays', 'daysBetween', 'compareDays', 'dayOfWeek', 'weekStartOf', 'weekEndOf',
      'last7Days', 'defaultWeekRange', 'resolveWeekRange', 'previousWindow', 'dayBuckets', 'weekBuckets',
      'isValidTimeZone', 'isValidCurrency', 'zonedInstant', 'formatWithOffset', 'parseIsoDay', 'parseIsoDateTime',
      'formatMoney', 'averageOrderValueCents', 'share', 'ratio0', 'isCounted', 'crossoverBucketOf', 'summarize',
      'DateRangeError', 'InvalidDateError', 'isoWeekday', 'wallClockHourOfWeek', 'monthStartOf', 'monthEndOf',
      'cohortPeriodOf', 'cohortPeriodsUpTo', 'crossoverLagBucketOf', 'medianOfCounts',
      'csvStart', 'csvRecord', 'csvDocument', 'csvMoney', 'csvDateTime', 'csvText',
    ] as const;
    for (const name of functions) expect(typeof shared[name], name).toBe('function');
    expect(shared.COUNTED_STATUSES).toEqual(['PAID', 'SHIPPED', 'DELIVERED']);
    expect(shared.CROSSOVER_LAG_BUCKETS).toEqual(['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER']);
    for (const table of [shared.MARKETING_CUSTOMERS_CSV, shared.CROSSOVER_CUSTOMERS_CSV, shared.TOP_PRODUCTS_CSV]) expect(table.length).toBeGreaterThan(0);
  });

  it('has error classes that are Errors with their own names', () => {
    const rangeError = new shared.DateRangeError('from', 'from is too early');
    expect(rangeError).toBeInstanceOf(Error);
    expect(rangeError.name).toBe('DateRangeError');
    expect(rangeError.field).toBe('from');
    expect(rangeError.message).toBe('from is too early');
    const dateError = new shared.InvalidDateError('date', '2025-02-30', 'day 30 does not exist');
    expect(dateError).toBeInstanceOf(Error);
    expect(dateError.name).toBe('InvalidDateError');
    expect(String(dateError)).toBe('InvalidDateError: Invalid date "2025-02-30": day 30 does not exist');
  });
});
