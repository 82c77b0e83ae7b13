import { ApolloProvider } from '@apollo/client/react';
import { Suspense, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { createApolloClient } from '../../apollo/create-apollo-client';
import { AuthPage } from '../../auth/auth-page';
import { NETWORK_FAILURE, tooManyAttempts } from '../../auth/auth-messages';
import { CallerGate } from '../../auth/signed-in-gate';
import { FormError, TextField } from '../../components/forms/text-field';
import { TikTokInsightsRoute } from '../tiktok-insights/tiktok-insights-route';
import { fetchSharedLink, SharedLinkError, unlockSharedLink, type SharedLinkInfo } from './shared-link-api';

type LinkState =
  | { kind: 'loading' }
  | { kind: 'gone' }
  | { kind: 'failed'; message: string }
  | { kind: 'locked'; info: SharedLinkInfo }
  /** `bearer`: the link's token, or the access token its password unlocked. */
  | { kind: 'open'; info: SharedLinkInfo; bearer: string };

const GONE_TEXT =
  'This link does not work: it may have been typed wrong, revoked by the shop, or expired. Ask the person who shared it for a new one.';

/** `/shared/<token>`: a read-only view of one shop's dashboard, for anyone with the link (no account). */
export function SharedLinkRoute() {
  const { token = '' } = useParams();
  const [state, setState] = useState<LinkState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchSharedLink(token, controller.signal)
      .then((info) => setState(info.needsPassword ? { kind: 'locked', info } : { kind: 'open', info, bearer: token }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof SharedLinkError && error.reason === 'gone') setState({ kind: 'gone' });
        else setState({ kind: 'failed', message: error instanceof SharedLinkError ? error.message : NETWORK_FAILURE });
      });
    return () => controller.abort();
  }, [token, attempt]);

  switch (state.kind) {
    case 'loading':
      return (
        <p role="status" className="app-loading">
          Loading…
        </p>
      );
    case 'gone':
      return (
        <AuthPage title="This shared link does not work">
          <p role="alert" data-testid="shared-link-gone">
            {GONE_TEXT}
          </p>
        </AuthPage>
      );
    case 'failed':
      return (
        <AuthPage title="We could not open this link">
          <p role="alert">{state.message}</p>
          <button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </AuthPage>
      );
    case 'locked':
      return <PasswordPrompt token={token} info={state.info} onUnlocked={(bearer) => setState({ kind: 'open', info: state.info, bearer })} />;
    case 'open':
      return <SharedDashboard shopName={state.info.shopName} bearer={state.bearer} onGone={() => setState({ kind: 'gone' })} />;
  }
}

function PasswordPrompt({ token, info, onUnlocked }: { token: string; info: SharedLinkInfo; onUnlocked: (accessToken: string) => void }) {
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    if (!password) {
      setFieldError('Enter the password you were given with the link.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onUnlocked(await unlockSharedLink(token, password));
    } catch (error) {
      if (error instanceof SharedLinkError && error.reason === 'wrong-password') {
        setFieldError('That password is not right. Check it and try again.');
        input.current?.focus();
      } else if (error instanceof SharedLinkError && error.reason === 'throttled') setFormError(tooManyAttempts(error.retryAfterSeconds));
      else if (error instanceof SharedLinkError && error.reason === 'gone') setFormError(GONE_TEXT);
      else setFormError(error instanceof SharedLinkError ? error.message : NETWORK_FAILURE);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthPage title={`${info.shopName} shared its dashboard with you`}>
      <p className="muted">This link needs a password.</p>
      <form className="sign-in__form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <TextField
          label="Password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setFieldError(null);
          }}
          error={fieldError}
          inputRef={input}
        />
        <FormError message={formError} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Opening…' : 'Open the dashboard'}
        </button>
      </form>
    </AuthPage>
  );
}

/** The dashboard as the link's visitor sees it: read-only, no menu, no customer lists. */
function SharedDashboard({ shopName, bearer, onGone }: { shopName: string; bearer: string; onGone: () => void }) {
  const goneRef = useRef(onGone);
  useEffect(() => {
    goneRef.current = onGone;
  }, [onGone]);
  const client = useMemo(() => createApolloClient({ bearer, onUnauthenticated: () => goneRef.current() }), [bearer]);
  return (
    <ApolloProvider client={client}>
      <div className="shared-view">
        <p className="shared-view__banner" role="note" data-testid="shared-banner">
          Read-only view of <strong>{shopName}</strong> shared with you
        </p>
        <main id="main" className="app__main shared-view__main">
          <CallerGate>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <TikTokInsightsRoute />
            </Suspense>
          </CallerGate>
        </main>
      </div>
    </ApolloProvider>
  );
}
