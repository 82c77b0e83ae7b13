import { graphql } from '../../gql';
import type { PeriodRefreshQueries } from '../period-window';

/** Clear cache & refresh of the card, for each window it shows: its fragment, on its own. */
export const PeriodCustomersCardRefresh: PeriodRefreshQueries = {
  last7Days: graphql(`
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
  `),
  dateRange: graphql(`
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
  `),
};
