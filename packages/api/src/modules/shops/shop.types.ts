import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';

export const WeekDay = { MONDAY: 'MONDAY', SUNDAY: 'SUNDAY' } as const;
export type WeekDay = keyof typeof WeekDay;
registerEnumType(WeekDay, {
  name: 'WeekDay',
  description: 'The day a shop\'s weeks start on.',
  valuesConfig: {
    MONDAY: { description: 'Weeks run Monday to Sunday (the default).' },
    SUNDAY: { description: 'Weeks run Sunday to Saturday.' },
  },
});

@ObjectType({ description: 'A shop: the owner of every order, customer and product, and of its API tokens.' })
export class Shop {
  @Field(() => ID, { description: "The shop's id." })
  id!: string;

  @Field(() => String, { description: "The shop's name." })
  name!: string;

  @Field(() => String, { description: "IANA time zone (e.g. `America/Chicago`); days and weeks are counted in it." })
  timezone!: string;

  @Field(() => String, { description: 'ISO 4217 currency of every amount, e.g. `USD`.' })
  currency!: string;

  @Field(() => WeekDay, { description: 'The day weeks start on.' })
  weekStartsOn!: WeekDay;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When an import last changed this shop's orders; null before any.",
  })
  lastImportAt!: Date | null;

  /** Read by field resolvers, not exposed as is. */
  aovTargetCents!: number;

  /** The shop's scope: every field below reads this shop's data through it. */
  scope!: ShopScope;
}

@ObjectType({ description: 'A new shop and its first API token. The token is shown only here; store it safely.' })
export class CreateShopPayload {
  @Field(() => Shop, { description: 'The new shop (TikTok starts connected).' })
  shop!: Shop;

  @Field(() => String, { description: 'A shop API token, to send as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field(() => ID, { description: 'The id of that token, to revoke it later with `revokeShopToken`.' })
  tokenId!: string;
}

@ObjectType({ description: 'A new API token of a shop. The token is shown only here.' })
export class ShopTokenPayload {
  @Field(() => ID, { description: 'The id of the token, to revoke it later.' })
  tokenId!: string;

  @Field(() => String, { description: 'The token, to send as `Authorization: Bearer <token>`.' })
  token!: string;
}
