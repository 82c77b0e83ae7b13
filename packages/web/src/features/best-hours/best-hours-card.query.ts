import { graphql } from '../../gql';

/** Clear cache & refresh of the best hours of the range: the card's fragment, on its own. */
export const RefreshRangeBestHoursQuery = graphql(`
  query RefreshRangeBestHours($from: Date, $to: Date) {
    shop {
      id
      tiktokInsights {
        dateRange(from: $from, to: $to) {
          ...BestHoursCard_period
        }
      }
    }
  }
`);
