import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { MAX_COHORTS, cohortPeriodsUpTo, type DayWindow } from '@tiktok-insights/shared';
import { badUserInput } from '../../platform/errors/app-error.js';
import { loadCohortCrossover } from '../crossover/crossover.service.js';
import { loadCohortActivity } from '../insights/cohort-activity.service.js';
import { TikTokInsights } from '../insights/insights.types.js';
import { Cohort, CohortPeriod } from './cohorts.types.js';

/** Per cohort start, per period start: a count. */
type CountsByCohort = Map<string, Map<string, number>>;

function byCohort(rows: ReadonlyArray<readonly [cohortStart: string, periodStart: string, customers: number]>): CountsByCohort {
  const counts: CountsByCohort = new Map();
  for (const [cohortStart, periodStart, customers] of rows) {
    const periods = counts.get(cohortStart) ?? new Map<string, number>();
    periods.set(periodStart, (periods.get(periodStart) ?? 0) + customers);
    counts.set(cohortStart, periods);
  }
  return counts;
}

function cohortOf(index: number, periods: readonly DayWindow[], active: CountsByCohort, crossover: CountsByCohort): Cohort {
  const own = periods[index]!;
  const activeByPeriod = active.get(own.start);
  const crossoverByPeriod = crossover.get(own.start);
  let cumulativeCrossover = 0;
  return {
    start: own.start,
    end: own.end,
    customers: activeByPeriod?.get(own.start) ?? 0,
    periods: periods.slice(index).map((period, offset) => {
      cumulativeCrossover += crossoverByPeriod?.get(period.start) ?? 0;
      return {
        index: offset,
        start: period.start,
        end: period.end,
        activeCustomers: activeByPeriod?.get(period.start) ?? 0,
        cumulativeCrossoverCustomers: cumulativeCrossover,
      };
    }),
  };
}

@Resolver(() => TikTokInsights)
export class TikTokCohortsResolver {
  @FieldResolver(() => [Cohort], {
    description:
      'TikTok customers grouped by the period (calendar month, or week by `weekStartsOn`) of their first counted TikTok ' +
      "order: the last `first` periods up to the one that holds asOf, oldest first, each with the cohort's later periods.",
  })
  async cohorts(
    @Root() insights: TikTokInsights,
    @Arg('by', () => CohortPeriod, { nullable: true, defaultValue: 'MONTH', description: 'Months (default) or weeks.' })
    by: CohortPeriod | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 12, description: `How many cohorts, 1 to ${MAX_COHORTS} (default 12).` })
    first: number | null,
  ): Promise<Cohort[]> {
    by ??= 'MONTH';
    first ??= 12;
    if (first < 1 || first > MAX_COHORTS) {
      throw badUserInput(`first must be between 1 and ${MAX_COHORTS}.`, { field: 'first' });
    }
    const { shop, asOf } = insights.scope;
    const periods = cohortPeriodsUpTo(asOf, first, by, shop.weekStartsOn);
    const firstStart = periods[0]!.start;
    const [active, crossover] = await Promise.all([
      loadCohortActivity(shop.scope, { asOf, by, firstStart, last: periods.at(-1)! }),
      loadCohortCrossover(shop.scope, { asOf, by, firstStart }),
    ]);
    const activeByCohort = byCohort(active);
    const crossoverByCohort = byCohort(crossover);
    return periods.map((_, index) => cohortOf(index, periods, activeByCohort, crossoverByCohort));
  }
}
