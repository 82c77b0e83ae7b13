import { useState, type FormEvent } from 'react';
import { SIGN_IN_EXPIRED, tokenFromInput } from './session';

export function SignInPage({ onSignIn, notice = null }: { onSignIn: (token: string) => void; notice?: 'expired' | null }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = tokenFromInput(token);
    if (value) onSignIn(value);
  };
  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">♪</span> TikTok Insights
        </p>
        <h1>Sign in to your shop</h1>
        {notice === 'expired' && (
          <p className="sign-in__notice" role="alert" data-testid="sign-in-notice">
            {SIGN_IN_EXPIRED}
          </p>
        )}
        <p className="muted">Open the sign-in link you were given, or paste the link or your shop API token below.</p>
        <form onSubmit={submit} className="sign-in__form">
          <label htmlFor="token">Shop API token</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            placeholder="tti_… or the sign-in link"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoFocus={notice !== null}
          />
          <button type="submit" className="button button--primary" disabled={!token.trim()}>
            Sign in
          </button>
        </form>
      </div>
    </main>
  );
}
