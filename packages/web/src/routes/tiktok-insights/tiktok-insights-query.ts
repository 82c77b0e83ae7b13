import { graphql } from '../../gql';

/**
 * The date range's data sets: every card of the Date range section. The page query and the range
 * update (RangeDataSets) both spread it, so the two ask for the same fields by construction.
 */
export const RangeDataSetsFragment = graphql(`
  fragment RangeDataSets_period on PeriodInsights {
    start
    end
    ...PeriodSummaryCard_period
    ...PeriodNetOrdersCard_period
    ...PeriodShareCard_period
    ...PeriodCustomersCard_period
    ...BestHoursCard_period
    ...TopProductsCard_period
  }
`);

/**
 * The TikTok tab's one query: the shop and every data set of the page, composed from the
 * fragments each card declares beside itself. Without `withCustomers` (a shared link's visitor)
 * no customer's name or address is asked for; the lists' counts still are.
 */
export const TikTokInsightsPageQuery = graphql(`
  query TikTokInsightsPage(
    $from: Date
    $to: Date
    $customersFirst: Int = 25
    $customersAfter: String
    $customersOrderBy: CustomerOrder = { field: NET_RECEIPTS, direction: DESC }
    $crossoverFirst: Int = 25
    $crossoverAfter: String
    $withCustomers: Boolean = true
  ) {
    shop {
      id
      name
      timezone
      weekStartsOn
      lastImportAt
      aovTarget {
        formatted
      }
      tiktok {
        connected
      }
      tiktokInsights {
        asOf
        ...AllTimeCard_insights
        last7Days {
          ...PeriodSummaryCard_period
          ...PeriodNetOrdersCard_period
          ...PeriodShareCard_period
          ...PeriodCustomersCard_period
        }
        dateRange(from: $from, to: $to) {
          ...RangeDataSets_period
        }
        allTime {
          uniqueCustomers
        }
        ...CohortsCard_insights
        ...MarketingCustomersCard_insights @include(if: $withCustomers)
        crossover {
          crossoverCustomers
          ...CrossoverSummaryCard_crossover
          ...CrossoverCumulativeCard_crossover
          ...CrossoverRateCard_crossover
          ...CrossoverBreakdownCard_crossover
          ...CrossoverLagCard_crossover
          ...CrossoverCustomersCard_crossover @include(if: $withCustomers)
        }
      }
    }
  }
`);

/** After Update: only the range's data sets, fetched before the address changes to the new range. */
export const RangeDataSetsQuery = graphql(`
  query RangeDataSets($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...RangeDataSets_period
        }
      }
    }
  }
`);
