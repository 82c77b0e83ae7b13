import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AccountsContext } from '../auth/accounts-context.types.js';
import { personIdOf } from '../auth/person-of.js';
import { CreatedSharedLink, CreateSharedLinkInput, SharedLink } from './shared-link.types.js';
import { createSharedLink, listSharedLinks, revokeSharedLink } from './shared-links.service.js';

@Resolver()
export class SharedLinksResolver {
  @Query(() => [SharedLink], { description: "The shop's live shared links, newest first. Owners and admins." })
  async sharedLinks(@Ctx() ctx: AccountsContext): Promise<SharedLink[]> {
    return listSharedLinks(await ctx.shop());
  }

  @Mutation(() => CreatedSharedLink, { description: "Creates a read-only link to the shop's dashboard; its URL is in the answer only. Owners and admins." })
  async createSharedLink(
    @Arg('input', () => CreateSharedLinkInput, { description: 'The new link.' }) input: CreateSharedLinkInput,
    @Ctx() ctx: AccountsContext,
  ): Promise<CreatedSharedLink> {
    const shop = await ctx.shop();
    const { link, token } = await createSharedLink(shop, input, personIdOf(await ctx.viewer()));
    ctx.logger.info({ shopId: shop.shopId, linkId: link.id, password: link.hasPassword }, 'shared link created');
    return { sharedLink: link, url: `${ctx.accounts.baseUrl}/shared/${token}` };
  }

  @Mutation(() => SharedLink, { description: 'Revokes a shared link at once. Owners and admins.' })
  async revokeSharedLink(@Arg('id', () => ID, { description: 'The link.' }) id: string, @Ctx() ctx: AccountsContext): Promise<SharedLink> {
    const shop = await ctx.shop();
    const revoked = await revokeSharedLink(shop, id);
    ctx.logger.info({ shopId: shop.shopId, linkId: id }, 'shared link revoked');
    return revoked;
  }
}
