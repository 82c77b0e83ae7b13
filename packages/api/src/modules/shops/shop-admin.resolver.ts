import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { ShopScope } from '../../platform/database/shop-scope.js';
import type { RequestContext } from '../../platform/graphql/context.js';
import { CreateShopInput } from './create-shop.input.js';
import { toShop } from './shop.resolver.js';
import { assertShopExists, createShop, createShopToken, revokeShopToken } from './shop.service.js';
import { CreateShopPayload, ShopTokenPayload } from './shop.types.js';

/** Calls of the admin token (env ADMIN_TOKEN): shops and their tokens, nothing else. */
@Resolver()
export class ShopAdminResolver {
  @Mutation(() => CreateShopPayload, {
    description: 'Creates a shop (TikTok connected) and its first API token. Admin token only.',
  })
  async createShop(@Arg('input', () => CreateShopInput, { description: 'The new shop.' }) input: CreateShopInput, @Ctx() ctx: RequestContext) {
    await ctx.requireAdmin();
    const { shop, token, tokenId } = await createShop(ctx.dataSource, input);
    ctx.logger.info({ shopId: shop.id, tokenId }, 'shop created');
    // The new shop's fields, if asked for, are read in its own scope (the admin token has none).
    return { shop: toShop(shop, new ShopScope(ctx.dataSource, shop.id)), token, tokenId };
  }

  @Mutation(() => ShopTokenPayload, {
    description: 'Issues another API token for a shop, e.g. to replace one before revoking it. Admin token only.',
  })
  async createShopToken(
    @Arg('shopId', () => ID, { description: 'The shop.' }) shopId: string,
    @Arg('label', () => String, { nullable: true, description: 'What the token is for.' }) label: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ShopTokenPayload> {
    await ctx.requireAdmin();
    await assertShopExists(ctx.dataSource, shopId);
    const created = await createShopToken(ctx.dataSource, shopId, (label ?? 'issued by admin').slice(0, 200));
    ctx.logger.info({ shopId, tokenId: created.tokenId }, 'shop token created');
    return created;
  }

  @Mutation(() => Boolean, {
    description: 'Revokes a shop API token at once; false when the shop has no such live token. Admin token only.',
  })
  async revokeShopToken(
    @Arg('shopId', () => ID, { description: 'The shop.' }) shopId: string,
    @Arg('tokenId', () => ID, { description: 'The token to revoke (from createShopToken).' }) tokenId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.requireAdmin();
    const revoked = await revokeShopToken(ctx.dataSource, shopId, tokenId);
    ctx.logger.info({ shopId, tokenId, revoked }, 'shop token revoke');
    return revoked;
  }
}
