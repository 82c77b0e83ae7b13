import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedLinkCaller } from '../../test/accounts';
import { fakeApi, graphqlData, ok, unauthenticated, type Reply, type Request } from '../../test/fake-api';
import { pageData } from '../../test/fixtures';
import { SharedLinkRoute } from './shared-link-route';

const TOKEN = 'tts_visitor123';

function openLink(path = `/shared/${TOKEN}`) {
  const router = createMemoryRouter([{ path: '/shared/:token', element: <SharedLinkRoute /> }], { initialEntries: [path] });
  render(<RouterProvider router={router} />);
}

/** The API as a shared link's visitor meets it; `graphql` answers once the right bearer is sent. */
function linkServer({ needsPassword = false, info = true, graphql }: { needsPassword?: boolean; info?: boolean; graphql?: (request: Request) => Reply } = {}) {
  const bearer = needsPassword ? 'access-1' : TOKEN;
  return fakeApi((request) => {
    if (request.path === `/api/shared-links/${TOKEN}`) {
      return info ? ok({ shopName: 'Rosie Lane Boutique', needsPassword }) : { status: 404, body: { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] } };
    }
    if (request.path === `/api/shared-links/${TOKEN}/unlock`) {
      if (request.body.password === 'open sesame') return ok({ accessToken: 'access-1' });
      return { status: 401, body: { errors: [{ message: 'Wrong password', extensions: { code: 'UNAUTHENTICATED' } }] } };
    }
    if (request.path === '/graphql') {
      if (request.headers.get('authorization') !== `Bearer ${bearer}`) return unauthenticated;
      if (request.operationName === 'Caller') return graphqlData({ caller: sharedLinkCaller });
      return graphql?.(request) ?? graphqlData(pageData());
    }
    return undefined;
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('A shared link', () => {
  it('shows the dashboard read-only, with the link token as bearer, a banner, and no customer lists (their counts stay)', async () => {
    const asked = linkServer();
    openLink();

    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    expect(screen.getByTestId('shared-banner')).toHaveTextContent('Read-only view of Rosie Lane Boutique shared with you');
    // The lists are not asked for and not shown; their counts are.
    const page = asked.find((r) => r.operationName === 'TikTokInsightsPage')!;
    expect(page.body.variables).toMatchObject({ withCustomers: false });
    expect(screen.queryByTestId('card-marketing-customers')).not.toBeInTheDocument();
    expect(screen.queryByTestId('card-crossover-customers')).not.toBeInTheDocument();
    expect(screen.getByTestId('card-marketing-customers-hidden')).toHaveTextContent('All-time TikTok customers: 400');
    expect(screen.getByTestId('card-crossover-customers-hidden')).toHaveTextContent('Crossover customers: 30');
    // No menu, no import or settings, a tab that stays on the link.
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Import|Settings/ })).not.toBeInTheDocument();
    expect(screen.getByTestId('tab-tiktok').tagName).toBe('SPAN');
    expect(asked.filter((r) => r.path === '/graphql').every((r) => r.headers.get('authorization') === `Bearer ${TOKEN}`)).toBe(true);
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('with a password: asks for it, says when it is wrong, then opens with the access token it unlocked', async () => {
    const user = userEvent.setup();
    const asked = linkServer({ needsPassword: true });
    openLink();

    expect(await screen.findByRole('heading', { name: 'Rosie Lane Boutique shared its dashboard with you' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open the dashboard' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter the password you were given with the link.');

    await user.type(screen.getByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Open the dashboard' }));
    await waitFor(() => expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('That password is not right. Check it and try again.'));

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Open the dashboard' }));
    expect(await screen.findByTestId('card-all-time')).toBeInTheDocument();
    const unlock = asked.find((r) => r.path.endsWith('/unlock') && r.body.password === 'open sesame')!;
    expect(unlock.headers.get('x-requested-with')).toBe('XMLHttpRequest');
    expect(asked.filter((r) => r.path === '/graphql').every((r) => r.headers.get('authorization') === 'Bearer access-1')).toBe(true);
  });

  it('too many password attempts: the wait', async () => {
    const user = userEvent.setup();
    fakeApi((request) => {
      if (request.path === `/api/shared-links/${TOKEN}`) return ok({ shopName: 'Rosie Lane Boutique', needsPassword: true });
      if (request.path.endsWith('/unlock')) return { status: 429, body: { errors: [{ message: 'Slow down' }] }, headers: { 'retry-after': '60' } };
      return undefined;
    });
    openLink();
    await user.type(await screen.findByLabelText('Password'), 'guess');
    await user.click(screen.getByRole('button', { name: 'Open the dashboard' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 1 minute.');
  });

  it('an unknown, revoked or expired link says so plainly', async () => {
    linkServer({ info: false });
    openLink();
    expect(await screen.findByRole('heading', { name: 'This shared link does not work' })).toBeInTheDocument();
    expect(screen.getByTestId('shared-link-gone')).toHaveTextContent(/revoked by the shop, or expired/);
  });

  it('a link revoked while it is open: the same message instead of the dashboard', async () => {
    let revoked = false;
    linkServer({ graphql: (request) => (revoked ? unauthenticated : request.operationName === 'TikTokInsightsPage' ? graphqlData(pageData()) : unauthenticated) });
    openLink();
    const card = await screen.findByTestId('card-all-time');
    revoked = true;
    await userEvent.click(within(card).getByTestId('card-menu'));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Clear cache & refresh' }));
    expect(await screen.findByRole('heading', { name: 'This shared link does not work' })).toBeInTheDocument();
  });
});
