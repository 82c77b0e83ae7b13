import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  DateRangeError,
  dayBuckets,
  last7Days,
  periodPoint,
  previousWindow,
  resolveWeekRange,
  share,
  summarize,
  weekBuckets,
  type DayWindow,
} from '@tiktok-insights/shared';
import { MAX_PAGE_SIZE } from '../../platform/graphql/connection.js';
import { badUserInput } from '../../platform/errors/app-error.js';
import { money } from '../../platform/graphql/money.type.js';
import { DateScalar } from '../../platform/graphql/scalars.js';
import { asOfDefault } from '../shops/as-of.js';
import { tiktokConnected } from '../tiktok/tiktok.service.js';
import { Shop } from '../shops/shop.types.js';
import { createHourFiguresLoader } from './hour-figures.loader.js';
import type { HourFigures } from './hour-figures.service.js';
import {
  CancellationSummary,
  HourOfWeekCell,
  MetricSummary,
  PeriodInsights,
  PeriodPoint,
  Product,
  TikTokInsights,
  TopProduct,
  TopProductOrder,
  type InsightsScope,
} from './insights.types.js';
import { createProductLoader } from './product.loader.js';
import { createRangeMetricsLoader } from './range-metrics.loader.js';
import { rangeUpTo, type RangeMetrics } from './range-metrics.service.js';
import { createTopProductsLoader } from './top-products.loader.js';

function toMetricSummary(metrics: RangeMetrics, shop: Shop): MetricSummary {
  const data = summarize(metrics.tiktokOrders, metrics.tiktokNetReceiptsCents, metrics.uniqueCustomers, shop.aovTargetCents);
  return {
    totalOrders: data.totalOrders,
    netReceipts: money(data.netReceiptsCents, shop.currency),
    averageOrderValue: data.averageOrderValueCents === null ? null : money(data.averageOrderValueCents, shop.currency),
    uniqueCustomers: data.uniqueCustomers,
    aovBelowTarget: data.aovBelowTarget,
  };
}

