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
    ...TopProductsCard_period
  }
`);

/**
 * The TikTok tab's one query: the shop and every data set of the page, composed from the
 * fragments each card declares beside itself.
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
        ...MarketingCustomersCard_insights
        crossover {
          ...CrossoverSummaryCard_crossover
          ...CrossoverCumulativeCard_crossover
          ...CrossoverRateCard_crossover
          ...CrossoverBreakdownCard_crossover
          ...CrossoverCustomersCard_crossover
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
