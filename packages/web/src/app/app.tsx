import { ApolloProvider } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from '../apollo/create-apollo-client';
import { AccountContext, type Account, type AccountStatus } from '../auth/account-context';
import { authCall, authClient, fetchSession, type SignedInSession } from '../auth/auth-client';
import { appRoutes } from './app-routes';
import { prefetchFirstPage } from './prefetch-first-page';

const router = createBrowserRouter(appRoutes);

/**
 * The dashboard: the person's session (asked of the server at start; only its HttpOnly cookie is
 * kept, by the browser) and one Apollo client that sends that cookie. Shared links make a client
 * of their own (routes/shared).
 */
export function App({ firstSession }: { firstSession?: Promise<SignedInSession | null> } = {}) {
  const [status, setStatus] = useState<AccountStatus>({ kind: 'checking' });
  // The client's error link outlives renders: it calls whatever `sessionEnded` is current.
  const onUnauthenticated = useRef<() => void>(() => undefined);
  const [client] = useState(() => createApolloClient({ onUnauthenticated: () => onUnauthenticated.current() }));

  // `firstSession`: the session already asked for (main.tsx asks while the app's first frame draws).
  const pendingFirstSession = useRef(firstSession);
  const refresh = useCallback(async () => {
    try {
      const asked = pendingFirstSession.current;
      pendingFirstSession.current = undefined;
      const session = await (asked ?? fetchSession());
      if (session?.activeShopId) prefetchFirstPage(client, window.location);
      setStatus(session ? { kind: 'signed-in', session } : { kind: 'signed-out', ended: false });
    } catch (error) {
      setStatus({ kind: 'unreachable', error });
    }
  }, [client]);
  useEffect(() => void refresh(), [refresh]);

  const account = useMemo<Account>(() => {
    const sessionEnded = () => {
      setStatus((current) => (current.kind === 'signed-in' ? { kind: 'signed-out', ended: true } : current));
      void client.clearStore();
    };
    return {
      status,
      refresh,
      sessionEnded,
      signOut: async () => {
        await authCall((fetchOptions) => authClient.signOut({ fetchOptions }));
        setStatus({ kind: 'signed-out', ended: false });
        await client.clearStore();
      },
      switchShop: async (shopId) => {
        await authCall((fetchOptions) => authClient.organization.setActive({ organizationId: shopId }, fetchOptions));
        setStatus((current) => (current.kind === 'signed-in' ? { kind: 'signed-in', session: { ...current.session, activeShopId: shopId } } : current));
        // Every query answers for the active shop: nothing cached for the other one may show.
        await client.resetStore();
      },
    };
  }, [status, refresh, client]);
  useEffect(() => {
    onUnauthenticated.current = account.sessionEnded;
  }, [account]);

  return (
    <AccountContext value={account}>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </AccountContext>
  );
}
