import { MARKETING_CUSTOMERS_CSV, type MarketingCustomerCsvRow } from '@tiktok-insights/shared';
import { z } from 'zod';
import type { CsvExport } from '../../platform/csv-export/csv-export.service.js';
import { isoDay, oneOf, parameter, parseExportParameters } from '../../platform/csv-export/export-parameters.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { asOfDefault } from '../shops/as-of.js';
import type { ShopRecord } from '../shops/shop.record.js';
import { CustomerOrderField, OrderDirection } from './tiktok-customer.types.js';
import { addressOfRow, marketingListState, orderedCustomerList, SORTS, type TikTokCustomerRow } from './tiktok-customers.service.js';

/** The export's parameters: the list's `asOf` and ordering, as `customers(orderBy:)` takes it. */
const MARKETING_LIST_PARAMETERS = z.object({
  asOf: parameter(isoDay),
  orderBy: parameter(oneOf(CustomerOrderField)).default('NET_RECEIPTS'),
  direction: parameter(oneOf(OrderDirection)).default('DESC'),
});

/** The whole marketing list, in the order the dashboard shows it (`query`: the request's parameters). */
export async function marketingListExport(
  shop: ShopScope,
  record: Pick<ShopRecord, 'currency' | 'timezone'>,
  query: unknown,
): Promise<CsvExport<TikTokCustomerRow, MarketingCustomerCsvRow>> {
  // Customers' names and addresses: not for a shared link.
  shop.require('customers');
  const parameters = parseExportParameters(MARKETING_LIST_PARAMETERS, query);
  const asOf = parameters.asOf ?? asOfDefault(record);
  const { current } = await marketingListState(shop, asOf);
  const sort = SORTS[parameters.orderBy];
  const order = parameters.direction === 'ASC' ? 'ASC' : 'DESC';
  return {
    table: MARKETING_CUSTOMERS_CSV,
    context: { currency: record.currency, timeZone: record.timezone },
    asOf,
    sql: orderedCustomerList(current, `t.${sort.column} ${order}, t.customer_id ${order}`),
    parameters: [shop.shopId, asOf],
    toRow: (row) => ({
      tiktokCustomerId: row.external_id,
      name: row.name,
      address: addressOfRow(row),
      orders: row.orders,
      netReceiptsCents: row.net_receipts_cents,
      firstOrderAt: row.first_order_at,
      lastOrderAt: row.last_order_at,
    }),
  };
}
