import { CROSSOVER_CUSTOMERS_CSV, type CrossoverCustomerCsvRow } from '@tiktok-insights/shared';
import { z } from 'zod';
import type { CsvExport } from '../../platform/csv-export/csv-export.service.js';
import { isoDay, parameter, parseExportParameters } from '../../platform/csv-export/export-parameters.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { addressOfRow, type CustomerAddressColumns } from '../customers/tiktok-customers.service.js';
import { asOfDefault } from '../shops/as-of.js';
import type { ShopRecord } from '../shops/shop.record.js';
import { crossoverCustomersWith } from './crossover.service.js';

/** The export's parameter: the list's `asOf`. */
const CROSSOVER_CUSTOMERS_PARAMETERS = z.object({ asOf: parameter(isoDay) });

interface CrossoverExportRow extends CustomerAddressColumns {
  external_id: string;
  name: string;
  first_at: Date;
  first_store_at: Date;
  store_orders: number;
  store_net: number;
}

/**
 * Every crossover customer as of asOf, latest crossover first, as the dashboard lists them, from
 * the kept state as of asOf (`query`: the request's parameters).
 */
export async function crossoverCustomersExport(
  shop: ShopScope,
  record: Pick<ShopRecord, 'currency' | 'timezone'>,
  query: unknown,
): Promise<CsvExport<CrossoverExportRow, CrossoverCustomerCsvRow>> {
  // Customers' names and addresses: not for a shared link.
  shop.require('customers');
  const asOf = parseExportParameters(CROSSOVER_CUSTOMERS_PARAMETERS, query).asOf ?? asOfDefault(record);
  return {
    table: CROSSOVER_CUSTOMERS_CSV,
    context: { currency: record.currency, timeZone: record.timezone },
    asOf,
    sql: `WITH ${crossoverCustomersWith('as of')}
          SELECT c.external_id, c.name, c.line1, c.line2, c.city, c.region, c.postal_code, c.country,
                 k.first_at, k.first_store_at, k.store_orders, k.store_net
            FROM crossover_customers k
            JOIN customer c ON c.shop_id = $1 AND c.customer_id = k.customer_id
           ORDER BY k.first_store_at DESC, k.customer_id DESC`,
    parameters: [shop.shopId, asOf],
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
