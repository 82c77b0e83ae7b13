import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import {
  ORDER_STATUSES,
  SALES_CHANNELS,
  type AddressData,
  type CustomerData,
  type OrderLineData,
  type OrderStatus,
  type SalesChannel,
} from './order-input.js';

const enumObject = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const SalesChannelEnum = enumObject(SALES_CHANNELS);
registerEnumType(SalesChannelEnum, {
  name: 'SalesChannel',
  description: 'Where an order was placed. Every channel but TIKTOK is the store (its app, website and social shops).',
  valuesConfig: {
    TIKTOK: { description: 'TikTok Shop; the customer is a TikTok buyer.' },
    APP: { description: "The shop's own app." },
    WEBSITE: { description: "The shop's own website." },
    FACEBOOK: { description: 'Facebook shop.' },
    INSTAGRAM: { description: 'Instagram shop.' },
    OTHER: { description: 'Any other store channel.' },
  },
});

export const OrderStatusEnum = enumObject(ORDER_STATUSES);
registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  description: 'The state of an order. Only PAID, SHIPPED and DELIVERED orders are counted by any metric.',
  valuesConfig: {
    UNPAID: { description: 'Placed, not paid yet: not counted.' },
    PAID: { description: 'Paid: counted.' },
    SHIPPED: { description: 'Shipped: counted.' },
    DELIVERED: { description: 'Delivered: counted.' },
    CANCELLED: { description: 'Cancelled: not counted.' },
    REFUNDED: { description: 'Refunded: not counted.' },
  },
});

@InputType({ description: "A customer's address." })
export class AddressInput implements AddressData {
  @Field(() => String, { description: 'Street address.' })
  line1!: string;

  @Field(() => String, { nullable: true, description: 'Apartment, suite, unit…' })
  line2?: string | null;

  @Field(() => String, { description: 'City.' })
  city!: string;

  @Field(() => String, { description: 'State or region.' })
  region!: string;

  @Field(() => String, { description: 'ZIP or postal code (ZIP+4 is read as its 5-digit ZIP).' })
  postalCode!: string;

  @Field(() => String, { defaultValue: 'US', description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;
}

@InputType({ description: 'The buyer of an order.' })
export class CustomerInput implements CustomerData {
  @Field(() => String, {
    description: "TikTok buyer id on TIKTOK orders; the store's customer id on every other channel.",
  })
  externalId!: string;

  @Field(() => String, { description: "The customer's name. The latest import wins." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Email; never sent for TIKTOK orders (ignored there).' })
  email?: string | null;

  @Field(() => AddressInput, { description: 'Shipping address. The latest import wins.' })
  address!: AddressInput;
}

@InputType({ description: 'One line of an order.' })
export class OrderLineInput implements OrderLineData {
  @Field(() => String, { description: "The product's id in the shop; products are keyed by it." })
  productExternalId!: string;

  @Field(() => String, { description: "The product's name; the latest import wins." })
  productName!: string;

  @Field(() => String, { nullable: true, description: "The product's SKU; the latest import wins." })
  sku?: string | null;

  @Field(() => Int, { description: 'Units, at least 1.' })
  quantity!: number;

  @Field(() => Int, { description: 'Price of one unit in minor units (cents), 0 or more.' })
  unitPriceCents!: number;
}

@InputType({ description: 'An order to create or update; idempotent on (shop, channel, externalId).' })
export class OrderInput {
  @Field(() => String, { description: 'The order id, unique per shop and channel.' })
  externalId!: string;

  @Field(() => SalesChannelEnum, { description: 'Where the order was placed.' })
  channel!: SalesChannel;

  @Field(() => DateTimeScalar, { description: 'When the order was placed, ISO 8601 with an offset.' })
  placedAt!: Date;

  @Field(() => OrderStatusEnum, { defaultValue: 'PAID', description: 'The order\'s state; only PAID, SHIPPED and DELIVERED count.' })
  status!: OrderStatus;

  @Field(() => CustomerInput, { description: 'The buyer.' })
  customer!: CustomerInput;

  @Field(() => [OrderLineInput], { description: 'At least one line.' })
  lines!: OrderLineInput[];

  @Field(() => Int, { defaultValue: 0, description: 'Tax in cents.' })
  taxCents!: number;

  @Field(() => Int, { defaultValue: 0, description: 'Shipping paid by the customer, in cents.' })
  shippingCents!: number;

  @Field(() => Int, { defaultValue: 0, description: 'Customer coupons, in cents.' })
  discountCents!: number;

  @Field(() => Int, { defaultValue: 0, description: 'Customer credits, in cents.' })
  creditCents!: number;
}

@ObjectType({ description: 'What an import did, order by order.' })
export class ImportOrdersResult {
  @Field(() => Int, { description: 'Orders that were new.' })
  created!: number;

  @Field(() => Int, { description: 'Orders that existed with other values and were updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Orders sent again exactly as stored; nothing changed.' })
  unchanged!: number;
}
