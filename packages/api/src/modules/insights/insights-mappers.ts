import { periodPoint, summarize, type DayWindow } from '@tiktok-insights/shared';
import { money } from '../../platform/graphql/money.type.js';
import type { Shop } from '../shops/shop.types.js';
import type { MetricRange, RangeMetrics } from './range-metrics.service.js';
import type { MetricSummary, PeriodPoint } from './insights.types.js';

/** A window's range for the metrics loader: days after asOf never count. */
export function rangeUpTo(window: DayWindow, asOf: string): MetricRange {
  return { start: window.start, end: window.end < asOf ? window.end : asOf };
}

export function toMetricSummary(metrics: RangeMetrics, shop: Shop): MetricSummary {
  const data = summarize(metrics.tiktokOrders, metrics.tiktokNetReceiptsCents, metrics.uniqueCustomers, shop.aovTargetCents);
  return {
    totalOrders: data.totalOrders,
    netReceipts: money(data.netReceiptsCents, shop.currency),
    averageOrderValue: data.averageOrderValueCents === null ? null : money(data.averageOrderValueCents, shop.currency),
    uniqueCustomers: data.uniqueCustomers,
    aovBelowTarget: data.aovBelowTarget,
  };
}

export function toPeriodPoint(bucket: DayWindow, metrics: RangeMetrics, currency: string): PeriodPoint {
  const point = periodPoint(bucket, {
    orders: metrics.tiktokOrders,
    netReceiptsCents: metrics.tiktokNetReceiptsCents,
    allChannelsNetReceiptsCents: metrics.allChannelsNetReceiptsCents,
    uniqueCustomers: metrics.uniqueCustomers,
    firstTimeCustomers: metrics.firstTimeCustomers,
  });
  return {
    ...point,
    netReceipts: money(point.netReceiptsCents, currency),
    allChannelsNetReceipts: money(point.allChannelsNetReceiptsCents, currency),
    nonTikTokNetReceipts: money(point.nonTikTokNetReceiptsCents, currency),
  };
}
