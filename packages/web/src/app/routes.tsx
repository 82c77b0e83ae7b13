import { Link, Navigate, type RouteObject } from 'react-router';
import { TikTokInsightsRoute } from '../routes/tiktok-insights/tiktok-insights-route';
import { RouteErrorPage } from './app-error';
import { AppLayout } from './app-layout';

function NotFound() {
  return (
    <div className="notice">
      <h1>Page not found</h1>
      <p>
        <Link to="/insights/tiktok">Go to your TikTok insights</Link>
      </p>
    </div>
  );
}

/** The signed-in dashboard's pages. Insights → TikTok is the home page; Import and Settings are loaded when first opened. */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    ErrorBoundary: RouteErrorPage,
    children: [
      {
        // A page that fails shows its error inside the layout, with the menu still there.
        ErrorBoundary: RouteErrorPage,
        children: [
          { index: true, element: <Navigate to="/insights/tiktok" replace /> },
          { path: 'insights', element: <Navigate to="/insights/tiktok" replace /> },
          { path: 'insights/tiktok', Component: TikTokInsightsRoute },
          { path: 'import', lazy: async () => ({ Component: (await import('../routes/import/import-route')).ImportRoute }) },
          {
            path: 'settings',
            lazy: async () => ({ Component: (await import('../routes/settings/settings-layout')).SettingsLayout }),
            children: [
              { index: true, lazy: async () => ({ Component: (await import('../routes/settings/settings-route')).SettingsRoute }) },
              { path: 'team', lazy: async () => ({ Component: (await import('../routes/settings/team/team-settings')).TeamSettings }) },
              { path: 'api-keys', lazy: async () => ({ Component: (await import('../routes/settings/api-keys/api-keys-settings')).ApiKeysSettings }) },
              { path: 'shared-links', lazy: async () => ({ Component: (await import('../routes/settings/shared-links/shared-links-settings')).SharedLinksSettings }) },
            ],
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
];
