import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { hasErrorCode, isUnauthenticated } from '../apollo/error-codes';
import { ErrorState, errorMessage } from '../components/states/error-state';
import { getFragmentData, graphql } from '../gql';
import { useAccount, useSession } from './account-context';
import { authCall, authClient } from './auth-client';
import { AuthPage } from './auth-page';
import { accountErrorMessage, NETWORK_FAILURE } from './auth-messages';
import { CallerContext, CallerContextFragment } from './caller-context';
import { SignInPage } from './sign-in-page';

/** Who is asking, for the active shop; the fields are those the pages read (CallerContext_caller). */
export const CallerQuery = graphql(`
  query Caller {
    caller {
      ...CallerContext_caller
    }
  }
`);

/** The dashboard's pages show only with a session and an active shop; otherwise the sign-in page, in place. */
export function SignedInGate() {
  const account = useAccount();
  const { status } = account;
  switch (status.kind) {
    case 'checking':
      return <Loading />;
    case 'unreachable':
      return (
        <AuthPage title="We could not reach the server">
          <p role="alert">{NETWORK_FAILURE}</p>
          <button type="button" className="button button--primary" onClick={() => void account.refresh()}>
            Try again
          </button>
        </AuthPage>
      );
    case 'signed-out':
      return <SignInPage ended={status.ended} onSignedIn={account.refresh} />;
    case 'signed-in':
      if (!status.session.activeShopId) return <ChooseFirstShop />;
      return (
        <CallerGate notMember={(error) => <NoLongerMember message={errorMessage(error)} />}>
          <Outlet />
        </CallerGate>
      );
  }
}

function Loading() {
  return (
    <p role="status" className="app-loading">
      Loading…
    </p>
  );
}

/**
 * Asks who the caller is for the active shop (role and what it may do) before the pages show;
 * asked again when the shop changes (the store is reset). `notMember`: what a person sees when
 * the session's shop refuses them (FORBIDDEN: removed from its team).
 */
export function CallerGate({ children, notMember }: { children: ReactNode; notMember?: (error: unknown) => ReactNode }) {
  const { data, previousData, error, refetch } = useQuery(CallerQuery);
  const caller = (data ?? previousData)?.caller;
  if (caller) return <CallerContext value={getFragmentData(CallerContextFragment, caller)}>{children}</CallerContext>;
  if (error && notMember && hasErrorCode(error, 'FORBIDDEN')) return notMember(error);
  // A refused session or link: the app is already switching to what says so.
  if (error && !isUnauthenticated(error)) {
    return (
      <main className="app-loading">
        <ErrorState error={error} onRetry={() => void refetch()} />
      </main>
    );
  }
  return <Loading />;
}

/** A session without an active shop (a first sign-in): the person's first shop becomes the active one. */
function ChooseFirstShop() {
  const { switchShop, signOut } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [noShop, setNoShop] = useState(false);
  useEffect(() => {
    let stale = false;
    authCall((fetchOptions) => authClient.organization.list({ fetchOptions }))
      .then(async (shops) => {
        if (stale) return;
        const first = shops[0];
        if (first) await switchShop(first.id);
        else setNoShop(true);
      })
      .catch((error: unknown) => {
        if (!stale) setProblem(accountErrorMessage(error));
      });
    return () => {
      stale = true;
    };
  }, [switchShop]);
  if (!noShop && !problem) return <Loading />;
  return (
    <AuthPage title={noShop ? 'You are not in any shop yet' : 'We could not open your shop'}>
      <p role={problem ? 'alert' : undefined}>{problem ?? 'Ask an owner of the shop to invite you, then open the link of the invitation.'}</p>
      <button type="button" className="button" onClick={() => void signOut().catch(() => undefined)}>
        Sign out
      </button>
    </AuthPage>
  );
}

/**
 * The session's shop no longer has the person in its team (an owner removed them): why, their
 * other shops to open, and Sign out, since the side menu with the account needs a shop to show.
 */
function NoLongerMember({ message }: { message: string }) {
  const { switchShop, signOut } = useSession();
  const [shops, setShops] = useState<Array<{ id: string; name: string }> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let stale = false;
    authCall((fetchOptions) => authClient.organization.list({ fetchOptions }))
      .then((list) => !stale && setShops(list.map(({ id, name }) => ({ id, name }))))
      .catch((error: unknown) => !stale && setProblem(accountErrorMessage(error)));
    return () => {
      stale = true;
    };
  }, []);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(accountErrorMessage(error));
      setBusy(false);
    }
  };
  return (
    <AuthPage title="You are no longer a member of this shop">
      <p role="alert" data-testid="not-a-member">
        {message}
      </p>
      {problem && <p role="alert">{problem}</p>}
      {shops?.map((shop) => (
        <button key={shop.id} type="button" className="button button--primary" disabled={busy} onClick={() => void act(() => switchShop(shop.id))}>
          Open {shop.name}
        </button>
      ))}
      <button type="button" className="button" disabled={busy} onClick={() => void act(signOut)}>
        Sign out
      </button>
    </AuthPage>
  );
}
