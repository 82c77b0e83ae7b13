import { isRouteErrorResponse, useLocation, useRouteError } from 'react-router';
import { errorMessage } from '../components/states/error-state';

const HOME = '/insights/tiktok';

/**
 * Shown instead of a page (or the whole app) that failed to render: a plain sentence and ways
 * out, never a stack trace. Its links load the page afresh, so nothing of the failed state stays.
 */
export function AppErrorNotice({ error, location = window.location }: { error: unknown; location?: { pathname: string; search: string } }) {
  const { pathname, search } = location;
  const params = new URLSearchParams(search);
  const hasRange = params.has('from') || params.has('to');
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <div className="notice notice--error" role="alert">
      <h1>Something went wrong on this page</h1>
      <p>
        The dashboard ran into a problem while showing it. Your data is safe: nothing was changed.{' '}
        {hasRange ? 'Go back to the default date range, or reload the page.' : 'Reload the page to try again.'}
      </p>
      <div className="notice__actions">
        {hasRange && (
          <a className="button button--primary" href={pathname}>
            Back to the default date range
          </a>
        )}
        <button type="button" className={`button ${hasRange ? '' : 'button--primary'}`} onClick={() => window.location.reload()}>
          Reload the page
        </button>
        {pathname !== HOME && (
          <a className="button" href={HOME}>
            Go to your TikTok insights
          </a>
        )}
      </div>
      <details className="notice__details">
        <summary>Technical details</summary>
        <p>{detail}</p>
      </details>
    </div>
  );
}

/** The router's error element: a page whose rendering failed. */
export function RouteErrorPage() {
  return <AppErrorNotice error={useRouteError()} location={useLocation()} />;
}
