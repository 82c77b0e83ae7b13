import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedInAccount } from '../../test/accounts';
import { fakeApi, ok } from '../../test/fake-api';
import { renderWithApollo } from '../../test/render-app';
import { AcceptInvitationPage } from './accept-invitation-page';
import { ForgotPasswordPage } from './forgot-password-page';
import { ResetPasswordPage } from './reset-password-page';
import { SetupPage, setupFieldOf } from './setup-page';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const signedOut = signedInAccount({ status: { kind: 'signed-out', ended: false } });
const at = (path: string, element: React.ReactNode, extra: Array<{ path: string; element: React.ReactNode }> = []) => [{ path, element }, ...extra];

describe('Forgot password', () => {
  it('without a mail server: how the operator resets it', async () => {
    renderWithApollo(null, { respond: () => ({ serverInfo: { __typename: 'ServerInfo', mailConfigured: false } }), path: '/forgot-password', routes: at('/forgot-password', <ForgotPasswordPage />), account: signedOut });
    expect(await screen.findByTestId('reset-by-operator')).toHaveTextContent('pnpm reset-password <your email>');
    expect(screen.queryByRole('button', { name: 'Email me a reset link' })).not.toBeInTheDocument();
  });

  it('with one: asks for the email and says the same whatever the answer', async () => {
    const user = userEvent.setup();
    const asked = fakeApi((request) => (request.path === '/api/auth/request-password-reset' ? ok({ status: true }) : undefined));
    renderWithApollo(null, { respond: () => ({ serverInfo: { __typename: 'ServerInfo', mailConfigured: true } }), path: '/forgot-password', routes: at('/forgot-password', <ForgotPasswordPage />), account: signedOut });
    await user.click(await screen.findByRole('button', { name: 'Email me a reset link' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter the email address you sign in with.');
    await user.type(screen.getByLabelText('Email'), 'rosie@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a reset link' }));
    expect(await screen.findByTestId('reset-requested')).toHaveTextContent('If rosie@example.com has an account');
    expect(asked[0]!.body).toEqual({ email: 'rosie@example.com', redirectTo: '/reset-password' });
  });
});

describe('Reset password', () => {
  it('checks the two passwords, sends the token from the address, then offers to sign in', async () => {
    const user = userEvent.setup();
    const asked = fakeApi((request) => (request.path === '/api/auth/reset-password' ? ok({ status: true }) : undefined));
    renderWithApollo(null, { respond: () => ({}), path: '/reset-password?token=abc', routes: at('/reset-password', <ResetPasswordPage />), account: signedOut });
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/Use at least 10 characters/);
    await user.type(screen.getByLabelText('New password'), ' but longer');
    await user.type(screen.getByLabelText('New password again'), 'something else');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription('The two passwords are not the same.');
    await user.clear(screen.getByLabelText('New password again'));
    await user.type(screen.getByLabelText('New password again'), 'short but longer');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('heading', { name: 'Your password is changed' })).toBeInTheDocument();
    expect(asked[0]!.body).toEqual({ newPassword: 'short but longer', token: 'abc' });
  });

  it('an expired link says so, with a way to ask for a new one', async () => {
    const user = userEvent.setup();
    fakeApi(() => ({ status: 400, body: { code: 'INVALID_TOKEN', message: 'Invalid token' } }));
    renderWithApollo(null, { respond: () => ({}), path: '/reset-password?token=old', routes: at('/reset-password', <ResetPasswordPage />), account: signedOut });
    await user.type(screen.getByLabelText('New password'), 'a good password');
    await user.type(screen.getByLabelText('New password again'), 'a good password');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link was already used or has expired.');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});

describe('First run', () => {
  it('maps the server’s fields to the form’s', () => {
    expect(setupFieldOf('shop.name')).toBe('shopName');
    expect(setupFieldOf('shop.aovTargetCents')).toBe('aovTarget');
    expect(setupFieldOf('email')).toBe('email');
    expect(setupFieldOf('shop.unknown')).toBeNull();
  });

  it('sends the code from the address with the owner and the shop, shows a field refusal next to it, then opens the dashboard', async () => {
    const user = userEvent.setup();
    const refresh = vi.fn(async () => undefined);
    let attempt = 0;
    const asked = fakeApi((request) => {
      if (request.path !== '/api/setup') return undefined;
      if (request.method === 'GET') return ok({ setupNeeded: true });
      attempt += 1;
      return attempt === 1
        ? { status: 400, body: { errors: [{ message: 'This email address is not valid.', extensions: { code: 'BAD_USER_INPUT', field: 'email' } }] } }
        : ok({ shopId: 'shop-1' });
    });
    renderWithApollo(null, {
      respond: () => ({}),
      path: '/setup?code=one-time',
      routes: at('/setup', <SetupPage />, [{ path: '/insights/tiktok', element: <p>Dashboard</p> }]),
      account: signedInAccount({ status: { kind: 'signed-out', ended: false }, refresh }),
    });
    await user.type(await screen.findByLabelText('Your name'), 'Rosie Lane');
    await user.type(screen.getByLabelText('Email'), 'rosie@example.com');
    await user.type(screen.getByLabelText('Password'), 'a good password');
    await user.type(screen.getByLabelText('Shop name'), 'Rosie Lane Boutique');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'America/Chicago');
    await user.click(screen.getByRole('button', { name: 'Create the shop and sign in' }));
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('This email address is not valid.'));
    expect(screen.getByLabelText('Email')).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Create the shop and sign in' }));
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(refresh).toHaveBeenCalled();
    const sent = asked.filter((r) => r.method === 'POST')[1]!;
    expect(sent.headers.get('x-requested-with')).toBe('XMLHttpRequest');
    expect(sent.body).toEqual({
      code: 'one-time',
      name: 'Rosie Lane',
      email: 'rosie@example.com',
      password: 'a good password',
      shop: { name: 'Rosie Lane Boutique', timezone: 'America/Chicago', currency: 'USD', weekStartsOn: 'MONDAY', aovTargetCents: 4000 },
    });
  });
});

describe('Accepting an invitation', () => {
  it('signed out: creating the account with another email says there is no invitation for it', async () => {
    const user = userEvent.setup();
    fakeApi((request) => (request.path === '/api/auth/sign-up/email' ? { status: 403, body: { code: 'NO_INVITATION', message: 'No invitation' } } : undefined));
    renderWithApollo(null, { respond: () => ({}), path: '/accept-invitation/inv-1', routes: at('/accept-invitation/:id', <AcceptInvitationPage />), account: signedOut });
    expect(screen.getByRole('button', { name: 'I am new here' })).toHaveAttribute('aria-pressed', 'true');
    await user.type(screen.getByLabelText('Your name'), 'Sam Park');
    await user.type(screen.getByLabelText('Email'), 'other@example.com');
    await user.type(screen.getByLabelText('Password'), 'a good password');
    await user.click(screen.getByRole('button', { name: 'Create my account' }));
    await waitFor(() => expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/There is no invitation for this email address/));
  });

  it('signed in as the invitee: joins the shop and makes it the active one', async () => {
    const user = userEvent.setup();
    const switchShop = vi.fn(async () => undefined);
    const asked = fakeApi((request) => {
      if (request.path === '/api/auth/organization/get-invitation')
        return ok({ id: 'inv-1', email: 'rosie@example.com', role: 'viewer', organizationId: 'shop-2', organizationName: 'Rosie Outlet', status: 'pending' });
      if (request.path === '/api/auth/organization/accept-invitation') return ok({ invitation: {}, member: {} });
      return undefined;
    });
    renderWithApollo(null, {
      respond: () => ({}),
      path: '/accept-invitation/inv-1',
      routes: at('/accept-invitation/:id', <AcceptInvitationPage />, [{ path: '/insights/tiktok', element: <p>Dashboard</p> }]),
      account: signedInAccount({ switchShop }),
    });
    expect(await screen.findByText(/as a viewer, signed in as rosie@example.com/)).toBeInTheDocument();
    expect(asked[0]!.search).toBe('?id=inv-1');
    await user.click(screen.getByRole('button', { name: 'Join Rosie Outlet' }));
    expect(await screen.findByText('Dashboard')).toBeInTheDocument();
    expect(switchShop).toHaveBeenCalledWith('shop-2');
    expect(asked.find((r) => r.path.endsWith('/accept-invitation'))!.body).toEqual({ invitationId: 'inv-1' });
  });

  it('an invitation for someone else cannot be used, with Sign out as the way on', async () => {
    fakeApi(() => ({ status: 403, body: { code: 'YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION', message: 'Not yours' } }));
    renderWithApollo(null, { respond: () => ({}), path: '/accept-invitation/inv-9', routes: at('/accept-invitation/:id', <AcceptInvitationPage />) });
    expect(await screen.findByTestId('invitation-unusable')).toHaveTextContent('cannot be used by rosie@example.com');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});
