import { graphql } from '../../gql';

/** Clear cache & refresh of the card: its fragment, on its own. */
export const RefreshCrossoverCumulativeQuery = graphql(`
  query RefreshCrossoverCumulative {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverCumulativeCard_crossover
        }
      }
    }
  }
`);
