import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { RequestContext } from '../../platform/graphql/context.js';
import { Money, money } from '../../platform/graphql/money.type.js';
import { findTikTokIntegration } from '../tiktok/tiktok.service.js';
import type { ShopRecord } from './shop.record.js';
import { findShop } from './shop.service.js';
import { TikTokIntegration } from '../tiktok/tiktok.types.js';
import { Shop } from './shop.types.js';

export function toShop(entity: ShopRecord, scope: ShopScope): Shop {
  return {
    id: entity.id,
    name: entity.name,
    timezone: entity.timezone,
    currency: entity.currency,
    weekStartsOn: entity.weekStartsOn,
    lastImportAt: entity.lastImportAt,
    aovTargetCents: entity.aovTargetCents,
    scope,
  };
}

@Resolver(() => Shop)
export class ShopResolver {
  @Query(() => Shop, { description: 'The shop of the token sent with the request.' })
  async shop(@Ctx() ctx: RequestContext): Promise<Shop> {
    const shop = await ctx.shop();
    return toShop(await findShop(shop), shop);
  }

  @FieldResolver(() => Money, {
    description: 'The average order value the shop aims for; `aovBelowTarget` compares against it.',
  })
  aovTarget(@Root() shop: Shop): Money {
    return money(shop.aovTargetCents, shop.currency);
  }

  @FieldResolver(() => TikTokIntegration, { description: "The shop's TikTok connection." })
  async tiktok(@Root() shop: Shop): Promise<TikTokIntegration> {
    return findTikTokIntegration(shop.scope);
  }
}
