import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { OrdersResolver } from '../orders/orders.resolver.js';
import { ShopAdminResolver } from '../shops/shop-admin.resolver.js';
import { ShopResolver } from '../shops/shop.resolver.js';
import { TikTokResolver } from '../tiktok/tiktok.resolver.js';

let schema: Promise<GraphQLSchema> | undefined;

/** The served schema, built once from the resolver classes. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [ShopResolver, TikTokResolver, OrdersResolver, ShopAdminResolver],
    validate: false,
  });
  return schema;
}
