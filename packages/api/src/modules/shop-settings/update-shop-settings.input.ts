import { Field, InputType, Int } from 'type-graphql';
import { WeekDay } from '../shops/shop.types.js';

@InputType({ description: "Changes to a shop's settings. Every field is optional; a field left out (or null) stays as it is." })
export class UpdateShopSettingsInput {
  @Field(() => String, { nullable: true, description: "The shop's name (1 to 200 characters)." })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'IANA time zone, e.g. `America/Chicago`. Days are counted in it: a change recomputes every daily figure for the new zone, ' +
      'in the same transaction as the change.',
  })
  timezone?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO 4217 currency code. Amounts are kept in minor units and are relabelled, never converted; a currency with another ' +
      "number of minor-unit digits (USD 2, JPY 0) is refused once the shop has orders.",
  })
  currency?: string | null;

  @Field(() => WeekDay, { nullable: true, description: 'The day weeks start on; weeks are formed when read, so it applies at once.' })
  weekStartsOn?: WeekDay | null;

  @Field(() => Int, { nullable: true, description: 'Average order value target in minor units (cents), 0 or more; 4000 = $40.' })
  aovTargetCents?: number | null;
}