function toPeriodPoint(bucket: DayWindow, metrics: RangeMetrics, currency: string): PeriodPoint {
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

function toCancellationSummary(figures: HourFigures, currency: string): CancellationSummary {
  const lost = figures.cancelledOrders + figures.refundedOrders;
  return {
    cancelledOrders: figures.cancelledOrders,
    refundedOrders: figures.refundedOrders,
    lostNetReceipts: money(figures.lostNetReceiptsCents, currency),
    rate: share(lost, lost + figures.countedOrders),
  };
}

function period(scope: InsightsScope, window: DayWindow, granularity: 'DAY' | 'WEEK'): PeriodInsights {
  const previous = previousWindow(window);
  return {
    start: window.start,
    end: window.end,
    previousStart: previous.start,
    previousEnd: previous.end,
    scope,
    window,
    granularity,
  };
}

@Resolver(() => Shop)
export class ShopInsightsResolver {
  @FieldResolver(() => TikTokInsights, {
    nullable: true,
    description: "The shop's TikTok insights up to the end of `asOf`; null while TikTok is disconnected.",
  })
  async tiktokInsights(
    @Root() shop: Shop,
    @Arg('asOf', () => DateScalar, {
      nullable: true,
      description: "The last day to count, in the shop's time zone. Default: today there.",
    })
    asOf: string | null,
  ): Promise<TikTokInsights | null> {
    if (!(await tiktokConnected(shop.scope))) return null;
    const day = asOf ?? asOfDefault(shop);
    return { asOf: day, scope: { shop, asOf: day } };
  }
}

@Resolver(() => TikTokInsights)
export class TikTokInsightsResolver {
  @FieldResolver(() => MetricSummary, { description: 'Every day up to and including `asOf`.' })
  async allTime(@Root() insights: TikTokInsights): Promise<MetricSummary> {
    const { shop, asOf } = insights.scope;
    const metrics = await shop.scope.loader(createRangeMetricsLoader).load({ start: '1970-01-01', end: asOf, allTime: true });
    return toMetricSummary(metrics, shop);
  }

  @FieldResolver(() => PeriodInsights, {
    description: 'The 7 full days before `asOf` (asOf−7 … asOf−1; today, being partial, is left out), with a daily series.',
  })
  last7Days(@Root() insights: TikTokInsights): PeriodInsights {
    return period(insights.scope, last7Days(insights.scope.asOf), 'DAY');
  }

  @FieldResolver(() => PeriodInsights, {
    description:
      "Whole weeks (starting on the shop's `weekStartsOn`) with a weekly series: `from` moves back to its week's start " +
      "and `to` forward to its week's end. Without arguments: the 6 full weeks before the week that holds `asOf`. " +
      'At most 520 weeks; `to` before `from` is BAD_USER_INPUT.',
  })
  dateRange(
    @Root() insights: TikTokInsights,
    @Arg('from', () => DateScalar, { nullable: true, description: 'First day wanted; moved back to its week start.' })
    from: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Last day wanted; moved forward to its week end.' })
    to: string | null,
  ): PeriodInsights {
    const { shop, asOf } = insights.scope;
    try {
      return period(insights.scope, resolveWeekRange(asOf, shop.weekStartsOn, from ?? null, to ?? null), 'WEEK');
    } catch (error) {
      if (error instanceof DateRangeError) throw badUserInput(error.message, { field: error.field });
      throw error;
    }
  }
}

@Resolver(() => PeriodInsights)
export class PeriodInsightsResolver {
  @FieldResolver(() => MetricSummary, { description: 'The metrics of the whole window.' })
  async summary(@Root() p: PeriodInsights): Promise<MetricSummary> {
    const { shop, asOf } = p.scope;
    return toMetricSummary(await shop.scope.loader(createRangeMetricsLoader).load(rangeUpTo(p.window, asOf)), shop);
  }

  @FieldResolver(() => MetricSummary, {
    description:
      'The same metrics over the previous period: the equally long window that ends the day before this one starts ' +
      '(for the last 7 days: asOf−14 … asOf−8; for N weeks: the N weeks before).',
  })
  async previous(@Root() p: PeriodInsights): Promise<MetricSummary> {
    const { shop, asOf } = p.scope;
    const window = previousWindow(p.window);
    return toMetricSummary(await shop.scope.loader(createRangeMetricsLoader).load(rangeUpTo(window, asOf)), shop);
  }

  @FieldResolver(() => [PeriodPoint], {
    description: 'One point per day (last 7 days) or week (date range), oldest first, zero-filled.',
  })
  async series(@Root() p: PeriodInsights): Promise<PeriodPoint[]> {
    const { shop, asOf } = p.scope;
    const buckets = p.granularity === 'DAY' ? dayBuckets(p.window) : weekBuckets(p.window, shop.weekStartsOn);
    const metrics = await shop.scope.loader(createRangeMetricsLoader).loadMany(buckets.map((bucket) => rangeUpTo(bucket, asOf)));
    return buckets.map((bucket, i) => {
      const m = metrics[i]!;
      if (m instanceof Error) throw m;
      return toPeriodPoint(bucket, m, shop.currency);
    });
  }

  @FieldResolver(() => [TopProduct], {
    description:
      'The products sold most on TikTok in the window (counted orders): by units sold, then total sales, then name; ' +
      `or by total sales first with \`orderBy: TOTAL_SALES\`. At most ${MAX_PAGE_SIZE}.`,
  })
  async topProducts(
    @Root() p: PeriodInsights,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10, description: `How many products, 0 to ${MAX_PAGE_SIZE}.` }) first: number | null,
    @Arg('orderBy', () => TopProductOrder, {
      nullable: true,
      defaultValue: 'UNITS_SOLD',
      description: 'What ranks the products: units sold (default) or total sales; `rank` follows it.',
    })
    orderBy: TopProductOrder | null,
  ): Promise<TopProduct[]> {
    first ??= 10;
    orderBy ??= 'UNITS_SOLD';
    if (first < 0 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}.`, { field: 'first' });
    }
    const { shop, asOf } = p.scope;
    const range = rangeUpTo(p.window, asOf);
    if (first === 0 || range.end < range.start) return [];
    const previous = rangeUpTo(previousWindow(p.window), asOf);
    const rows = await shop.scope.loader(createTopProductsLoader).load({
      start: range.start,
      end: range.end,
      previousStart: previous.start,
      previousEnd: previous.end,
      first,
      orderBy,
    });
    return rows.map((row) => ({
      rank: row.rank,
      productId: row.productId,
      unitsSold: row.unitsSold,
      totalSales: money(row.totalSalesCents, shop.currency),
      previousUnitsSold: row.previousUnitsSold,
      previousRank: row.previousRank,
      shop: shop.scope,
    }));
  }

  @FieldResolver(() => [HourOfWeekCell], {
    description:
      "Best time to go live: 168 cells, one per weekday (1 = Monday … 7 = Sunday) and hour (0–23) of the shop's clock, " +
      "ordered by weekday then hour, zero-filled, with the counted TikTok orders of the window placed then.",
  })
  async hourOfWeek(@Root() p: PeriodInsights): Promise<HourOfWeekCell[]> {
    const { shop, asOf } = p.scope;
    const figures = await shop.scope.loader(createHourFiguresLoader).load(rangeUpTo(p.window, asOf));
    return figures.cells.map((cell, i) => ({
      weekday: Math.floor(i / 24) + 1,
      hour: i % 24,
      orders: cell.orders,
      netReceipts: money(cell.netReceiptsCents, shop.currency),
    }));
  }

  @FieldResolver(() => CancellationSummary, { description: 'TikTok orders placed in the window that were cancelled or refunded.' })
  async cancellations(@Root() p: PeriodInsights): Promise<CancellationSummary> {
    const { shop, asOf } = p.scope;
    return toCancellationSummary(await shop.scope.loader(createHourFiguresLoader).load(rangeUpTo(p.window, asOf)), shop.currency);
  }

  @FieldResolver(() => CancellationSummary, { description: 'The same over the previous period.' })
  async previousCancellations(@Root() p: PeriodInsights): Promise<CancellationSummary> {
    const { shop, asOf } = p.scope;
    const window = previousWindow(p.window);
    return toCancellationSummary(await shop.scope.loader(createHourFiguresLoader).load(rangeUpTo(window, asOf)), shop.currency);
  }
}

@Resolver(() => TopProduct)
export class TopProductResolver {
  @FieldResolver(() => Product, { description: 'The product.' })
  async product(@Root() top: TopProduct): Promise<Product> {
    const row = await top.shop.loader(createProductLoader).load(top.productId);
    if (!row) throw new Error(`product ${top.productId} of a top-products row is missing`);
    return { id: String(row.product_id), externalId: row.external_id, name: row.name, sku: row.sku };
  }
}
