import { Field, ID, Int, ObjectType, registerEnumType, InputType } from 'type-graphql';
import { PageInfo } from '../../platform/graphql/connection.js';
import { Money } from '../../platform/graphql/money.type.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';

@ObjectType({ description: "A customer's latest imported address." })
export class Address {
  @Field(() => String, { description: 'Street address.' })
  line1!: string;

  @Field(() => String, { nullable: true, description: 'Apartment, suite, unit…' })
  line2!: string | null;

  @Field(() => String, { description: 'City.' })
  city!: string;

  @Field(() => String, { description: 'State or region.' })
  region!: string;

  @Field(() => String, { description: 'ZIP or postal code as imported.' })
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;
}

@ObjectType({
  description: 'A TikTok buyer of the shop, with figures over their counted TikTok orders up to `asOf`.',
})
export class TikTokCustomer {
  @Field(() => ID, { description: "The customer's id in TikTok Insights." })
  id!: string;

  @Field(() => String, { description: "The buyer's TikTok id (the import's `customer.externalId` on TIKTOK orders)." })
  tiktokCustomerId!: string;

  @Field(() => String, { description: 'The latest imported name.' })
  name!: string;

  @Field(() => Address, { description: 'The latest imported address.' })
  address!: Address;

  @Field(() => DateTimeScalar, { description: 'When their first counted TikTok order was placed.' })
  firstOrderAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When their last counted TikTok order up to `asOf` was placed.' })
  lastOrderAt!: Date;

  @Field(() => Int, { description: 'Counted TikTok orders up to `asOf`.' })
  orders!: number;

  @Field(() => Money, { description: 'Net receipts of those orders.' })
  netReceipts!: Money;
}

@ObjectType({ description: 'A customer and its cursor.' })
export class TikTokCustomerEdge {
  @Field(() => String, { description: 'Pass as `after` to continue after this customer.' })
  cursor!: string;

  @Field(() => TikTokCustomer, { description: 'The customer.' })
  node!: TikTokCustomer;
}

@ObjectType({ description: 'A page of TikTok customers.' })
export class TikTokCustomerConnection {
  @Field(() => [TikTokCustomerEdge], { description: 'The customers of this page.' })
  edges!: TikTokCustomerEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to get the next.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many customers the whole list holds.' })
  totalCount!: number;
}

export const CustomerOrderField = {
  NAME: 'NAME',
  FIRST_ORDER_AT: 'FIRST_ORDER_AT',
  LAST_ORDER_AT: 'LAST_ORDER_AT',
  ORDERS: 'ORDERS',
  NET_RECEIPTS: 'NET_RECEIPTS',
} as const;
export type CustomerOrderField = keyof typeof CustomerOrderField;
registerEnumType(CustomerOrderField, {
  name: 'CustomerOrderField',
  description: 'What the customer list is sorted by (ties by customer id, in the same direction).',
  valuesConfig: {
    NAME: { description: 'Name, in code-point order.' },
    FIRST_ORDER_AT: { description: 'First counted TikTok order.' },
    LAST_ORDER_AT: { description: 'Last counted TikTok order.' },
    ORDERS: { description: 'Number of counted TikTok orders.' },
    NET_RECEIPTS: { description: 'Net receipts of counted TikTok orders.' },
  },
});

export const OrderDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type OrderDirection = keyof typeof OrderDirection;
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest first (A to Z, oldest first).' }, DESC: { description: 'Largest first (Z to A, newest first).' } },
});

@InputType({ description: 'A sort order of the customer list. Default: net receipts, descending.' })
export class CustomerOrder {
  @Field(() => CustomerOrderField, { description: 'What to sort by.' })
  field!: CustomerOrderField;

  @Field(() => OrderDirection, { description: 'Ascending or descending.' })
  direction!: OrderDirection;
}
