import { graphql } from '../../gql';

/** Clear cache & refresh of the card: its fragment, on its own. */
export const RefreshCrossoverLagQuery = graphql(`
  query RefreshCrossoverLag {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverLagCard_crossover
        }
      }
    }
  }
`);
