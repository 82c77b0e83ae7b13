import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  CROSSOVER_LAG_BUCKETS,
  DateRangeError,
  crossoverLagBucketOf,
  medianOfCounts,
  orderBreakdown,
  ratio0,
  todayInZone,
} from '@tiktok-insights/shared';
import { toTikTokCustomer } from '../customers/tiktok-customers.resolver.js';
import { TikTokCustomer } from '../customers/tiktok-customer.types.js';
import { pageSize } from '../../platform/graphql/connection.js';
import { badUserInput } from '../../platform/errors/app-error.js';
import { money } from '../../platform/graphql/money.type.js';
import { DateScalar } from '../../platform/graphql/scalars.js';
import { TikTokInsights } from '../insights/insights.types.js';
import { crossoverWeeksWindow, cumulativeWeeks } from './crossover-weeks.js';
import { listCrossoverCustomers } from './crossover.service.js';
import {
  CrossoverCustomer,
  CrossoverCustomerConnection,
  CrossoverInsights,
  CrossoverLagBucket,
  CrossoverWeek,
} from './crossover.types.js';
import { createCrossoverAnalysisLoader } from './crossover-analysis.loader.js';
import type { InsightsScope } from '../insights/insights.types.js';
import { createTikTokCustomerLoader } from '../customers/tiktok-customer.loader.js';

/** Crossover customers per lag bucket, every bucket listed, with its share of all of them. */
function crossoverLagBreakdown(lags: ReadonlyArray<readonly [days: number, customers: number]>): CrossoverLagBucket[] {
  const total = lags.reduce((sum, [, n]) => sum + n, 0);
  return CROSSOVER_LAG_BUCKETS.map((bucket) => {
    const customers = lags.filter(([days]) => crossoverLagBucketOf(days) === bucket).reduce((sum, [, n]) => sum + n, 0);
    return { bucket, customers, share: ratio0(customers, total) };
  });
}

/** The request's crossover figures at its asOf (read once, whichever fields ask). */
function crossoverAnalysis({ shop, asOf }: InsightsScope) {
  return shop.scope.loader(createCrossoverAnalysisLoader).load({ asOf, today: todayInZone(shop.timezone) });
}

@Resolver(() => TikTokInsights)
export class TikTokCrossoverResolver {
  @FieldResolver(() => CrossoverInsights, {
    description: 'TikTok buyers who later bought through the shop\'s own store at the same address, up to `asOf`.',
  })
  async crossover(@Root() insights: TikTokInsights): Promise<CrossoverInsights> {
    const { shop } = insights.scope;
    const analysis = await crossoverAnalysis(insights.scope);
    return {
      sourcedCustomers: analysis.sourced,
      crossoverCustomers: analysis.crossover,
      crossoverRate: ratio0(analysis.crossover, analysis.sourced),
      crossoverNonTikTokNetReceipts: money(analysis.crossoverNetReceiptsCents, shop.currency),
      orderBreakdown: orderBreakdown(analysis.buckets),
      medianDaysToCrossover: medianOfCounts(analysis.crossoverLags),
      daysToCrossover: crossoverLagBreakdown(analysis.crossoverLags),
      scope: insights.scope,
    };
  }
}

@Resolver(() => CrossoverInsights)
export class CrossoverInsightsResolver {
  @FieldResolver(() => [CrossoverWeek], {
    description:
      'Cumulative sourced and crossover customers at the end of each week, oldest first. Default: from the week of ' +
      "the first TikTok order to the week holding `asOf`; `from` and `to` snap to whole weeks (at most 520).",
  })
  async cumulativeByWeek(
    @Root() crossover: CrossoverInsights,
    @Arg('from', () => DateScalar, { nullable: true, description: 'First week wanted (any day of it).' }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Last week wanted (any day of it).' }) to: string | null,
  ): Promise<CrossoverWeek[]> {
    const { shop, asOf } = crossover.scope;
    const analysis = await crossoverAnalysis(crossover.scope);
    try {
      const window = crossoverWeeksWindow(asOf, shop.weekStartsOn, analysis.firstTikTokDay, from ?? null, to ?? null);
      return cumulativeWeeks(window, shop.weekStartsOn, asOf, analysis.sourcedByDay, analysis.crossoverByDay);
    } catch (error) {
      if (error instanceof DateRangeError) throw badUserInput(error.message, { field: error.field });
      throw error;
    }
  }

  @FieldResolver(() => CrossoverCustomerConnection, {
    description: 'The crossover customers, latest crossover first; `first` defaults to 50 (at most 500).',
  })
  async customers(
    @Root() crossover: CrossoverInsights,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500 (default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after: string | null,
  ): Promise<CrossoverCustomerConnection> {
    const { shop, asOf } = crossover.scope;
    const size = pageSize(first);
    // The count alone (`first: 0`) is no personal data: a shared link sees it.
    if (size > 0) shop.scope.require('customers');
    const { current } = await crossoverAnalysis(crossover.scope);
    const page = await listCrossoverCustomers(shop.scope, { asOf, first: size, after: after ?? null, current });
    return {
      edges: page.rows.map(({ row, cursor }) => ({
        cursor,
        node: {
          customerId: row.customer_id,
          firstTikTokOrderAt: row.first_at,
          firstCrossoverOrderAt: row.first_store_at,
          nonTikTokOrders: row.store_orders,
          nonTikTokNetReceipts: money(row.store_net, shop.currency),
          scope: crossover.scope,
        },
      })),
      pageInfo: {
        hasNextPage: size === 0 ? crossover.crossoverCustomers > 0 : page.hasNextPage,
        endCursor: page.rows.at(-1)?.cursor ?? null,
      },
      totalCount: crossover.crossoverCustomers,
    };
  }
}

@Resolver(() => CrossoverCustomer)
export class CrossoverCustomerResolver {
  @FieldResolver(() => TikTokCustomer, { description: 'The TikTok customer, with figures up to `asOf`.' })
  async customer(@Root() node: CrossoverCustomer): Promise<TikTokCustomer> {
    const { shop, asOf } = node.scope;
    shop.scope.require('customers');
    const row = await shop.scope.loader(createTikTokCustomerLoader).load({ asOf, customerId: node.customerId });
    if (!row) throw new Error(`crossover customer ${node.customerId} has no counted TikTok order up to ${asOf}`);
    return toTikTokCustomer(row, shop.currency);
  }
}
