import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '../../app/routes';
import { personCaller } from '../../test/accounts';
import { fakeApi, ok } from '../../test/fake-api';
import { graphqlResult, renderWithApollo, type RecordedOperation } from '../../test/render-app';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const cacheOnly = { shop: { __typename: 'Shop', id: 'shop-1', name: 'Rosie Lane Boutique' } };

describe('Settings for a viewer', () => {
  it('explains there is nothing to manage; the menu offers no Import', async () => {
    renderWithApollo(null, { respond: () => cacheOnly, path: '/settings/api-keys', routes, caller: personCaller('VIEWER') });
    expect(await screen.findByTestId('settings-not-allowed')).toHaveTextContent(/You are a viewer of this shop.*managed by its owners and admins/);
    expect(screen.queryByRole('navigation', { name: 'Settings' })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: /Import/ })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: /Settings/ })).toBeInTheDocument();
  });

  it('opening /import says which role it takes instead of a broken page', async () => {
    renderWithApollo(null, { respond: () => cacheOnly, path: '/import', routes, caller: personCaller('VIEWER') });
    expect(await screen.findByRole('heading', { name: 'You need the owner or admin role to import orders' })).toBeInTheDocument();
    expect(screen.queryByText(/Drop/)).not.toBeInTheDocument();
  });
});

