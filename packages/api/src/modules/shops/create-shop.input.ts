import { Field, InputType, Int } from 'type-graphql';
import { WeekDay } from './shop.types.js';

@InputType({ description: 'A new shop.' })
export class CreateShopInput {
  @Field(() => String, { description: "The shop's name (1 to 200 characters)." })
  name!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. `America/Chicago`.' })
  timezone!: string;

  @Field(() => String, { nullable: true, defaultValue: 'USD', description: 'ISO 4217 currency code.' })
  currency?: string | null;

  @Field(() => WeekDay, { nullable: true, defaultValue: 'MONDAY', description: 'The day weeks start on.' })
  weekStartsOn?: WeekDay | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 4000,
    description: 'Average order value target in minor units (cents); 4000 = $40.',
  })
  aovTargetCents?: number | null;
}
