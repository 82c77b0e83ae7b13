import { graphql } from '../../gql';

/** Clear cache & refresh of the card: its fragment, on its own. */
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
