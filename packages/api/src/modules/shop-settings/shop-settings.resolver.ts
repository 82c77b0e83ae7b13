import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import { toShop } from '../shops/shop.resolver.js';
import { updateShopSettings } from './shop-settings.service.js';
import { Shop } from '../shops/shop.types.js';
import { UpdateShopSettingsInput } from './update-shop-settings.input.js';

@Resolver()
export class ShopSettingsResolver {
  @Mutation(() => Shop, {
    description:
      "Changes the settings of the token's shop: name, time zone, currency, week start, AOV target. All or nothing: an " +
      'invalid field is BAD_USER_INPUT naming it (`extensions.field`) and nothing changes. A new time zone recomputes every ' +
      'daily figure for it before the call answers; every other change applies to the next read.',
  })
  async updateShopSettings(
    @Arg('input', () => UpdateShopSettingsInput, { description: 'The settings to change; fields left out stay as they are.' })
    input: UpdateShopSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Shop> {
    const shop = await ctx.shop();
    shop.require('settings');
    const started = performance.now();
    const { shop: updated, changed, rebuilt } = await updateShopSettings(shop, input);
    ctx.logger.info({ shopId: shop.shopId, changed, rebuilt, ms: Math.round(performance.now() - started) }, 'shop settings updated');
    return toShop(updated, shop);
  }
}
