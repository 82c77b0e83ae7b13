import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The dashboard's client. Insights objects have no id of their own, so they live under the shop
 * and are merged field by field: a data set refreshed on its own (Clear cache & refresh) lands
 * beside the others instead of replacing them.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      TikTokInsights: { merge: true },
      PeriodInsights: { merge: true },
      CrossoverInsights: { merge: true },
      TikTokIntegration: { merge: true },
    },
  });
}

export function createApolloClient(token: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', headers: { authorization: `Bearer ${token}` } }),
    cache: createCache(),
  });
}
