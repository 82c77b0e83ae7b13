import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import { ImportOrdersResult, OrderInput } from '../orders/import-orders.input.js';
import { importOrders } from './import-pipeline.js';

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
    const shop = await ctx.shop();
    shop.require('import');
    const started = performance.now();
    // The input goes to the import as GraphQL coerced it (placedAt is a Date); the import parses it.
    const result = await importOrders(shop, orders);
    ctx.logger.info({ shopId: shop.shopId, ...result, ms: Math.round(performance.now() - started) }, 'orders imported');
    return result;
  }
}
