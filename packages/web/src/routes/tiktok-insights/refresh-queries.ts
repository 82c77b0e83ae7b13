import { graphql } from '../../gql';

/*
 * Clear cache & refresh: each data set refetched on its own from the server (network-only). The
 * results land in the cache at the same place as the page query's, so the card updates in place.
 */

export const RefreshAllTimeQuery = graphql(`
  query RefreshAllTime {
    shop {
      id
      tiktokInsights {
        ...AllTimeCard_insights
      }
    }
  }
`);

export const RefreshLast7SummaryQuery = graphql(`
  query RefreshLast7Summary {
    shop {
      id
      tiktokInsights {
        last7Days {
          ...PeriodSummaryCard_period
        }
      }
    }
  }
`);

export const RefreshLast7NetOrdersQuery = graphql(`
  query RefreshLast7NetOrders {
    shop {
      id
      tiktokInsights {
        last7Days {
          ...PeriodNetOrdersCard_period
        }
      }
    }
  }
`);

export const RefreshLast7ShareQuery = graphql(`
  query RefreshLast7Share {
    shop {
      id
      tiktokInsights {
        last7Days {
          ...PeriodShareCard_period
        }
      }
    }
  }
`);

export const RefreshLast7CustomersQuery = graphql(`
  query RefreshLast7Customers {
    shop {
      id
      tiktokInsights {
        last7Days {
          ...PeriodCustomersCard_period
        }
      }
    }
  }
`);

export const RefreshRangeSummaryQuery = graphql(`
  query RefreshRangeSummary($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...PeriodSummaryCard_period
        }
      }
    }
  }
`);

export const RefreshRangeNetOrdersQuery = graphql(`
  query RefreshRangeNetOrders($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...PeriodNetOrdersCard_period
        }
      }
    }
  }
`);

export const RefreshRangeShareQuery = graphql(`
  query RefreshRangeShare($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...PeriodShareCard_period
        }
      }
    }
  }
`);

export const RefreshRangeCustomersQuery = graphql(`
  query RefreshRangeCustomers($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...PeriodCustomersCard_period
        }
      }
    }
  }
`);

export const RefreshTopProductsQuery = graphql(`
  query RefreshTopProducts($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...TopProductsCard_period
        }
      }
    }
  }
`);

export const RefreshCrossoverSummaryQuery = graphql(`
  query RefreshCrossoverSummary {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverSummaryCard_crossover
        }
      }
    }
  }
`);

export const RefreshCrossoverCumulativeQuery = graphql(`
  query RefreshCrossoverCumulative {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverCumulativeCard_crossover
        }
      }
    }
  }
`);

export const RefreshCrossoverRateQuery = graphql(`
  query RefreshCrossoverRate {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverRateCard_crossover
        }
      }
    }
  }
`);

export const RefreshCrossoverBreakdownQuery = graphql(`
  query RefreshCrossoverBreakdown {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverBreakdownCard_crossover
        }
      }
    }
  }
`);
