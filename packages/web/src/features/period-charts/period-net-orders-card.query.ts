import { graphql } from '../../gql';
import type { PeriodRefreshQueries } from '../period-window';

/** Clear cache & refresh of the card, for each window it shows: its fragment, on its own. */
export const PeriodNetOrdersCardRefresh: PeriodRefreshQueries = {
  last7Days: graphql(`
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
  `),
  dateRange: graphql(`
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
  `),
};
