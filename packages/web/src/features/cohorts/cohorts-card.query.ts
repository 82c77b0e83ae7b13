import { graphql } from '../../gql';

/** The cohorts by month or by week: the week view's own query (the month view comes with the page). */
export const CohortsByPeriodQuery = graphql(`
  query CohortsByPeriod($by: CohortPeriod!, $first: Int!) {
    shop {
      id
      tiktokInsights {
        cohorts(by: $by, first: $first) {
          ...CohortsCard_cohort
        }
      }
    }
  }
`);

/** Clear cache & refresh of the month view: the card's fragment, on its own. */
export const RefreshCohortsQuery = graphql(`
  query RefreshCohorts {
    shop {
      id
      tiktokInsights {
        ...CohortsCard_insights
      }
    }
  }
`);
