import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { pageSize } from '../../platform/graphql/connection.js';
import { money } from '../../platform/graphql/money.type.js';
import { TikTokInsights } from '../insights/insights.types.js';
import { CustomerOrder, TikTokCustomerConnection, type TikTokCustomer } from './tiktok-customer.types.js';
import { addressOfRow, listTikTokCustomers, type TikTokCustomerRow } from './tiktok-customers.service.js';

export function toTikTokCustomer(row: TikTokCustomerRow, currency: string): TikTokCustomer {
  return {
    id: String(row.customer_id),
    tiktokCustomerId: row.external_id,
    name: row.name,
    address: addressOfRow(row),
    firstOrderAt: row.first_order_at,
    lastOrderAt: row.last_order_at,
    orders: row.orders,
    netReceipts: money(row.net_receipts_cents, currency),
  };
}

@Resolver(() => TikTokInsights)
export class TikTokCustomersResolver {
  @FieldResolver(() => TikTokCustomerConnection, {
    description:
      'The marketing list: every TikTok customer with a counted TikTok order up to `asOf`, with their orders, net ' +
      'receipts, first and last order over those orders. Sorted by `orderBy` (default: net receipts, descending), ' +
      'paged with `first` (default 50, at most 500) and `after`.',
  })
  async customers(
    @Root() insights: TikTokInsights,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500 (default 50).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' }) after: string | null,
    @Arg('orderBy', () => CustomerOrder, { nullable: true, description: 'Sort order.' }) orderBy: CustomerOrder | null,
  ): Promise<TikTokCustomerConnection> {
    const { shop, asOf } = insights.scope;
    // The count alone (`first: 0`) is no personal data: a shared link sees it.
    if (pageSize(first) > 0) shop.scope.require('customers');
    const page = await listTikTokCustomers(shop.scope, {
      asOf,
      first: pageSize(first),
      after: after ?? null,
      field: orderBy?.field ?? 'NET_RECEIPTS',
      direction: orderBy?.direction ?? 'DESC',
    });
    return {
      edges: page.rows.map(({ row, cursor }) => ({ cursor, node: toTikTokCustomer(row, shop.currency) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }
}
