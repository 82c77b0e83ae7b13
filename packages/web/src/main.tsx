import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppErrorNotice } from './app/app-error';
import { forgetTokenLink } from './app/forget-token-link';
import { ErrorBoundary } from './components/states/error-boundary';
import './styles/app.css';

forgetTokenLink();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={(error) => <AppErrorNotice error={error} />}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
