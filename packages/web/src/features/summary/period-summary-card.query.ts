import { graphql } from '../../gql';
import type { PeriodRefreshQueries } from '../period-window';

/** Clear cache & refresh of the card, for each window it shows: its fragment, on its own. */
export const PeriodSummaryCardRefresh: PeriodRefreshQueries = {
  last7Days: graphql(`
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
  `),
  dateRange: graphql(`
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
  `),
};
