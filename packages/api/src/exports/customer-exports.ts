import { CLASSIFIED_CUSTOMERS } from '../crossover/crossover.service.js';
import type { CustomerOrderField, OrderDirection } from '../customers/tiktok-customer.types.js';
import { customerSource, SORTS, type TikTokCustomerRow } from '../customers/tiktok-customers.service.js';
import { instantCell, moneyCell, safeText } from './csv-cells.js';
import type { CsvExport } from './csv-export.service.js';

const ADDRESS_HEADER = ['Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country'];

interface Identity {
  external_id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

const identityCells = (row: Identity) => [
  safeText(row.external_id),
  safeText(row.name),
  safeText(row.line1),
  safeText(row.line2),
  safeText(row.city),
  safeText(row.region),
  safeText(row.postal_code),
  safeText(row.country),
];

/** The whole marketing list, in the order the dashboard shows it. */
export function marketingListExport(options: {
  shopId: string;
  asOf: string;
  current: boolean;
  currency: string;
  field: CustomerOrderField;
  direction: OrderDirection;
}): CsvExport<TikTokCustomerRow> {
  const sort = SORTS[options.field];
  const order = options.direction === 'ASC' ? 'ASC' : 'DESC';
  return {
    header: ['TikTok customer ID', 'Name', ...ADDRESS_HEADER, 'Orders', `Net receipts (${options.currency})`, 'First order at', 'Last order at'],
    sql: `SELECT * FROM (${customerSource(options.current)}) t ORDER BY t.${sort.column} ${order}, t.customer_id ${order}`,
    parameters: [options.shopId, options.asOf],
    toCells: (row) => [
      ...identityCells(row),
      row.orders,
      moneyCell(row.net_receipts_cents, options.currency),
      instantCell(row.first_order_at),
      instantCell(row.last_order_at),
    ],
  };
}

interface CrossoverExportRow extends Identity {
  first_at: Date;
  first_store_at: Date;
  store_orders: number;
  store_net: number;
}

/** Every crossover customer, latest crossover first, as the dashboard lists them. */
export function crossoverCustomersExport(options: { shopId: string; asOf: string; currency: string }): CsvExport<CrossoverExportRow> {
  return {
    header: [
      'TikTok customer ID',
      'Name',
      ...ADDRESS_HEADER,
      'First TikTok order at',
      'First store order after it at',
      'Store orders',
      `Store net receipts (${options.currency})`,
    ],
    sql: `WITH ${CLASSIFIED_CUSTOMERS}
          SELECT c.external_id, c.name, c.line1, c.line2, c.city, c.region, c.postal_code, c.country,
                 k.first_at, k.first_store_at, k.store_orders, k.store_net
            FROM classified k
            JOIN customer c ON c.shop_id = $1 AND c.customer_id = k.customer_id
           WHERE k.sourced AND k.store_orders > 0
           ORDER BY k.first_store_at DESC, k.customer_id DESC`,
    parameters: [options.shopId, options.asOf],
    toCells: (row) => [
      ...identityCells(row),
      instantCell(row.first_at),
      instantCell(row.first_store_at),
      row.store_orders,
      moneyCell(row.store_net, options.currency),
    ],
  };
}
