import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AccountsContext } from '../auth/accounts-context.types.js';
import { personIdOf } from '../auth/person-of.js';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './api-key.types.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

@Resolver()
export class ApiKeysResolver {
  @Query(() => [ApiKey], { description: "The shop's API keys, newest first (revoked ones are not listed). Owners and admins." })
  async apiKeys(@Ctx() ctx: AccountsContext): Promise<ApiKey[]> {
    return listApiKeys(await ctx.shop());
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key; the key itself is in the answer and never shown again. Owners and admins.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput, { description: 'The new key.' }) input: CreateApiKeyInput, @Ctx() ctx: AccountsContext): Promise<CreatedApiKey> {
    const shop = await ctx.shop();
    const created = await createApiKey(shop, input, personIdOf(await ctx.viewer()));
    ctx.logger.info({ shopId: shop.shopId, keyId: created.apiKey.id, scope: input.scope }, 'api key created');
    return created;
  }

  @Mutation(() => ApiKey, { description: 'Revokes an API key: its next request is refused. Owners and admins.' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'The key.' }) id: string, @Ctx() ctx: AccountsContext): Promise<ApiKey> {
    const shop = await ctx.shop();
    const revoked = await revokeApiKey(shop, id);
    ctx.logger.info({ shopId: shop.shopId, keyId: id }, 'api key revoked');
    return revoked;
  }
}
