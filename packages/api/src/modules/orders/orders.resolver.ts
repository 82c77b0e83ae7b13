import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import type { OrderData } from './order-input.js';
import { ImportOrdersResult, OrderInput } from './import-orders.input.js';
import { importOrders } from './import-orders.service.js';

function toOrderData(input: OrderInput): OrderData {
  return { ...input, placedAt: input.placedAt.toISOString() };
}

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
    const { shopId } = await ctx.shop();
    const started = performance.now();
    const result = await importOrders(ctx.dataSource, shopId, orders.map(toOrderData));
    ctx.logger.info({ shopId, ...result, ms: Math.round(performance.now() - started) }, 'orders imported');
    return result;
  }
}
