import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { Shop } from '../shops/shop.types.js';
import { Money } from '../../platform/graphql/money.type.js';
import { DateScalar } from '../../platform/graphql/scalars.js';
import type { DayWindow } from '@tiktok-insights/shared';

/** What resolvers below `tiktokInsights` know: the shop and the day the figures run up to. */
export interface InsightsScope {
  shop: Shop;
  asOf: string;
}

@ObjectType({
  description:
    'TikTok figures of a shop up to the end of `asOf` (a day in the shop\'s time zone). Every metric counts only ' +
    'counted orders: status PAID, SHIPPED or DELIVERED; UNPAID, CANCELLED and REFUNDED never count.',
})
export class TikTokInsights {
  @Field(() => DateScalar, { description: "The last day counted, in the shop's time zone (default: today there)." })
  asOf!: string;

  scope!: InsightsScope;
}

@ObjectType({ description: 'The headline TikTok metrics of a window.' })
export class MetricSummary {
  @Field(() => Int, { description: 'Number of counted TikTok orders.' })
  totalOrders!: number;

  @Field(() => Money, {
    description:
      'Sum of the orders\' net receipts: Σ(quantity × unit price) + tax + shipping − discount − credit, exact to the cent.',
  })
  netReceipts!: Money;

  @Field(() => Money, {
    nullable: true,
    description: 'Average order value: net receipts ÷ orders, rounded half-up to whole cents; null when there are no orders.',
  })
  averageOrderValue!: Money | null;

  @Field(() => Int, { description: 'Distinct TikTok customers with a counted TikTok order in the window.' })
  uniqueCustomers!: number;

  @Field(() => Boolean, { description: "Whether the average order value is below the shop's `aovTarget` (false without orders)." })
  aovBelowTarget!: boolean;
}

@ObjectType({ description: 'One day or week of a period, with TikTok figures and the share TikTok brings.' })
export class PeriodPoint {
  @Field(() => DateScalar, { description: 'First day of the point.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the point.' })
  end!: string;

  @Field(() => Int, { description: 'Counted TikTok orders.' })
  orders!: number;

  @Field(() => Money, { description: 'Net receipts of counted TikTok orders.' })
  netReceipts!: Money;

  @Field(() => Money, { description: 'Net receipts of counted orders on every channel.' })
  allChannelsNetReceipts!: Money;

  @Field(() => Money, { description: 'Net receipts of counted orders on channels other than TikTok.' })
  nonTikTokNetReceipts!: Money;

  @Field(() => Float, {
    nullable: true,
    description: 'TikTok net receipts ÷ all channels\' net receipts, from 0 to 1; null when the all-channel total is 0.',
  })
  tiktokShare!: number | null;

  @Field(() => Int, { description: 'Distinct TikTok customers with a counted TikTok order in the point.' })
  uniqueCustomers!: number;

  @Field(() => Int, { description: 'Of the unique customers, those whose first counted TikTok order ever falls in this point.' })
  firstTimeCustomers!: number;

  @Field(() => Int, { description: 'Unique customers who are not first-time: firstTimeCustomers + repeatCustomers = uniqueCustomers.' })
  repeatCustomers!: number;
}

@ObjectType({ description: 'A window of whole days (last 7 days) or whole weeks (date range) with its metrics.' })
export class PeriodInsights {
  @Field(() => DateScalar, { description: 'First day of the window.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the window.' })
  end!: string;

  @Field(() => DateScalar, { description: 'First day of the previous period: the equally long window just before this one.' })
  previousStart!: string;

  @Field(() => DateScalar, { description: 'Last day of the previous period (the day before `start`).' })
  previousEnd!: string;

  scope!: InsightsScope;
  window!: DayWindow;
  granularity!: 'DAY' | 'WEEK';
}

@ObjectType({ description: 'A product of the shop.' })
export class Product {
  @Field(() => ID, { description: "The product's id in TikTok Insights." })
  id!: string;

  @Field(() => String, { description: "The product's id in the shop (`productExternalId` of the import)." })
  externalId!: string;

  @Field(() => String, { description: 'The latest imported name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The latest imported SKU.' })
  sku!: string | null;
}

export const TopProductOrder = { UNITS_SOLD: 'UNITS_SOLD', TOTAL_SALES: 'TOTAL_SALES' } as const;
export type TopProductOrder = keyof typeof TopProductOrder;
registerEnumType(TopProductOrder, {
  name: 'TopProductOrder',
  description: 'What ranks the top products, largest first. Remaining ties go by product name, then external id.',
  valuesConfig: {
    UNITS_SOLD: { description: 'Units sold, then total sales (the default).' },
    TOTAL_SALES: { description: 'Total sales, then units sold.' },
  },
});

@ObjectType({ description: 'A product ranked by units sold (or total sales) on TikTok in a window.' })
export class TopProduct {
  @Field(() => Int, {
    description: 'Position from 1 in the order asked for: by units sold, then total sales (default), or by total sales, then units sold; then product name.',
  })
  rank!: number;

  @Field(() => Int, { description: 'Σ quantity over counted TikTok orders in the window.' })
  unitsSold!: number;

  @Field(() => Money, { description: 'Σ quantity × unit price over counted TikTok orders in the window (before tax, shipping and discounts).' })
  totalSales!: Money;

  @Field(() => Int, { description: "Units sold in the window's previous period (0 when none)." })
  previousUnitsSold!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Its rank among all products over the previous period, in the same order; null when it sold nothing then.',
  })
  previousRank!: number | null;

  /** Resolved to `product` through the per-request product loader. */
  productId!: number;
  shop!: ShopScope;
}

@ObjectType({ description: "Counted TikTok orders placed on one weekday and hour of the shop's local time, over a window." })
export class HourOfWeekCell {
  @Field(() => Int, { description: 'Day of the week: 1 = Monday … 7 = Sunday.' })
  weekday!: number;

  @Field(() => Int, {
    description:
      "Hour of the day on the shop's clock, 0–23. On the day clocks fall back both 1 a.m. hours count as 1; " +
      'on the day they spring forward the skipped hour has nothing.',
  })
  hour!: number;

  @Field(() => Int, { description: 'Counted TikTok orders placed in that hour.' })
  orders!: number;

  @Field(() => Money, { description: 'Their net receipts.' })
  netReceipts!: Money;
}

@ObjectType({ description: 'TikTok orders placed in a window that were cancelled or refunded, and what they would have brought.' })
export class CancellationSummary {
  @Field(() => Int, { description: 'TikTok orders placed in the window whose status is CANCELLED.' })
  cancelledOrders!: number;

  @Field(() => Int, { description: 'TikTok orders placed in the window whose status is REFUNDED.' })
  refundedOrders!: number;

  @Field(() => Money, { description: 'Net receipts of those cancelled and refunded orders.' })
  lostNetReceipts!: Money;

  @Field(() => Float, {
    nullable: true,
    description:
      '(cancelled + refunded) ÷ (cancelled + refunded + counted orders), 0 to 1; null when all three are 0. UNPAID orders are in neither.',
  })
  rate!: number | null;
}
