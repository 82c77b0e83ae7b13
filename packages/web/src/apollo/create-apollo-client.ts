import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type FieldMergeFunction, type Reference, type StoreObject } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { isUnauthenticated } from './error-codes';

type Point = StoreObject | Reference;

/**
 * Lists of points without ids of their own (a period's `series`, the crossover weeks). Several
 * cards read different fields of the same points, and Clear cache & refresh fetches one card's
 * fields: when the refreshed list covers the same periods, its points are merged into the cached
 * ones instead of replacing them, so the other cards keep their fields (and the page query stays
 * complete, with no refetch of every data set).
 */
const mergePointsOfSamePeriods: FieldMergeFunction<Point[], Point[]> = (existing, incoming, { readField, mergeObjects }) => {
  if (!existing || existing.length !== incoming.length) return incoming;
  const samePeriods = incoming.every(
    (point, i) => readField('start', point) === readField('start', existing[i]) && readField('end', point) === readField('end', existing[i]),
  );
  return samePeriods ? incoming.map((point, i) => mergeObjects(existing[i]!, point)) : incoming;
};

/**
 * The dashboard's client. Insights objects have no id of their own, so they live under the shop
 * and are merged field by field: a data set refreshed on its own (Clear cache & refresh) lands
 * beside the others instead of replacing them.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      TikTokInsights: { merge: true },
      PeriodInsights: { merge: true, fields: { series: { merge: mergePointsOfSamePeriods } } },
      CrossoverInsights: { merge: true, fields: { cumulativeByWeek: { merge: mergePointsOfSamePeriods } } },
      TikTokIntegration: { merge: true },
      // The target is one amount that pages ask for with different fields (Settings also needs its cents).
      Shop: { fields: { aovTarget: { merge: true } } },
    },
  });
}

/**
 * A person's client sends no Authorization header: the session cookie goes with every request by
 * itself (same origin). A shared link's visitor sends the link's token (or the access token its
 * password unlocked) as `bearer`, held in memory only. `onUnauthenticated` runs when the API
 * refuses the credentials on any operation (the session ended, the link was revoked).
 */
export function createApolloClient({ bearer, onUnauthenticated }: { bearer?: string; onUnauthenticated?: () => void } = {}): ApolloClient {
  const http = new HttpLink({ uri: '/graphql', headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const refused = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) onUnauthenticated?.();
  });
  return new ApolloClient({ link: ApolloLink.from([refused, http]), cache: createCache() });
}
