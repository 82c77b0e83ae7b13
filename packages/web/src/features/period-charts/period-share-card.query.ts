import { graphql } from '../../gql';
import type { PeriodRefreshQueries } from '../period-window';

/** Clear cache & refresh of the card, for each window it shows: its fragment, on its own. */
export const PeriodShareCardRefresh: PeriodRefreshQueries = {
  last7Days: graphql(`
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
  `),
  dateRange: graphql(`
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
  `),
};
