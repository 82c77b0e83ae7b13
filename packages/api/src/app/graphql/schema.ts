import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import {
  PeriodInsightsResolver,
  ShopInsightsResolver,
  TikTokInsightsResolver,
  TopProductResolver,
} from '../../modules/insights/insights.resolver.js';
import {
  CrossoverCustomerResolver,
  CrossoverInsightsResolver,
  TikTokCrossoverResolver,
} from '../../modules/crossover/crossover.resolver.js';
import { TikTokCohortsResolver } from '../../modules/cohorts/cohorts.resolver.js';
import { TikTokCustomersResolver } from '../../modules/customers/tiktok-customers.resolver.js';
import { OrdersResolver } from '../../modules/ingest/import-orders.resolver.js';
import { ShopAdminResolver } from '../../modules/shops/shop-admin.resolver.js';
import { ShopResolver } from '../../modules/shops/shop.resolver.js';
import { ShopSettingsResolver } from '../../modules/shop-settings/shop-settings.resolver.js';
import { TikTokResolver } from '../../modules/tiktok/tiktok.resolver.js';
import { ApiKeysResolver } from '../../modules/api-keys/api-keys.resolver.js';
import { CallerResolver } from '../../modules/auth/caller.resolver.js';
import { SharedLinksResolver } from '../../modules/shared-links/shared-links.resolver.js';
import { ServerInfoResolver } from '../../modules/setup/server-info.resolver.js';

let schema: Promise<GraphQLSchema> | undefined;

/** type-graphql builds the root types without descriptions; Sandbox shows these first. */
function describeRoots(built: GraphQLSchema): GraphQLSchema {
  const config = built.toConfig();
  const query = built.getQueryType()!;
  const mutation = built.getMutationType()!;
  const describedQuery = new GraphQLObjectType({
    ...query.toConfig(),
    description: 'Reads. Every field needs an API key (`Authorization: Bearer <key>`), a signed-in session or a shared link; introspection and `serverInfo` need none.',
  });
  const describedMutation = new GraphQLObjectType({
    ...mutation.toConfig(),
    description:
      "Writes: imports, the shop's settings and the TikTok connection with an IMPORT key or as an owner or admin; API keys and shared links as an owner or admin; shops and tokens with the admin token.",
  });
  return new GraphQLSchema({
    ...config,
    query: describedQuery,
    mutation: describedMutation,
    types: config.types.filter((type) => type !== query && type !== mutation),
  });
}

/** The served schema, built once from the resolver classes. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      ShopResolver,
      TikTokResolver,
      OrdersResolver,
      ShopAdminResolver,
      ShopSettingsResolver,
      ShopInsightsResolver,
      TikTokInsightsResolver,
      PeriodInsightsResolver,
      TopProductResolver,
      TikTokCustomersResolver,
      TikTokCrossoverResolver,
      TikTokCohortsResolver,
      CrossoverInsightsResolver,
      CrossoverCustomerResolver,
      CallerResolver,
      ApiKeysResolver,
      SharedLinksResolver,
      ServerInfoResolver,
    ],
    validate: false,
  }).then(describeRoots);
  return schema;
}
