import { graphql } from '../../gql';

/** Clear cache & refresh of the top 10 by units (the page's order): the card's fragment, on its own. */
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
