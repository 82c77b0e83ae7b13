import { graphql } from '../../gql';

/** Clear cache & refresh of the card: its fragment, on its own. */
export const RefreshCrossoverSummaryQuery = graphql(`
  query RefreshCrossoverSummary {
    shop {
      id
      tiktokInsights {
        crossover {
          ...CrossoverSummaryCard_crossover
        }
      }
    }
  }
`);
