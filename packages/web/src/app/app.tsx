import { ApolloProvider } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from '../apollo/create-apollo-client';
import { readToken, saveToken, signOut } from '../session/session';
import { SessionContext } from '../session/session-context';
import { SignInPage } from '../session/sign-in-page';
import { routes } from './routes';

const router = createBrowserRouter(routes);

export function App() {
  const [token, setToken] = useState<string | null>(() => readToken());
  const client = useMemo(() => (token ? createApolloClient(token) : null), [token]);
  const session = useMemo(
    () =>
      token
        ? {
            token,
            signOut: () => {
              signOut();
              client?.clearStore().catch(() => undefined);
              setToken(null);
            },
          }
        : null,
    [token, client],
  );
  if (!token || !client || !session) {
    return (
      <SignInPage
        onSignIn={(value) => {
          saveToken(value);
          setToken(value);
        }}
      />
    );
  }
  return (
    <SessionContext value={session}>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </SessionContext>
  );
}
