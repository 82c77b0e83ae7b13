import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ShopScope } from '../../platform/database/shop-scope.js';
import type { RequestContext } from '../../platform/graphql/context.js';
import { importOrders } from '../ingest/import-pipeline.js';
import { ImportOrdersResult, OrderInput } from './import-orders.input.js';

@Resolver()
export class OrdersResolver {
  @Mutation(() => ImportOrdersResult, {
    description:
      'Creates or updates up to 5,000 orders, keyed by (channel, externalId). All or nothing: one invalid order ' +
      'rejects the call with BAD_USER_INPUT naming its index and field. Sending an order unchanged changes nothing.',
  })
  async importOrders(
    @Arg('orders', () => [OrderInput], { description: 'Up to 5,000 orders.' }) orders: OrderInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<ImportOrdersResult> {
    const shopId = await ctx.shopId();
    const started = performance.now();
    // The input goes to the import as GraphQL coerced it (placedAt is a Date); the import parses it.
    const result = await importOrders(new ShopScope(ctx.dataSource, shopId), orders);
    ctx.logger.info({ shopId, ...result, ms: Math.round(performance.now() - started) }, 'orders imported');
    return result;
  }
}
