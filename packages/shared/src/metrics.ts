import { averageOrderValueCents, ratio0, share } from './money';
import {
  CROSSOVER_BUCKET_KINDS,
  type CrossoverBucketData,
  type CrossoverBucketKind,
  type CrossoverWeekData,
  type MetricSummaryData,
  type PeriodPointData,
} from './metric-types';
import type { DayWindow } from './windows';

export function summarize(
  orders: number,
  netReceiptsCents: number,
  uniqueCustomers: number,
  aovTargetCents: number,
): MetricSummaryData {
  const aov = averageOrderValueCents(netReceiptsCents, orders);
  return {
    totalOrders: orders,
    netReceiptsCents,
    averageOrderValueCents: aov,
    uniqueCustomers,
    aovBelowTarget: aov !== null && aov < aovTargetCents,
  };
}

/** The order-breakdown bucket of a sourced customer with this many store orders after their first TikTok order. */
export function crossoverBucketOf(storeOrders: number): CrossoverBucketKind {
  if (!Number.isSafeInteger(storeOrders) || storeOrders < 0) {
    throw new RangeError(`storeOrders must be a non-negative integer, got ${storeOrders}`);
  }
  if (storeOrders === 0) return 'NONE';
  if (storeOrders === 1) return 'ONE';
  if (storeOrders === 2) return 'TWO';
  return 'THREE_OR_MORE';
}

/** All four buckets in NONE … THREE_OR_MORE order, each with its share of the sourced customers. */
export function orderBreakdown(customersByBucket: Readonly<Partial<Record<CrossoverBucketKind, number>>>): CrossoverBucketData[] {
  const sourced = CROSSOVER_BUCKET_KINDS.reduce((sum, kind) => sum + (customersByBucket[kind] ?? 0), 0);
  return CROSSOVER_BUCKET_KINDS.map((bucket) => {
    const customers = customersByBucket[bucket] ?? 0;
    return { bucket, customers, share: ratio0(customers, sourced) };
  });
}

export interface PeriodCounts {
  orders: number;
  netReceiptsCents: number;
  allChannelsNetReceiptsCents: number;
  uniqueCustomers: number;
  firstTimeCustomers: number;
}

/** A series point from its counts; missing counts are 0, so `periodPoint(bucket)` is a zero-filled point. */
export function periodPoint(bucket: DayWindow, counts: Partial<PeriodCounts> = {}): PeriodPointData {
  const orders = counts.orders ?? 0;
  const netReceiptsCents = counts.netReceiptsCents ?? 0;
  const allChannelsNetReceiptsCents = counts.allChannelsNetReceiptsCents ?? 0;
  const uniqueCustomers = counts.uniqueCustomers ?? 0;
  const firstTimeCustomers = counts.firstTimeCustomers ?? 0;
  return {
    start: bucket.start,
    end: bucket.end,
    orders,
    netReceiptsCents,
    allChannelsNetReceiptsCents,
    nonTikTokNetReceiptsCents: allChannelsNetReceiptsCents - netReceiptsCents,
    tiktokShare: share(netReceiptsCents, allChannelsNetReceiptsCents),
    uniqueCustomers,
    firstTimeCustomers,
    repeatCustomers: uniqueCustomers - firstTimeCustomers,
  };
}

export function crossoverWeek(
  week: DayWindow,
  cumulativeSourcedCustomers: number,
  cumulativeCrossoverCustomers: number,
): CrossoverWeekData {
  return {
    start: week.start,
    end: week.end,
    cumulativeSourcedCustomers,
    cumulativeCrossoverCustomers,
    crossoverRate: ratio0(cumulativeCrossoverCustomers, cumulativeSourcedCustomers),
  };
}
