import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import { TikTokIntegration } from './tiktok.types.js';
import { setTikTokConnected } from './tiktok.service.js';

@Resolver()
export class TikTokResolver {
  @Mutation(() => TikTokIntegration, {
    description: "Connects the shop's TikTok Shop: the TikTok insights show again, with all data imported so far.",
  })
  async connectTikTok(@Ctx() ctx: RequestContext): Promise<TikTokIntegration> {
    const shop = await ctx.shop();
    shop.require('settings');
    return setTikTokConnected(shop, true);
  }

  @Mutation(() => TikTokIntegration, {
    description: 'Disconnects TikTok: `tiktokInsights` is null until reconnected. No data is deleted; imports keep working.',
  })
  async disconnectTikTok(@Ctx() ctx: RequestContext): Promise<TikTokIntegration> {
    const shop = await ctx.shop();
    shop.require('settings');
    return setTikTokConnected(shop, false);
  }
}
