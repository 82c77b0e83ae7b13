import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Observable } from 'rxjs';
import { createCache } from '../apollo/create-apollo-client';
import { AccountContext, type Account } from '../auth/account-context';
import { CallerContext, type Caller } from '../auth/caller-context';
import { personCaller, signedInAccount } from './accounts';

export interface RecordedOperation {
  operationName: string;
  variables: Record<string, unknown>;
  query: string;
}

const FULL_RESULT = Symbol('full GraphQL result');

/** A whole answer for `respond` to give, e.g. with `errors` (anything else `respond` returns is the `data`). */
export function graphqlResult(result: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) {
  return { [FULL_RESULT]: result };
}

/** A link that records every operation and answers from `respond` (a hand-made server). */
export function recordingLink(respond: (op: RecordedOperation) => unknown) {
  const operations: RecordedOperation[] = [];
  const link = new ApolloLink((operation) => {
    const recorded = {
      operationName: operation.operationName ?? '',
      variables: operation.variables as Record<string, unknown>,
      query: operation.query.loc?.source.body ?? '',
    };
    operations.push(recorded);
    return new Observable((observer) => {
      Promise.resolve().then(() => {
        const answer = respond(recorded) as Record<PropertyKey, unknown>;
        observer.next((answer[FULL_RESULT] as object | undefined) ?? { data: answer });
        observer.complete();
      });
    });
  });
  return { link, operations };
}

export function renderWithApollo(
  ui: ReactNode,
  {
    respond,
    path = '/',
    routes,
    caller = personCaller('OWNER'),
    account = signedInAccount(),
  }: { respond: (op: RecordedOperation) => unknown; path?: string; routes?: RouteObject[]; caller?: Caller; account?: Account },
) {
  const { link, operations } = recordingLink(respond);
  const client = new ApolloClient({ link, cache: createCache() });
  const router = createMemoryRouter(routes ?? [{ path: '*', element: ui }], { initialEntries: [path] });
  const result = render(
    <AccountContext value={account}>
      <CallerContext value={caller}>
        <ApolloProvider client={client}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </CallerContext>
    </AccountContext>,
  );
  return { ...result, operations, router, client };
}
