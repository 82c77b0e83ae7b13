import { Field, ObjectType } from 'type-graphql';
import { formatMoney } from '@tiktok-insights/shared';
import { SafeIntScalar } from './scalars.js';

@ObjectType({ description: "An exact amount of money in the shop's currency." })
export class Money {
  @Field(() => SafeIntScalar, {
    description: "The amount in the currency's minor units (cents for USD), an exact integer.",
  })
  cents!: number;

  @Field(() => String, { description: 'ISO 4217 currency code, e.g. `USD`.' })
  currency!: string;

  @Field(() => String, { description: 'The amount formatted for display, e.g. `$1,234.50`.' })
  formatted!: string;
}

export function money(cents: number, currency: string): Money {
  return { cents, currency, formatted: formatMoney(cents, currency) };
}
