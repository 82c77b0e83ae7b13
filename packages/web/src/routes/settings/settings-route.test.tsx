import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@tiktok-insights/shared';
import { createCache } from '../../apollo/create-apollo-client';
import { AccountContext } from '../../auth/account-context';
import { CallerContext } from '../../auth/caller-context';
import { personCaller, signedInAccount } from '../../test/accounts';
import { pageData } from '../../test/fixtures';
import { TikTokInsightsRoute } from '../tiktok-insights/tiktok-insights-route';
import { parseAmount } from './shop-settings-form';
import { SettingsRoute } from './settings-route';

interface Sent {
  operationName: string;
  variables: Record<string, any>;
}

/** A hand-made server keeping one shop's settings: it answers queries from them and applies the mutation. */
function fakeServer(reply?: (op: Sent) => { errors: unknown[] } | null) {
  const shop = { id: 'shop-1', name: 'Rosie Lane Boutique', timezone: 'America/Chicago', currency: 'USD', weekStartsOn: 'MONDAY', aovCents: 4000 };
  const sent: Sent[] = [];
  const shopFields = () => ({
    __typename: 'Shop',
    id: shop.id,
    name: shop.name,
    timezone: shop.timezone,
    currency: shop.currency,
    weekStartsOn: shop.weekStartsOn,
    aovTarget: { __typename: 'Money', cents: shop.aovCents, currency: shop.currency, formatted: formatMoney(shop.aovCents, shop.currency) },
  });
  const answer = (op: Sent) => {
    const special = reply?.(op);
    if (special) return special;
    if (op.operationName === 'UpdateShopSettings') {
      const input = op.variables['input'];
      Object.assign(shop, {
        ...(input.name ? { name: input.name } : {}),
        ...(input.timezone ? { timezone: input.timezone } : {}),
        ...(input.currency ? { currency: input.currency } : {}),
        ...(input.weekStartsOn ? { weekStartsOn: input.weekStartsOn } : {}),
        ...(input.aovTargetCents !== undefined ? { aovCents: input.aovTargetCents } : {}),
      });
      return { data: { updateShopSettings: shopFields() } };
    }
    if (op.operationName === 'SettingsPage') {
      return { data: { shop: { ...shopFields(), tiktok: { __typename: 'TikTokIntegration', connected: true, connectedAt: '2026-01-01T00:00:00.000Z', disconnectedAt: null } } } };
    }
    // The insights page: its AOV tile is below target once the target is above the fixture's AOV ($45.00).
    const page = pageData();
    const aboveTarget = shop.aovCents > 4500;
    page.shop.tiktokInsights!.allTime.aovBelowTarget = aboveTarget;
    return { data: { shop: { ...page.shop, ...shopFields(), aovTarget: { __typename: 'Money', formatted: formatMoney(shop.aovCents, shop.currency) } } } };
  };
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const op = { operationName: operation.operationName ?? '', variables: operation.variables as Record<string, any> };
        sent.push(op);
        // A mutation answers a little later, so that the saving state shows.
        setTimeout(
          () => {
            observer.next(answer(op) as never);
            observer.complete();
          },
          op.operationName === 'UpdateShopSettings' ? 300 : 5,
        );
      }),
  );
  return { link, sent, shop };
}

