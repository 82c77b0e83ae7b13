import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from '../apollo/create-apollo-client';
import { forgetToken, readToken, saveToken, signOut, tokenFromLink } from '../session/session';
import { SessionContext } from '../session/session-context';
import { SignInPage } from '../session/sign-in-page';
import { routes } from './routes';

const router = createBrowserRouter(routes);

export function App() {
  const [token, setToken] = useState<string | null>(() => readToken());
  /** The token the API refused last: the sign-in page then says why it is shown. */
  const [refusedToken, setRefusedToken] = useState<string | null>(null);
  useEffect(() => {
    // A sign-in link opened in a tab already showing the app changes only the address's fragment.
    const onHashChange = () => {
      const fromLink = tokenFromLink();
      if (!fromLink) return;
      setRefusedToken(null);
      setToken(fromLink);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  /**
   * The API refused the token (revoked, expired, replaced by a newer sign-in link), on GraphQL or
   * on the import routes: the stored token is forgotten and the sign-in page says why. An answer
   * can arrive after the seller has signed in again: only the token in use is dropped.
   */
  const tokenRefused = useMemo(
    () =>
      token
        ? () => {
            forgetToken(token);
            setRefusedToken(token);
            setToken((current) => (current === token ? null : current));
          }
        : null,
    [token],
  );
  const client = useMemo(() => (token && tokenRefused ? createApolloClient(token, { onUnauthenticated: tokenRefused }) : null), [token, tokenRefused]);
  const session = useMemo(
    () =>
      token && tokenRefused
        ? {
            token,
            signOut: () => {
              signOut();
              client?.clearStore().catch(() => undefined);
              setRefusedToken(null);
              setToken(null);
            },
            tokenRefused,
          }
        : null,
    [token, client, tokenRefused],
  );
  if (!token || !client || !session) {
    return (
      <SignInPage
        notice={refusedToken ? 'expired' : null}
        onSignIn={(value) => {
          saveToken(value);
          setRefusedToken(null);
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
