import { describe, expect, it } from 'vitest';
import { CROSSOVER_BUCKET_KINDS, CROSSOVER_LAGS } from './metric-types';
import { crossoverBucketOf, crossoverLagOf, crossoverWeek, medianOf, orderBreakdown, periodPoint, summarize } from './metrics';
import { COUNTED_STATUSES, isCounted } from './order-status';

describe('counted statuses', () => {
  it('counts PAID, SHIPPED and DELIVERED only', () => {
    expect(COUNTED_STATUSES).toEqual(['PAID', 'SHIPPED', 'DELIVERED']);
    for (const status of ['PAID', 'SHIPPED', 'DELIVERED']) expect(isCounted(status)).toBe(true);
    for (const status of ['UNPAID', 'CANCELLED', 'REFUNDED', 'paid', '']) expect(isCounted(status)).toBe(false);
  });
});

describe('summarize', () => {
  it('computes AOV and compares it with the target', () => {
    expect(summarize(3, 11_998, 2, 4000)).toEqual({
      totalOrders: 3,
      netReceiptsCents: 11_998,
      averageOrderValueCents: 3999, // 3999.33
      uniqueCustomers: 2,
      aovBelowTarget: true,
    });
    // 3999.67 rounds to 4000, which is not below a 4000 target.
    expect(summarize(3, 11_999, 2, 4000).averageOrderValueCents).toBe(4000);
    expect(summarize(3, 11_999, 2, 4000).aovBelowTarget).toBe(false);
    expect(summarize(2, 10_000, 2, 4000).aovBelowTarget).toBe(false);
  });

  it('has no AOV and is not below target without orders', () => {
    expect(summarize(0, 0, 0, 4000)).toEqual({
      totalOrders: 0,
      netReceiptsCents: 0,
      averageOrderValueCents: null,
      uniqueCustomers: 0,
      aovBelowTarget: false,
    });
  });
});

describe('crossover buckets', () => {
  it('buckets store-order counts', () => {
    expect(crossoverBucketOf(0)).toBe('NONE');
    expect(crossoverBucketOf(1)).toBe('ONE');
    expect(crossoverBucketOf(2)).toBe('TWO');
    expect(crossoverBucketOf(3)).toBe('THREE_OR_MORE');
    expect(crossoverBucketOf(17)).toBe('THREE_OR_MORE');
    expect(() => crossoverBucketOf(-1)).toThrow(RangeError);
    expect(() => crossoverBucketOf(1.5)).toThrow(RangeError);
  });

  it('gives every bucket with its share of sourced customers', () => {
    expect(orderBreakdown({ NONE: 6, ONE: 2, TWO: 1, THREE_OR_MORE: 1 })).toEqual([
      { bucket: 'NONE', customers: 6, share: 0.6 },
      { bucket: 'ONE', customers: 2, share: 0.2 },
      { bucket: 'TWO', customers: 1, share: 0.1 },
      { bucket: 'THREE_OR_MORE', customers: 1, share: 0.1 },
    ]);
    expect(orderBreakdown({ ONE: 1 }).map((b) => [b.bucket, b.customers, b.share])).toEqual([
      ['NONE', 0, 0],
      ['ONE', 1, 1],
      ['TWO', 0, 0],
      ['THREE_OR_MORE', 0, 0],
    ]);
    expect(orderBreakdown({}).map((b) => b.share)).toEqual([0, 0, 0, 0]);
    expect(CROSSOVER_BUCKET_KINDS).toEqual(['NONE', 'ONE', 'TWO', 'THREE_OR_MORE']);
  });

  it('gives a cumulative week its rate, 0 without sourced customers', () => {
    const week = { start: '2024-12-30', end: '2025-01-05' };
    expect(crossoverWeek(week, 8, 2)).toEqual({ ...week, cumulativeSourcedCustomers: 8, cumulativeCrossoverCustomers: 2, crossoverRate: 0.25 });
    expect(crossoverWeek(week, 0, 0).crossoverRate).toBe(0);
  });
});

describe('periodPoint', () => {
  const day = { start: '2025-03-09', end: '2025-03-09' };

  it('zero-fills a period without orders', () => {
    expect(periodPoint(day)).toEqual({
      start: '2025-03-09',
      end: '2025-03-09',
      orders: 0,
      netReceiptsCents: 0,
      allChannelsNetReceiptsCents: 0,
      nonTikTokNetReceiptsCents: 0,
      tiktokShare: null,
      uniqueCustomers: 0,
      firstTimeCustomers: 0,
      repeatCustomers: 0,
    });
  });

  it('derives the store receipts, TikTok share and repeat customers', () => {
    const point = periodPoint(day, {
      orders: 3,
      netReceiptsCents: 7500,
      allChannelsNetReceiptsCents: 10_000,
      uniqueCustomers: 2,
      firstTimeCustomers: 1,
    });
    expect(point.nonTikTokNetReceiptsCents).toBe(2500);
    expect(point.tiktokShare).toBe(0.75);
    expect(point.repeatCustomers).toBe(1);
  });

  it('has a share of 0 when only the store sold', () => {
    expect(periodPoint(day, { allChannelsNetReceiptsCents: 4000 }).tiktokShare).toBe(0);
  });
});

describe('crossover lags', () => {
  it('lists the buckets in order', () => {
    expect(CROSSOVER_LAGS).toEqual(['WITHIN_7_DAYS', 'WITHIN_30_DAYS', 'WITHIN_90_DAYS', 'LATER']);
  });

  it('buckets 0–7, 8–30, 31–90 and 91+ days', () => {
    const cases: Array<[number, string]> = [
      [0, 'WITHIN_7_DAYS'], [7, 'WITHIN_7_DAYS'],
      [8, 'WITHIN_30_DAYS'], [30, 'WITHIN_30_DAYS'],
      [31, 'WITHIN_90_DAYS'], [90, 'WITHIN_90_DAYS'],
      [91, 'LATER'], [3650, 'LATER'],
    ];
    for (const [days, lag] of cases) expect(crossoverLagOf(days), String(days)).toBe(lag);
  });

  it('refuses negative and fractional days', () => {
    for (const days of [-1, 1.5, Number.NaN]) expect(() => crossoverLagOf(days)).toThrow(RangeError);
  });
});

describe('medianOf', () => {
  it('is null for no values', () => {
    expect(medianOf([])).toBeNull();
  });

  it('takes the middle value of an odd count, in any order', () => {
    expect(medianOf([5])).toBe(5);
    expect(medianOf([40, 0, 3])).toBe(3);
    expect(medianOf([9, 1, 1, 100, 2])).toBe(2);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(medianOf([3, 0])).toBe(1.5);
    expect(medianOf([10, 1, 4, 7])).toBe(5.5);
    expect(medianOf([2, 2, 9, 2])).toBe(2);
  });

  it('sorts numerically, not as text, and leaves its input alone', () => {
    const values = [100, 9, 20];
    expect(medianOf(values)).toBe(20);
    expect(values).toEqual([100, 9, 20]);
  });

  it('refuses values that are not whole numbers', () => {
    expect(() => medianOf([1, 2.5])).toThrow(RangeError);
  });
});
