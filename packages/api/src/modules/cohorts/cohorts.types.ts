import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../platform/graphql/scalars.js';

export const CohortPeriod = { MONTH: 'MONTH', WEEK: 'WEEK' } as const;
export type CohortPeriod = keyof typeof CohortPeriod;
registerEnumType(CohortPeriod, {
  name: 'CohortPeriod',
  description: 'How customers are grouped into cohorts.',
  valuesConfig: {
    MONTH: { description: "Calendar months in the shop's time zone." },
    WEEK: { description: "Weeks starting on the shop's `weekStartsOn`." },
  },
});

@ObjectType({ description: 'One period of a cohort: how many of its customers bought on TikTok then, and how many had crossed over by its end.' })
export class CohortPeriodPoint {
  @Field(() => Int, { description: "Periods since the cohort's own (0 = the cohort's period)." })
  index!: number;

  @Field(() => DateScalar, { description: 'First day of the period.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  end!: string;

  @Field(() => Int, { description: 'Cohort customers with a counted TikTok order in this period (index 0: all of them).' })
  activeCustomers!: number;

  @Field(() => Int, {
    description: "Cohort customers whose crossover date is on or before the period's end (asOf, for the period that holds it).",
  })
  cumulativeCrossoverCustomers!: number;
}

@ObjectType({ description: 'The TikTok customers whose first counted TikTok order falls in one period, and what they did after.' })
export class Cohort {
  @Field(() => DateScalar, { description: 'First day of the cohort\'s period.' })
  start!: string;

  @Field(() => DateScalar, { description: 'Last day of the cohort\'s period.' })
  end!: string;

  @Field(() => Int, { description: 'Customers whose first counted TikTok order falls in the period (may be 0).' })
  customers!: number;

  @Field(() => [CohortPeriodPoint], { description: "From the cohort's own period (index 0) to the period that holds asOf." })
  periods!: CohortPeriodPoint[];
}
