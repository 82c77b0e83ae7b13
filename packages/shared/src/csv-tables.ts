import { csvDateTime, csvInteger, csvMoney, csvText, type CsvColumnDefinition, type CsvTableDefinition } from './csv';
import type { PostalAddress } from './postal-address';

/**
 * The CSV columns of the dashboard's tables. The browser ("Rows shown") and the API ("All
 * results") both write these, so that the two files of a table agree byte for byte. Headers use
 * the names the table shows; a table that shows money has a Currency column after its amounts.
 */

interface CsvCustomer {
  tiktokCustomerId: string;
  name: string;
  address: PostalAddress;
}

const currencyColumn: CsvColumnDefinition<unknown> = { header: 'Currency', cell: (_row, context) => context.currency };

const customerColumns: CsvTableDefinition<CsvCustomer> = [
  { header: 'TikTok customer ID', cell: (r) => csvText(r.tiktokCustomerId) },
  { header: 'Name', cell: (r) => csvText(r.name) },
  { header: 'Address line 1', cell: (r) => csvText(r.address.line1) },
  { header: 'Address line 2', cell: (r) => csvText(r.address.line2) },
  { header: 'City', cell: (r) => csvText(r.address.city) },
  { header: 'Region', cell: (r) => csvText(r.address.region) },
  { header: 'Postal code', cell: (r) => csvText(r.address.postalCode) },
  { header: 'Country', cell: (r) => csvText(r.address.country) },
];

/** A row of "All-time TikTok customers", the marketing list. */
export interface MarketingCustomerCsvRow extends CsvCustomer {
  orders: number;
  netReceiptsCents: number;
  firstOrderAt: Date | string;
  lastOrderAt: Date | string;
}

export const MARKETING_CUSTOMERS_CSV: CsvTableDefinition<MarketingCustomerCsvRow> = [
  ...customerColumns,
  { header: 'Orders', cell: (r) => csvInteger(r.orders) },
  { header: 'Net receipts', cell: (r, c) => csvMoney(r.netReceiptsCents, c.currency) },
  currencyColumn,
  { header: 'First order', cell: (r, c) => csvDateTime(r.firstOrderAt, c.timeZone) },
  { header: 'Last order', cell: (r, c) => csvDateTime(r.lastOrderAt, c.timeZone) },
];

/** A row of "Crossover customers". */
export interface CrossoverCustomerCsvRow extends CsvCustomer {
  firstTikTokOrderAt: Date | string;
  /** The first store order after it: its day is the crossover date. */
  firstCrossoverOrderAt: Date | string;
  storeOrders: number;
  storeNetReceiptsCents: number;
}

export const CROSSOVER_CUSTOMERS_CSV: CsvTableDefinition<CrossoverCustomerCsvRow> = [
  ...customerColumns,
  { header: 'First TikTok order', cell: (r, c) => csvDateTime(r.firstTikTokOrderAt, c.timeZone) },
  { header: 'Crossover date', cell: (r, c) => csvDateTime(r.firstCrossoverOrderAt, c.timeZone) },
  { header: 'Store orders', cell: (r) => csvInteger(r.storeOrders) },
  { header: 'Store net receipts', cell: (r, c) => csvMoney(r.storeNetReceiptsCents, c.currency) },
  currencyColumn,
];

/** A row of "Top selling TikTok products". */
export interface TopProductCsvRow {
  rank: number;
  name: string;
  sku?: string | null;
  unitsSold: number;
  totalSalesCents: number;
  /** Its rank over the previous period, in the same order; null when it sold nothing then. */
  previousRank: number | null;
  /** Units sold in the previous period (0 when none). */
  previousUnitsSold: number;
}

export const TOP_PRODUCTS_CSV: CsvTableDefinition<TopProductCsvRow> = [
  { header: 'Rank', cell: (r) => csvInteger(r.rank) },
  { header: 'Product', cell: (r) => csvText(r.name) },
  { header: 'SKU', cell: (r) => csvText(r.sku) },
  { header: 'Number sold', cell: (r) => csvInteger(r.unitsSold) },
  { header: 'Total sales', cell: (r, c) => csvMoney(r.totalSalesCents, c.currency) },
  currencyColumn,
  // Empty when the product sold nothing in the previous period (the table says "New").
  { header: 'Previous rank', cell: (r) => (r.previousRank === null ? '' : csvInteger(r.previousRank)) },
  { header: 'Previous number sold', cell: (r) => csvInteger(r.previousUnitsSold) },
];
