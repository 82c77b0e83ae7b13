import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { personCaller } from '../test/accounts';
import { fakeApi, graphqlData, ok, sessionBody, unauthenticated, type Reply, type Request } from '../test/fake-api';
import { pageData } from '../test/fixtures';

const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';
const NOT_A_MEMBER = 'You are not a member of this shop (any more). Choose another shop or ask its owner for an invitation.';

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

/**
 * A server with one person (rosie@example.com / "correct horse") in two shops; `signedIn` says
 * whether the browser holds the session cookie. `graphql` answers the dashboard's operations.
 */
function accountServer({
  signedIn = false,
  graphql,
  removedFrom = null,
}: {
  signedIn?: boolean;
  graphql?: (request: Request) => Reply | undefined;
  /** A shop whose team no longer has the person (an owner removed them); their session may still be in it. */
  removedFrom?: string | null;
} = {}) {
  const state = { signedIn, activeShopId: 'shop-1' as string | null };
  const asked = fakeApi((request) => {
    switch (request.path) {
      case '/api/auth/get-session':
        return ok(state.signedIn ? sessionBody(state.activeShopId) : null);
      case '/api/auth/sign-in/email':
        if (request.body.password === 'correct horse') {
          state.signedIn = true;
          return ok({ redirect: false, token: 'opaque', user: sessionBody().user });
        }
        return { status: 401, body: { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' } };
      case '/api/auth/sign-out':
        state.signedIn = false;
        return ok({ success: true });
      case '/api/auth/organization/list':
        return ok(
          [
            { id: 'shop-1', name: 'Rosie Lane Boutique', slug: 'rosie', createdAt: '2026-01-01T00:00:00.000Z' },
            { id: 'shop-2', name: 'Rosie Outlet', slug: 'outlet', createdAt: '2026-01-01T00:00:00.000Z' },
          ].filter((shop) => shop.id !== removedFrom),
        );
      case '/api/auth/organization/set-active':
        state.activeShopId = request.body.organizationId;
        return ok({ id: request.body.organizationId });
      case '/graphql':
        if (!state.signedIn) return unauthenticated;
        if (state.activeShopId === removedFrom) return ok({ data: null, errors: [{ message: NOT_A_MEMBER, extensions: { code: 'FORBIDDEN' } }] });
        if (request.operationName === 'Caller') return graphqlData({ caller: personCaller(state.activeShopId === 'shop-2' ? 'VIEWER' : 'OWNER') });
        return graphql?.(request) ?? graphqlData(pageData());
      default:
        return undefined;
    }
  });
  return { state, asked };
}

describe('Signing in', () => {
  it('without a session: the sign-in page, in place of the bookmarked page, which shows once signed in', async () => {
    const user = userEvent.setup();
    const { asked } = accountServer();
    await openApp('/insights/tiktok?from=2026-10-05&to=2026-11-22');

    expect(await screen.findByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(screen.queryByTestId('sign-in-notice')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
    // No token field any more, and nothing asked of GraphQL before signing in.
    expect(screen.queryByLabelText(/token/i)).not.toBeInTheDocument();
    expect(asked.filter((r) => r.path === '/graphql')).toHaveLength(0);

    await user.type(screen.getByLabelText('Email'), 'rosie@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/insights/tiktok?from=2026-10-05&to=2026-11-22');
    expect(screen.getByTestId('account-name')).toHaveTextContent('Rosie Lane');
    // The person's GraphQL requests carry no Authorization header: the cookie goes by itself.
    const graphqlRequests = asked.filter((r) => r.path === '/graphql');
    expect(graphqlRequests.length).toBeGreaterThan(0);
    expect(graphqlRequests.every((r) => !r.headers.has('authorization'))).toBe(true);
    expect(localStorage.length).toBe(0);
  });

  it('a wrong password is said next to the password field; the form stays', async () => {
    const user = userEvent.setup();
    accountServer();
    await openApp('/insights/tiktok');
    await user.type(await screen.findByLabelText('Email'), 'rosie@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAccessibleDescription('That email and password do not match. Check them and try again.'));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveFocus();
  });

  it('too many attempts: the wait, in minutes, from Retry-After', async () => {
    const user = userEvent.setup();
    fakeApi((request) => {
      if (request.path === '/api/auth/get-session') return ok(null);
      if (request.path === '/api/auth/sign-in/email') return { status: 429, body: { message: 'Too many requests' }, headers: { 'retry-after': '540' } };
      return undefined;
    });
    await openApp('/insights/tiktok');
    await user.type(await screen.findByLabelText('Email'), 'rosie@example.com');
    await user.type(screen.getByLabelText('Password'), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 9 minutes.');
  });

  it('a failed connection says so, and signing in works once it is back', async () => {
    const user = userEvent.setup();
    let offline = true;
    fakeApi((request) => {
      if (request.path === '/api/auth/get-session') return ok(offline ? null : sessionBody());
      if (request.path === '/api/auth/sign-in/email') return offline ? 'network-failure' : ok({ redirect: false, token: 't', user: sessionBody().user });
      if (request.operationName === 'Caller') return graphqlData({ caller: personCaller('OWNER') });
      if (request.path === '/graphql') return graphqlData(pageData());
      return undefined;
    });
    await openApp('/insights/tiktok');
    await user.type(await screen.findByLabelText('Email'), 'rosie@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('We could not reach the server. Check your connection and try again.');

    offline = false;
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
  });
});

describe('Opening the dashboard signed in', () => {
  it('asks who the caller is and for the page at once, then not again', async () => {
    let releaseCaller: () => void = () => undefined;
    const callerHeld = new Promise<void>((resolve) => (releaseCaller = resolve));
    const asked = fakeApi(async (request) => {
      if (request.path === '/api/auth/get-session') return ok(sessionBody());
      if (request.path === '/api/auth/organization/list') return ok([{ id: 'shop-1', name: 'Rosie Lane Boutique', slug: 'rosie', createdAt: '2026-01-01T00:00:00.000Z' }]);
      if (request.path !== '/graphql') return undefined;
      if (request.operationName === 'Caller') {
        await callerHeld;
        return graphqlData({ caller: personCaller('OWNER') });
      }
      return graphqlData(pageData());
    });
    await openApp('/insights/tiktok?from=2026-10-05&to=2026-11-22');

    // The page's data is asked for while the caller's answer is still on its way.
    const pageQueries = () => asked.filter((r) => r.operationName === 'TikTokInsightsPage');
    await waitFor(() => expect(pageQueries()).toHaveLength(1));
    expect(pageQueries()[0]!.body.variables).toMatchObject({ from: '2026-10-05', to: '2026-11-22', withCustomers: true });
    releaseCaller();

    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(pageQueries()).toHaveLength(1);
    expect(asked.filter((r) => r.operationName === 'Caller')).toHaveLength(1);
  });
  it('with the session asked for before the app drew (as main.tsx does), the app uses that answer and asks no second time', async () => {
    const { asked } = accountServer({ signedIn: true });
    window.history.replaceState(null, '', '/insights/tiktok');
    vi.resetModules();
    const { App } = await import('./app');
    const { fetchSession } = await import('../auth/auth-client');
    const firstSession = fetchSession();
    render(<App firstSession={firstSession} />);

    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(asked.filter((r) => r.path === '/api/auth/get-session')).toHaveLength(1);
    expect(asked.filter((r) => r.operationName === 'TikTokInsightsPage')).toHaveLength(1);
  });
});

describe('A session that ends', () => {
  it('an UNAUTHENTICATED answer: the sign-in page says the session ended, with the form as the one way out', async () => {
    const server = accountServer({ signedIn: true, graphql: () => unauthenticated });
    await openApp('/insights/tiktok');

    expect(await screen.findByTestId('sign-in-notice')).toHaveTextContent(SESSION_ENDED);
    expect(screen.getByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Sign in']);
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(server.asked.some((r) => r.operationName === 'TikTokInsightsPage')).toBe(true);
  });

  it('the import routes refusing the session (401) show the same sign-in page', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:orders-template');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const { asked } = accountServer({
      signedIn: true,
      graphql: (request) =>
        request.operationName === 'ImportPageShop'
          ? graphqlData({ shop: { __typename: 'Shop', id: 'shop-1', name: 'Rosie Lane Boutique', timezone: 'America/Chicago', currency: 'USD' } })
          : undefined,
    });
    const inner = globalThis.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
        String(input).startsWith('/api/imports')
          ? new Response(JSON.stringify({ errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] }), { status: 401 })
          : inner(input, init),
      ),
    );
    await openApp('/import');

    expect(await screen.findByTestId('sign-in-notice')).toHaveTextContent(SESSION_ENDED);
    expect(screen.queryByRole('heading', { name: 'Import orders' })).not.toBeInTheDocument();
    expect(asked.some((r) => r.operationName === 'ImportPageShop')).toBe(true);
  });

  it('any other error keeps the person signed in, with its "Try again"', async () => {
    let failing = true;
    accountServer({
      signedIn: true,
      graphql: () => (failing ? ok({ data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }) : undefined),
    });
    await openApp('/insights/tiktok');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t load this. Internal server error');
    expect(screen.queryByRole('heading', { name: 'Sign in to your shop' })).not.toBeInTheDocument();

    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
  });
});

describe('Removed from the shop', () => {
  it('says so, with the person’s other shops to open and Sign out', async () => {
    const user = userEvent.setup();
    const { state } = accountServer({ signedIn: true, removedFrom: 'shop-1' });
    await openApp('/insights/tiktok');

    expect(await screen.findByRole('heading', { name: 'You are no longer a member of this shop' })).toBeInTheDocument();
    expect(screen.getByTestId('not-a-member')).toHaveTextContent(NOT_A_MEMBER);
    expect(screen.queryByTestId('card-all-time')).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Open Rosie Outlet' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(state.activeShopId).toBe('shop-2');
  });

  it('or signs out there', async () => {
    const user = userEvent.setup();
    const { state, asked } = accountServer({ signedIn: true, removedFrom: 'shop-1' });
    state.activeShopId = 'shop-1';
    await openApp('/settings');
    await screen.findByTestId('not-a-member');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(asked.some((r) => r.path === '/api/auth/sign-out' && r.method === 'POST')).toBe(true);
  });
});

describe('The account menu', () => {
  it('switches the shop (the menu then follows the role there) and signs out on the server', async () => {
    const user = userEvent.setup();
    const { state, asked } = accountServer({ signedIn: true });
    await openApp('/insights/tiktok');
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: /Import/ })).toBeInTheDocument();

    await user.click(screen.getByText('Rosie Lane', { selector: '[data-testid="account-name"]' }));
    const shop = await screen.findByLabelText('Shop');
    expect(shop).toHaveValue('shop-1');
    await user.selectOptions(shop, 'shop-2');

    // A viewer there: no Import in the menu; the page was asked again for the other shop.
    await waitFor(() => expect(within(nav).queryByRole('link', { name: /Import/ })).not.toBeInTheDocument());
    expect(state.activeShopId).toBe('shop-2');
    expect(asked.filter((r) => r.operationName === 'TikTokInsightsPage').length).toBeGreaterThan(1);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to your shop' })).toBeInTheDocument();
    expect(asked.some((r) => r.path === '/api/auth/sign-out' && r.method === 'POST')).toBe(true);
    expect(screen.queryByTestId('sign-in-notice')).not.toBeInTheDocument();
  });
});