function renderApp(server: ReturnType<typeof fakeServer>, path = '/settings') {
  const client = new ApolloClient({ link: server.link, cache: createCache() });
  const nav = (
    <nav>
      <Link to="/settings">Settings</Link> <Link to="/insights/tiktok">Insights</Link>
    </nav>
  );
  const router = createMemoryRouter(
    [
      { path: '/settings', element: <>{nav}<SettingsRoute /></> },
      { path: '/insights/tiktok', element: <>{nav}<TikTokInsightsRoute /></> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AccountContext value={signedInAccount()}>
      <CallerContext value={personCaller('OWNER')}>
        <ApolloProvider client={client}>
          <RouterProvider router={router} />
        </ApolloProvider>
      </CallerContext>
    </AccountContext>,
  );
  return { client };
}

const names = (sent: Sent[]) => sent.map((op) => op.operationName);

describe('Settings: the shop settings form', () => {
  it('shows the current settings in labelled fields and saves only what changed', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderApp(server);
    const name = await screen.findByLabelText('Shop name');
    expect(name).toHaveValue('Rosie Lane Boutique');
    expect(screen.getByLabelText('Time zone')).toHaveValue('America/Chicago');
    expect(screen.getByLabelText('Currency')).toHaveValue('USD');
    expect(screen.getByRole('group', { name: 'Weeks start on' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Monday' })).toBeChecked();
    const aov = screen.getByLabelText('Average order value target (USD)');
    expect(aov).toHaveValue('40.00');

    await user.clear(aov);
    await user.type(aov, '55.5');
    await user.click(screen.getByRole('radio', { name: 'Sunday' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saving…')).toBeDisabled();
    expect(screen.getByText('Saving…').closest('form')).toHaveAttribute('aria-busy', 'true');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Settings saved.'));
    const update = server.sent.find((op) => op.operationName === 'UpdateShopSettings')!;
    expect(update.variables).toEqual({ input: { weekStartsOn: 'SUNDAY', aovTargetCents: 5550 } });
    expect(screen.getByLabelText('Average order value target (USD)')).toHaveValue('55.50');
    expect(screen.getByRole('radio', { name: 'Sunday' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeEnabled();
  });

  it('checks the fields before sending: an invalid amount or an empty name is marked and nothing is sent', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderApp(server);
    const aov = await screen.findByLabelText('Average order value target (USD)');
    await user.clear(aov);
    await user.type(aov, '-3');
    await user.clear(screen.getByLabelText('Shop name'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const name = screen.getByLabelText('Shop name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Enter a name of 1 to 200 characters.');
    expect(name).toHaveFocus();
    expect(aov).toHaveAttribute('aria-invalid', 'true');
    expect(aov).toHaveAccessibleDescription(expect.stringContaining('Enter an amount, 0 or more, with at most 2 decimals'));
    expect(names(server.sent)).toEqual(['SettingsPage']);

    // Fixing a field clears its mark.
    await user.type(name, 'Rosie');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it("shows the server's refusal under the field it names", async () => {
    const user = userEvent.setup();
    const server = fakeServer((op) =>
      op.operationName === 'UpdateShopSettings'
        ? {
            errors: [
              {
                message: 'currency JPY has 0 decimal digits and USD has 2: amounts are kept in minor units and would change 100-fold.',
                extensions: { code: 'BAD_USER_INPUT', field: 'currency' },
              },
            ],
          }
        : null,
    );
    renderApp(server);
    await user.selectOptions(await screen.findByLabelText('Currency'), 'JPY');
    // In yen the target takes no decimals.
    const aov = screen.getByLabelText('Average order value target (JPY)');
    await user.clear(aov);
    await user.type(aov, '5000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const currency = screen.getByLabelText('Currency');
    await waitFor(() => expect(currency).toHaveAttribute('aria-invalid', 'true'));
    expect(currency).toHaveAccessibleDescription(expect.stringContaining('would change 100-fold'));
    expect(server.sent.find((op) => op.operationName === 'UpdateShopSettings')!.variables).toEqual({ input: { currency: 'JPY', aovTargetCents: 5000 } });
    expect(server.shop.currency).toBe('USD');
  });

  it('makes the dashboard ask again after saving, so its tiles follow the new target', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderApp(server, '/insights/tiktok');
    const aovTile = await screen.findByTestId('tile-all-time-aov');
    expect(within(aovTile).queryByText(/Below your/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Settings' }));
    const aov = await screen.findByLabelText('Average order value target (USD)');
    await user.clear(aov);
    await user.type(aov, '50');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Settings saved.'));

    await user.click(screen.getByRole('link', { name: 'Insights' }));
    await waitFor(() => expect(within(screen.getByTestId('tile-all-time-aov')).getByText('Below your $50.00 target')).toBeInTheDocument());
    expect(names(server.sent)).toEqual(['TikTokInsightsPage', 'SettingsPage', 'UpdateShopSettings', 'TikTokInsightsPage']);
  });
});

describe('parseAmount', () => {
  it('reads amounts in minor units without floating point, refusing more decimals than the currency has', () => {
    expect(parseAmount('40', 2)).toBe(4000);
    expect(parseAmount('40.5', 2)).toBe(4050);
    expect(parseAmount(' 1,250.07 ', 2)).toBe(125007);
    expect(parseAmount('0.29', 2)).toBe(29);
    expect(parseAmount('5000', 0)).toBe(5000);
    expect(parseAmount('1.5', 0)).toBeNull();
    expect(parseAmount('1.234', 2)).toBeNull();
    expect(parseAmount('-1', 2)).toBeNull();
    expect(parseAmount('', 2)).toBeNull();
    expect(parseAmount('1e3', 2)).toBeNull();
    expect(parseAmount('99999999', 2)).toBeNull();
  });
});
