import { describe, expect, it } from 'vitest';
import { CROSSOVER_BUCKET_KINDS } from './metric-types';
import { crossoverBucketOf, crossoverWeek, orderBreakdown, periodPoint, summarize } from './metrics';
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
