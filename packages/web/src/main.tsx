import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppErrorNotice } from './app/app-error';
import { forgetTokenLink } from './app/forget-token-link';
import { fetchSession } from './auth/auth-client';
import { ErrorBoundary } from './components/states/error-boundary';
import './styles/app.css';

forgetTokenLink();
// Asked before React draws anything: the answer decides every request after it.
const firstSession = fetchSession();
firstSession.catch(() => undefined); // the app reports a failure once it has drawn

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={(error) => <AppErrorNotice error={error} />}>
      <App firstSession={firstSession} />
    </ErrorBoundary>
  </StrictMode>,
);
