import {
  CROSSOVER_CUSTOMERS_CSV,
  MARKETING_CUSTOMERS_CSV,
  type CrossoverCustomerCsvRow,
  type CsvContext,
  type MarketingCustomerCsvRow,
} from '@tiktok-insights/shared';
import { crossoverCustomersWith } from '../crossover/crossover.service.js';
import type { CustomerOrderField, OrderDirection } from './tiktok-customer.types.js';
import { addressOfRow, customerSource, SORTS, type CustomerAddressColumns, type TikTokCustomerRow } from './tiktok-customers.service.js';
import type { CsvExport } from '../../platform/csv-export/csv-export.service.js';

interface Identity extends CustomerAddressColumns {
  external_id: string;
  name: string;
}

/** The whole marketing list, in the order the dashboard shows it. */
export function marketingListExport(options: {
  shopId: string;
  asOf: string;
  current: boolean;
  context: CsvContext;
  field: CustomerOrderField;
  direction: OrderDirection;
}): CsvExport<TikTokCustomerRow, MarketingCustomerCsvRow> {
  const sort = SORTS[options.field];
  const order = options.direction === 'ASC' ? 'ASC' : 'DESC';
  return {
    table: MARKETING_CUSTOMERS_CSV,
    context: options.context,
    asOf: options.asOf,
    sql: `SELECT * FROM (${customerSource(options.current)}) t ORDER BY t.${sort.column} ${order}, t.customer_id ${order}`,
    parameters: [options.shopId, options.asOf],
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

interface CrossoverExportRow extends Identity {
  first_at: Date;
  first_store_at: Date;
  store_orders: number;
  store_net: number;
}

/**
 * Every crossover customer, latest crossover first, as the dashboard lists them and from the same
 * source: the statement itself reads the kept state when it is current for asOf.
 */
export function crossoverCustomersExport(options: { shopId: string; asOf: string; context: CsvContext }): CsvExport<CrossoverExportRow, CrossoverCustomerCsvRow> {
  return {
    table: CROSSOVER_CUSTOMERS_CSV,
    context: options.context,
    asOf: options.asOf,
    sql: `WITH ${crossoverCustomersWith('kept when current')}
          SELECT c.external_id, c.name, c.line1, c.line2, c.city, c.region, c.postal_code, c.country,
                 k.first_at, k.first_store_at, k.store_orders, k.store_net
            FROM crossover_customers k
            JOIN customer c ON c.shop_id = $1 AND c.customer_id = k.customer_id
           ORDER BY k.first_store_at DESC, k.customer_id DESC`,
    parameters: [options.shopId, options.asOf],
    toRow: (row) => ({
      tiktokCustomerId: row.external_id,
      name: row.name,
      address: addressOfRow(row),
      firstTikTokOrderAt: row.first_at,
      firstCrossoverOrderAt: row.first_store_at,
      storeOrders: row.store_orders,
      storeNetReceiptsCents: row.store_net,
    }),
  };
}
