import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CROSSOVER_BUCKET_KINDS, CROSSOVER_LAG_BUCKETS } from '@tiktok-insights/shared';
import { PageInfo } from '../../platform/graphql/connection.js';
import { Money } from '../../platform/graphql/money.type.js';
import { DateScalar, DateTimeScalar } from '../../platform/graphql/scalars.js';
import type { InsightsScope } from '../insights/insights.types.js';

export const CrossoverBucketKind = Object.fromEntries(CROSSOVER_BUCKET_KINDS.map((k) => [k, k])) as {
  [K in (typeof CROSSOVER_BUCKET_KINDS)[number]]: K;
};
registerEnumType(CrossoverBucketKind, {
  name: 'CrossoverBucketKind',
  description: 'How many store orders a sourced customer placed at their address after their first TikTok order.',
  valuesConfig: {
    NONE: { description: 'None: not a crossover customer.' },
    ONE: { description: 'One store order.' },
    TWO: { description: 'Two store orders.' },
    THREE_OR_MORE: { description: 'Three or more store orders.' },
  },
});

@ObjectType({ description: 'Sourced customers with a given number of store orders after their first TikTok order.' })
export class CrossoverBucket {
  @Field(() => CrossoverBucketKind, { description: 'How many store orders.' })
  bucket!: keyof typeof CrossoverBucketKind;

  @Field(() => Int, { description: 'Sourced customers in the bucket.' })
  customers!: number;

  @Field(() => Float, { description: 'Their share of all sourced customers, 0 to 1 (0 when there are none).' })
  share!: number;
}

@ObjectType({ description: 'Crossover figures as they stood at the end of one week.' })
export class CrossoverWeek {
  @Field(() => DateScalar, { description: 'First day of the week.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the week.' })
  end!: string;

  @Field(() => Int, { description: 'Sourced customers whose first TikTok order was on or before the week\'s end.' })
  cumulativeSourcedCustomers!: number;

  @Field(() => Int, { description: 'Crossover customers whose crossover date was on or before the week\'s end.' })
  cumulativeCrossoverCustomers!: number;

  @Field(() => Float, { description: 'cumulativeCrossoverCustomers ÷ cumulativeSourcedCustomers (0 when none).' })
  crossoverRate!: number;
}

@ObjectType({ description: 'A TikTok-sourced customer who later bought in the store at the same address.' })
export class CrossoverCustomer {
  @Field(() => DateTimeScalar, { description: 'Their first counted TikTok order.' })
  firstTikTokOrderAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'The first store order at their address after it; its day is the crossover date.',
  })
  firstCrossoverOrderAt!: Date;

  @Field(() => Int, { description: 'Store orders at their address placed after their first TikTok order.' })
  nonTikTokOrders!: number;

  @Field(() => Money, { description: 'Net receipts of those store orders.' })
  nonTikTokNetReceipts!: Money;

  /** Resolved to `customer` through the per-request TikTok customer loader. */
  customerId!: number;
  scope!: InsightsScope;
}

@ObjectType({ description: 'A crossover customer and its cursor.' })
export class CrossoverCustomerEdge {
  @Field(() => String, { description: 'Pass as `after` to continue after this customer.' })
  cursor!: string;

  @Field(() => CrossoverCustomer, { description: 'The crossover customer.' })
  node!: CrossoverCustomer;
}

@ObjectType({ description: 'A page of crossover customers, latest crossover first.' })
export class CrossoverCustomerConnection {
  @Field(() => [CrossoverCustomerEdge], { description: 'The crossover customers of this page.' })
  edges!: CrossoverCustomerEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to get the next.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many crossover customers there are.' })
  totalCount!: number;
}

export const CrossoverLag = Object.fromEntries(CROSSOVER_LAG_BUCKETS.map((k) => [k, k])) as {
  [K in (typeof CROSSOVER_LAG_BUCKETS)[number]]: K;
};
registerEnumType(CrossoverLag, {
  name: 'CrossoverLag',
  description: "Days from a crossover customer's first TikTok order to their crossover date.",
  valuesConfig: {
    WITHIN_7_DAYS: { description: '0 to 7 days.' },
    WITHIN_30_DAYS: { description: '8 to 30 days.' },
    WITHIN_90_DAYS: { description: '31 to 90 days.' },
    LATER: { description: '91 days or more.' },
  },
});

@ObjectType({ description: 'Crossover customers who took a given time to buy in the store.' })
export class CrossoverLagBucket {
  @Field(() => CrossoverLag, { description: 'How many days they took.' })
  bucket!: keyof typeof CrossoverLag;

  @Field(() => Int, { description: 'Crossover customers in the bucket.' })
  customers!: number;

  @Field(() => Float, { description: 'Their share of all crossover customers, 0 to 1 (0 when there are none).' })
  share!: number;
}

@ObjectType({
  description:
    'Which TikTok buyers later came back through the shop\'s own store. Customers are matched by address key: street ' +
    '(line1 + line2) and 5-digit ZIP, normalized so spellings of one place match (case, spacing, punctuation; USPS ' +
    'Publication 28 suffixes, directionals and unit designators folded; other unit numbers are other addresses). ' +
    'A store order is a counted order on any channel but TIKTOK. A TikTok customer is sourced when their first counted ' +
    'TikTok order is earlier than every store order at their address key (or there is none), and a crossover customer ' +
    'when sourced with at least one store order at that key after their first TikTok order.',
})
export class CrossoverInsights {
  @Field(() => Int, { description: 'TikTok-sourced customers.' })
  sourcedCustomers!: number;

  @Field(() => Int, { description: 'Sourced customers with a later store order at the same address.' })
  crossoverCustomers!: number;

  @Field(() => Float, { description: 'crossoverCustomers ÷ sourcedCustomers, 0 to 1 (0 when there are no sourced customers).' })
  crossoverRate!: number;

  @Field(() => Money, {
    description:
      'Net receipts of the distinct store orders that make some customer a crossover (an order shared by two TikTok ' +
      'accounts at one address counts once).',
  })
  crossoverNonTikTokNetReceipts!: Money;

  @Field(() => [CrossoverBucket], { description: 'Sourced customers by how many such store orders they placed: NONE, ONE, TWO, THREE_OR_MORE.' })
  orderBreakdown!: CrossoverBucket[];

  @Field(() => Float, {
    nullable: true,
    description:
      "Over crossover customers, the median number of days from their first TikTok order's day to their crossover date " +
      '(the mean of the two middle values for an even count); null when there is none.',
  })
  medianDaysToCrossover!: number | null;

  @Field(() => [CrossoverLagBucket], {
    description: 'Crossover customers by how many days they took to buy in the store: WITHIN_7_DAYS, WITHIN_30_DAYS, WITHIN_90_DAYS, LATER.',
  })
  daysToCrossover!: CrossoverLagBucket[];

  scope!: InsightsScope;
}
