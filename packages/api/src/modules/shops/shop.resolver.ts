import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import { Money, money } from '../../platform/graphql/money.type.js';
import { findTikTokIntegration } from '../tiktok/tiktok.service.js';
import type { ShopRecord } from './shop.record.js';
import { findShop } from './shop.service.js';
import { Shop, TikTokIntegration } from './shop.types.js';

export function toShop(entity: ShopRecord): Shop {
  return {
    id: entity.id,
    name: entity.name,
    timezone: entity.timezone,
    currency: entity.currency,
    weekStartsOn: entity.weekStartsOn,
    lastImportAt: entity.lastImportAt,
    aovTargetCents: entity.aovTargetCents,
  };
}

@Resolver(() => Shop)
export class ShopResolver {
  @Query(() => Shop, { description: 'The shop of the token sent with the request.' })
  async shop(@Ctx() ctx: RequestContext): Promise<Shop> {
    return toShop(await findShop(ctx.dataSource, await ctx.shopId()));
  }

  @FieldResolver(() => Money, {
    description: 'The average order value the shop aims for; `aovBelowTarget` compares against it.',
  })
  aovTarget(@Root() shop: Shop): Money {
    return money(shop.aovTargetCents, shop.currency);
  }

  @FieldResolver(() => TikTokIntegration, { description: "The shop's TikTok connection." })
  async tiktok(@Root() shop: Shop, @Ctx() ctx: RequestContext): Promise<TikTokIntegration> {
    return findTikTokIntegration(ctx.dataSource, shop.id);
  }
}
