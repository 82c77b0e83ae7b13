import type { ReactNode } from 'react';

/** The frame of the pages shown without the dashboard: sign-in, first run, invitations, passwords. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="sign-in">
      <div className="sign-in__panel">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">♪</span> TikTok Insights
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
