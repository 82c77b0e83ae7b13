import type { RouteObject } from 'react-router';
import { SignedInGate } from '../auth/signed-in-gate';
import { RouteErrorPage } from './app-error';
import { routes } from './routes';

/**
 * Every page: the public ones (a shared link, the first run, an invitation, a forgotten password)
 * and, behind the sign-in, the dashboard's.
 */
export const appRoutes: RouteObject[] = [
  {
    ErrorBoundary: RouteErrorPage,
    children: [
      { path: '/shared/:token', lazy: async () => ({ Component: (await import('../routes/shared/shared-link-route')).SharedLinkRoute }) },
      { path: '/setup', lazy: async () => ({ Component: (await import('../routes/public/setup-page')).SetupPage }) },
      { path: '/accept-invitation/:id', lazy: async () => ({ Component: (await import('../routes/public/accept-invitation-page')).AcceptInvitationPage }) },
      { path: '/forgot-password', lazy: async () => ({ Component: (await import('../routes/public/forgot-password-page')).ForgotPasswordPage }) },
      { path: '/reset-password', lazy: async () => ({ Component: (await import('../routes/public/reset-password-page')).ResetPasswordPage }) },
    ],
  },
  { Component: SignedInGate, children: routes },
];
