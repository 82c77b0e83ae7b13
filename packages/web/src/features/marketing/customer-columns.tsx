import type { MarketingCustomerCsvRow } from '@tiktok-insights/shared';
import type { DataColumn } from '../../components/tables/data-table';
import { formatDateInZone } from '../../format/dates';
import { formatCount } from '../../format/numbers';

/** The customer fields both customer lists show. */
export interface CustomerRow {
  id: string;
  tiktokCustomerId: string;
  name: string;
  address: { line1: string; line2?: string | null; city: string; region: string; postalCode: string; country: string };
  orders: number;
  netReceipts: { cents: number; currency: string; formatted: string };
  firstOrderAt: string;
  lastOrderAt: string;
}

export function formatAddress(a: CustomerRow['address']): string {
  return [a.line1, a.line2, a.city, `${a.region} ${a.postalCode}`, a.country].filter(Boolean).join(', ');
}

export function customerColumns<T>(pick: (row: T) => CustomerRow, timezone: string): DataColumn<T>[] {
  return [
    { id: 'tiktokCustomerId', header: 'TikTok customer ID', cell: (r) => <code>{pick(r).tiktokCustomerId}</code>, size: 165, enableSorting: false },
    { id: 'name', header: 'Name', cell: (r) => pick(r).name, size: 140, grow: 1 },
    { id: 'address', header: 'Address', cell: (r) => formatAddress(pick(r).address), size: 200, grow: 2, enableSorting: false },
    { id: 'orders', header: 'Orders', cell: (r) => formatCount(pick(r).orders), align: 'end', size: 95, sortDescFirst: true },
    { id: 'netReceipts', header: 'Net receipts', cell: (r) => pick(r).netReceipts.formatted, align: 'end', size: 110, sortDescFirst: true },
    { id: 'firstOrderAt', header: 'First order', cell: (r) => formatDateInZone(pick(r).firstOrderAt, timezone), size: 130 },
    { id: 'lastOrderAt', header: 'Last order', cell: (r) => formatDateInZone(pick(r).lastOrderAt, timezone), size: 130, sortDescFirst: true },
  ];
}

/** A row of the marketing list as its CSV (shared's MARKETING_CUSTOMERS_CSV) writes it. */
export function marketingCustomerCsvRow(row: CustomerRow): MarketingCustomerCsvRow {
  return {
    tiktokCustomerId: row.tiktokCustomerId,
    name: row.name,
    address: row.address,
    orders: row.orders,
    netReceiptsCents: row.netReceipts.cents,
    firstOrderAt: row.firstOrderAt,
    lastOrderAt: row.lastOrderAt,
  };
}
