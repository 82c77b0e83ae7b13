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

/** Insights → TikTok is the home page; Import and Settings are loaded when first opened. */
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
          { path: 'settings', lazy: async () => ({ Component: (await import('../routes/settings/settings-route')).SettingsRoute }) },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
];
