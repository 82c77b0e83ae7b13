import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';

/**
 * Clear cache & refresh of one data set: its own query, fetched from the server (network-only).
 * The answer lands in the cache where the page query's did, so the card updates in place.
 */
export function useRefreshQuery<TData, TVariables extends OperationVariables>(query: TypedDocumentNode<TData, TVariables>, variables?: TVariables) {
  const client = useApolloClient();
  return () => client.query({ query, variables, fetchPolicy: 'network-only' } as Parameters<typeof client.query<TData, TVariables>>[0]);
}
