import { graphql } from '../../gql';

/** Clear cache & refresh of the all-time card: its fragment, on its own. */
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