describe('Settings → API keys', () => {
  it('creates a key shown once with a warning and a copy button, lists keys by prefix and revokes after confirming', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const keys = [{ __typename: 'ApiKey', id: 'k1', name: 'Old importer', scope: 'IMPORT', prefix: 'tti_ab12', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: null, createdBy: 'Rosie Lane' }];
    const respond = (op: RecordedOperation) => {
      if (op.operationName === 'ApiKeys') return { apiKeys: keys };
      if (op.operationName === 'CreateApiKey') {
        const apiKey = { __typename: 'ApiKey', id: 'k2', name: (op.variables['input'] as { name: string }).name, scope: 'READ', prefix: 'tti_cd34', createdAt: '2026-11-30T10:00:00.000Z', lastUsedAt: null, createdBy: 'Rosie Lane' };
        keys.unshift(apiKey);
        return { createApiKey: { __typename: 'CreatedApiKey', key: 'tti_cd34_secret', apiKey } };
      }
      if (op.operationName === 'RevokeApiKey') {
        keys.splice(keys.findIndex((k) => k.id === op.variables['id']), 1);
        return { revokeApiKey: { __typename: 'ApiKey', id: op.variables['id'] } };
      }
      return cacheOnly;
    };
    const { operations } = renderWithApollo(null, { respond, path: '/settings/api-keys', routes });

    expect(await screen.findByRole('heading', { name: 'API keys', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('tti_ab12…')).toBeInTheDocument();
    expect(screen.getByTestId('api-key-row')).toHaveTextContent('Last used Never');

    await user.click(screen.getByRole('button', { name: 'Create the key' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Enter a name of 1 to 100 characters/);
    await user.type(screen.getByLabelText('Name'), 'Weekly report');
    await user.click(screen.getByRole('button', { name: 'Create the key' }));

    const created = await screen.findByTestId('api-key-created');
    expect(within(created).getByRole('alert')).toHaveTextContent('it is shown only once');
    expect(within(created).getByLabelText('Your new API key')).toHaveValue('tti_cd34_secret');
    await user.click(within(created).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('tti_cd34_secret');
    expect(within(created).getByText('Copied.')).toBeInTheDocument();
    expect(operations.find((o) => o.operationName === 'CreateApiKey')!.variables).toEqual({ input: { name: 'Weekly report', scope: 'READ' } });
    await waitFor(() => expect(screen.getAllByTestId('api-key-row')).toHaveLength(2));

    // Once dismissed, the key is gone from the page for good.
    await user.click(within(created).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByDisplayValue('tti_cd34_secret')).not.toBeInTheDocument();

    const old = screen.getAllByTestId('api-key-row')[1]!;
    await user.click(within(old).getByRole('button', { name: 'Revoke' }));
    expect(within(old).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(old).getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(screen.getAllByTestId('api-key-row')).toHaveLength(1));
    expect(operations.find((o) => o.operationName === 'RevokeApiKey')!.variables).toEqual({ id: 'k1' });
  });

  it('a refusal of the server is said under the form', async () => {
    const user = userEvent.setup();
    renderWithApollo(null, {
      respond: (op) =>
        op.operationName === 'CreateApiKey'
          ? graphqlResult({ data: null, errors: [{ message: 'Only owners and admins manage API keys.', extensions: { code: 'FORBIDDEN' } }] })
          : op.operationName === 'ApiKeys'
            ? { apiKeys: [] }
            : cacheOnly,
      path: '/settings/api-keys',
      routes,
    });
    expect(await screen.findByTestId('api-keys-empty')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'Script');
    await user.click(screen.getByRole('button', { name: 'Create the key' }));
    expect(await screen.findByText('The key could not be created. Only owners and admins manage API keys.')).toHaveAttribute('role', 'alert');
  });
});

describe('Settings → Shared links', () => {
  it('creates a link with a password and an expiry; its address is shown once to copy', async () => {
    const user = userEvent.setup();
    const links: unknown[] = [];
    const respond = (op: RecordedOperation) => {
      if (op.operationName === 'SharedLinks') return { sharedLinks: links };
      if (op.operationName === 'CreateSharedLink') {
        const sharedLink = { __typename: 'SharedLink', id: 'l1', name: 'Accountant', prefix: 'tts_9f', hasPassword: true, expiresAt: '2099-01-01T05:59:59.999Z', createdAt: '2026-11-30T10:00:00.000Z', lastUsedAt: null };
        links.push(sharedLink);
        return { createSharedLink: { __typename: 'CreatedSharedLink', url: 'http://localhost:3000/shared/tts_9f_secret', sharedLink } };
      }
      return cacheOnly;
    };
    const { operations } = renderWithApollo(null, { respond, path: '/settings/shared-links', routes });
    expect(await screen.findByTestId('shared-links-empty')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), 'Accountant');
    await user.type(screen.getByLabelText('Password (optional)'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create the link' }));
    expect(screen.getByLabelText('Password (optional)')).toHaveAccessibleDescription(/Use at least 8 characters/);
    expect(operations.some((o) => o.operationName === 'CreateSharedLink')).toBe(false);

    await user.type(screen.getByLabelText('Password (optional)'), ' and longer');
    await user.type(screen.getByLabelText('Expires after (optional)'), '2098-12-31');
    await user.click(screen.getByRole('button', { name: 'Create the link' }));
    const created = await screen.findByTestId('shared-link-created');
    expect(within(created).getByLabelText('Your new shared link')).toHaveValue('http://localhost:3000/shared/tts_9f_secret');
    const input = operations.find((o) => o.operationName === 'CreateSharedLink')!.variables['input'] as Record<string, string>;
    expect(input['name']).toBe('Accountant');
    expect(input['password']).toBe('short and longer');
    expect(new Date(input['expiresAt']!).getTime()).toBe(new Date('2098-12-31T23:59:59.999').getTime());
    await waitFor(() => expect(screen.getByTestId('shared-link-row')).toHaveTextContent('Password'));
  });
});

describe('Settings → Team', () => {
  it('lists members with their roles, changes a role, invites by email with a link to copy, cancels an invitation', async () => {
    const user = userEvent.setup();
    const members = [
      { id: 'm1', role: 'owner', userId: 'user-1', organizationId: 'shop-1', createdAt: '2026-01-01T00:00:00.000Z', user: { id: 'user-1', name: 'Rosie Lane', email: 'rosie@example.com' } },
      { id: 'm2', role: 'viewer', userId: 'user-2', organizationId: 'shop-1', createdAt: '2026-01-01T00:00:00.000Z', user: { id: 'user-2', name: 'Sam Park', email: 'sam@example.com' } },
    ];
    const invitations: Array<Record<string, string>> = [];
    const asked = fakeApi((request) => {
      switch (request.path) {
        case '/api/auth/organization/list-members':
          return ok({ members, total: members.length });
        case '/api/auth/organization/list-invitations':
          return ok(invitations);
        case '/api/auth/organization/update-member-role':
          members.find((m) => m.id === request.body.memberId)!.role = request.body.role;
          return ok({ ok: true });
        case '/api/auth/organization/invite-member': {
          const invitation = { id: 'inv-1', email: request.body.email, role: request.body.role, status: 'pending', organizationId: 'shop-1', inviterId: 'user-1', expiresAt: '2026-12-08T00:00:00.000Z', createdAt: '2026-12-01T00:00:00.000Z' };
          invitations.push(invitation);
          return ok(invitation);
        }
        case '/api/auth/organization/cancel-invitation':
          invitations.find((i) => i['id'] === request.body.invitationId)!['status'] = 'canceled';
          return ok({ ok: true });
        default:
          return undefined;
      }
    });
    renderWithApollo(null, { respond: () => cacheOnly, path: '/settings/team', routes });

    const rows = await screen.findAllByTestId('team-member');
    expect(rows[0]).toHaveTextContent('Rosie Lane (you)');
    expect(within(rows[0]!).queryByRole('combobox')).not.toBeInTheDocument();
    const samRole = within(rows[1]!).getByLabelText('Role of Sam Park');
    expect(samRole).toHaveValue('viewer');
    await user.selectOptions(samRole, 'admin');
    await waitFor(() => expect(asked.some((r) => r.path.endsWith('/update-member-role') && r.body.role === 'admin' && r.body.memberId === 'm2')).toBe(true));
    await waitFor(() => expect(within(screen.getAllByTestId('team-member')[1]!).getByLabelText('Role of Sam Park')).toHaveValue('admin'));

    await user.type(screen.getByLabelText('Email'), 'new@example.com');
    await user.selectOptions(screen.getByLabelText('Role'), 'admin');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const created = await screen.findByTestId('invitation-created');
    expect(within(created).getByLabelText('Invitation link')).toHaveValue(`${window.location.origin}/accept-invitation/inv-1`);
    const pending = await screen.findByTestId('team-invitation');
    expect(pending).toHaveTextContent('new@example.com');
    expect(within(pending).getByLabelText('Invitation link for new@example.com')).toHaveValue(`${window.location.origin}/accept-invitation/inv-1`);

    await user.click(within(pending).getByRole('button', { name: 'Cancel invitation' }));
    await user.click(within(pending).getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByTestId('invitations-empty')).toBeInTheDocument();
  });
});
