import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import {
  PeriodInsightsResolver,
  ShopInsightsResolver,
  TikTokInsightsResolver,
  TopProductResolver,
} from '../insights/insights.resolver.js';
import {
  CrossoverCustomerResolver,
  CrossoverInsightsResolver,
  TikTokCrossoverResolver,
} from '../crossover/crossover.resolver.js';
import { TikTokCustomersResolver } from '../customers/tiktok-customers.resolver.js';
import { OrdersResolver } from '../orders/orders.resolver.js';
import { ShopAdminResolver } from '../shops/shop-admin.resolver.js';
import { ShopResolver } from '../shops/shop.resolver.js';
import { TikTokResolver } from '../tiktok/tiktok.resolver.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The served schema, built once from the resolver classes. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      ShopResolver,
      TikTokResolver,
      OrdersResolver,
      ShopAdminResolver,
      ShopInsightsResolver,
      TikTokInsightsResolver,
      PeriodInsightsResolver,
      TopProductResolver,
      TikTokCustomersResolver,
      TikTokCrossoverResolver,
      CrossoverInsightsResolver,
      CrossoverCustomerResolver,
    ],
    validate: false,
  });
  return schema;
}
