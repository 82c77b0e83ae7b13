import type { DataColumn } from '../../components/tables/data-table';
import type { CsvColumn } from '../../csv/csv-table';
import { formatDateInZone } from '../../format/dates';
import { formatCount, moneyAmount } from '../../format/numbers';

/** The customer fields both customer lists show. */
export interface CustomerRow {
  id: string;
  tiktokCustomerId: string;
  name: string;
  address: { line1: string; line2?: string | null; city: string; region: string; postalCode: string; country: string };
  orders: number;
  netReceipts: { cents: number; formatted: string };
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

export function customerCsvColumns<T>(pick: (row: T) => CustomerRow, currency: string): CsvColumn<T>[] {
  return [
    { header: 'TikTok customer ID', value: (r) => pick(r).tiktokCustomerId },
    { header: 'Name', value: (r) => pick(r).name },
    { header: 'Address line 1', value: (r) => pick(r).address.line1 },
    { header: 'Address line 2', value: (r) => pick(r).address.line2 },
    { header: 'City', value: (r) => pick(r).address.city },
    { header: 'Region', value: (r) => pick(r).address.region },
    { header: 'Postal code', value: (r) => pick(r).address.postalCode },
    { header: 'Country', value: (r) => pick(r).address.country },
    { header: 'Orders', value: (r) => pick(r).orders },
    { header: `Net receipts (${currency})`, value: (r) => moneyAmount(pick(r).netReceipts.cents, currency) },
    { header: 'First order', value: (r) => pick(r).firstOrderAt },
    { header: 'Last order', value: (r) => pick(r).lastOrderAt },
  ];
}
