import { graphql } from '../../gql';

/** Clear cache & refresh of the card: its fragment, on its own. */
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
