import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerConnection, pageData } from '../../test/fixtures';
import { renderWithApollo } from '../../test/render-app';
import { TikTokInsightsRoute } from '../../routes/tiktok-insights/tiktok-insights-route';

const routes = [{ path: '/insights/tiktok', element: <TikTokInsightsRoute /> }];

function respond(op: { operationName: string; variables: Record<string, unknown> }) {
  if (op.operationName === 'MarketingCustomersPage') {
    const page = op.variables['customersAfter'] ? customerConnection([7, 8], 'cursor-8', false) : customerConnection([4, 5, 6], 'cursor-6', true);
    return { shop: { __typename: 'Shop', id: 'shop-1', tiktokInsights: { __typename: 'TikTokInsights', asOf: '2026-11-26', customers: page } } };
  }
  return pageData();
}

describe('All-time TikTok customers', () => {
  it('sorts on the server when a header is clicked, and pages on with the end cursor', async () => {
    const user = userEvent.setup();
    const { operations } = renderWithApollo(null, { respond, path: '/insights/tiktok', routes });
    const card = await screen.findByTestId('card-marketing-customers');
    const names = () => Array.from(card.querySelectorAll('[data-testid="row"] td[data-col="name"]')).map((td) => td.textContent);
    expect(names()).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
    expect(card).toHaveTextContent('1–3 of 60 customers');

    await user.click(within(card).getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(names()).toEqual(['Customer 4', 'Customer 5', 'Customer 6']));
    const sorted = operations.filter((o) => o.operationName === 'MarketingCustomersPage');
    expect(sorted).toHaveLength(1);
    expect(sorted[0]!.variables).toMatchObject({
      asOf: '2026-11-26',
      customersFirst: 25,
      customersAfter: null,
      customersOrderBy: { field: 'NAME', direction: 'ASC' },
    });

    await user.click(within(card).getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(names()).toEqual(['Customer 7', 'Customer 8']));
    const next = operations.filter((o) => o.operationName === 'MarketingCustomersPage')[1]!;
    expect(next.variables).toMatchObject({ customersAfter: 'cursor-6', customersOrderBy: { field: 'NAME', direction: 'ASC' } });
    expect(card).toHaveTextContent('26–27 of 60 customers');
  });
});
