import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageData } from '../test/fixtures';

const STORAGE_KEY = 'tiktok-insights.token';
const EXPLANATION = 'Your sign-in link has expired or was revoked — paste a new link or token.';

interface Sent {
  operationName: string;
  token: string | null;
}

/**
 * A hand-made API behind the app's real Apollo client (its HTTP link calls `fetch`): `answer`
 * gives the JSON body for a token and operation.
 */
function serveApi(answer: (sent: Sent) => unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { operationName: string };
      const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? null;
      const request = { operationName: body.operationName, token };
      sent.push(request);
      return new Response(JSON.stringify(answer(request)), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  return sent;
}

const refused = { data: null, errors: [{ message: 'Send a valid token as "Authorization: Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }] };

/** The API knows one token, `tti_new`; any other is refused. */
const apiKnowingNewToken = ({ token }: Sent) => (token === 'tti_new' ? { data: pageData() } : refused);

/** The app as loaded at `path` (its router reads the address when the module loads, as on a real page load). */
async function openApp(path: string) {
  window.history.replaceState(null, '', path);
  vi.resetModules();
  const { App } = await import('./app');
  render(<App />);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Signing in again when the token is refused', () => {
  it('an old token: the sign-in page says why, with one way out, and the stored token is gone; pasting the new link signs in', async () => {
    const user = userEvent.setup();
    localStorage.setItem(STORAGE_KEY, 'tti_old');
    const sent = serveApi(apiKnowingNewToken);
    await openApp('/insights/tiktok?from=2026-10-05&to=2026-11-22');

    expect(await screen.findByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(EXPLANATION);
    expect(screen.getByTestId('sign-in-notice')).toHaveTextContent(EXPLANATION);
    // One way out: the form. No dashboard layout, no "Try again", no Sign out buttons.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign in']);
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(sent).toEqual([{ operationName: 'TikTokInsightsPage', token: 'tti_old' }]);

    // The whole sign-in link printed by `pnpm start` works as well as the bare token.
    await user.type(screen.getByLabelText('Shop API token'), 'http://localhost:4000/#token=tti_new');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('tti_new');
    expect(sent.at(-1)).toEqual({ operationName: 'TikTokInsightsPage', token: 'tti_new' });
    // The bookmarked page, range included, is the one shown.
    expect(window.location.pathname + window.location.search).toBe('/insights/tiktok?from=2026-10-05&to=2026-11-22');
    expect(screen.getAllByRole('button', { name: 'Sign out' })).toHaveLength(1);
    expect(screen.queryByText(EXPLANATION)).not.toBeInTheDocument();
  });

  it('opening a new sign-in link in the same tab (only the fragment changes) signs in with it', async () => {
    localStorage.setItem(STORAGE_KEY, 'tti_revoked');
    serveApi(apiKnowingNewToken);
    await openApp('/insights/tiktok');
    await screen.findByTestId('sign-in-notice');

    act(() => {
      window.history.replaceState(null, '', '/insights/tiktok#token=tti_new');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('tti_new');
    // The token left the address bar.
    expect(window.location.hash).toBe('');
  });

  it('the import routes refusing the token (401) show the same sign-in page, the stored token gone', async () => {
    localStorage.setItem(STORAGE_KEY, 'tti_revoked');
    // jsdom makes no object URLs (the page's template download link).
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:orders-template');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
        const path = String(url);
        asked.push(path);
        const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
        if (path === '/graphql') {
          // GraphQL still takes the token here: only the import routes refuse it.
          const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
          if (operationName === 'ImportPageShop') return json({ data: { shop: { __typename: 'Shop', id: 'shop-1', name: 'Rosie Lane Boutique', timezone: 'America/Chicago', currency: 'USD' } } });
          return json(refused);
        }
        // The history of uploads: the API's answer to a revoked token, in GraphQL's error shape.
        return json({ errors: [{ message: 'This token was revoked.', extensions: { code: 'UNAUTHENTICATED' } }] }, 401);
      }),
    );
    await openApp('/import');

    expect(await screen.findByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(screen.getByTestId('sign-in-notice')).toHaveTextContent(EXPLANATION);
    expect(screen.queryByRole('heading', { name: 'Import orders' })).not.toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(asked).toContain('/api/imports?limit=20');
  });

  it('any other error keeps the seller signed in, with its "Try again"', async () => {
    localStorage.setItem(STORAGE_KEY, 'tti_new');
    let failing = true;
    serveApi((request) => (failing ? { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] } : apiKnowingNewToken(request)));
    await openApp('/insights/tiktok');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load this. Internal server error');
    expect(screen.queryByRole('heading', { name: 'Sign in to your shop' })).not.toBeInTheDocument();
    expect(localStorage.getItem(STORAGE_KEY)).toBe('tti_new');
    expect(screen.getAllByRole('button', { name: 'Sign out' })).toHaveLength(1);

    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
  });
});
