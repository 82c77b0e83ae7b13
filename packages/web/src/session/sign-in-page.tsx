import { useState, type FormEvent } from 'react';

export function SignInPage({ onSignIn }: { onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">♪</span> TikTok Insights
        </p>
        <h1>Sign in to your shop</h1>
        <p className="muted">
          Open the sign-in link you were given, or paste your shop API token below.
        </p>
        <form onSubmit={submit} className="sign-in__form">
          <label htmlFor="token">Shop API token</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            placeholder="tti_…"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={!token.trim()}>
            Sign in
          </button>
        </form>
      </div>
    </main>
  );
}
