import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CSV_BOM, csvLine, csvMoney, formatWithOffset, parseIsoDateTime } from '@tiktok-insights/shared';
import type { OrderData, OrderStatus, SalesChannel } from '../orders/order-input.js';
import { generateDemoOrders, type DemoOptions } from './demo-generator.js';

/**
 * The demo's orders as the files a boutique downloads: TikTok Seller Center's order export (its
 * TikTok orders) and Shopify's (its store orders), with the columns of spec section 7 and the
 * quirks of real exports. Every buyer is made up by the demo generator.
 */

export const TIKTOK_EXPORT_FILE = 'tiktok-orders.csv';
export const SHOPIFY_EXPORT_FILE = 'shopify-orders.csv';

/** Seller Center's US layout, in its order (the columns we do not read stay blank). */
export const TIKTOK_HEADER = [
  'Order ID', 'Order Status', 'Order Substatus', 'Cancelation/Return Type', 'Normal or Pre-order', 'SKU ID', 'Seller SKU',
  'Product Name', 'Variation', 'Quantity', 'Sku Quantity of return', 'SKU Unit Original Price', 'SKU Subtotal Before Discount',
  'SKU Platform Discount', 'SKU Seller Discount', 'SKU Subtotal After Discount', 'Shipping Fee After Discount',
  'Original Shipping Fee', 'Taxes', 'Order Amount', 'Order Refund Amount', 'Created Time', 'Paid Time', 'Buyer Username',
  'Recipient', 'Zipcode', 'Country', 'State', 'City', 'Detail Address', 'Additional address information', 'Payment Method',
] as const;

/** Shopify's order export, the columns we read and a few around them, in its order. */
export const SHOPIFY_HEADER = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total',
  'Discount Code', 'Discount Amount', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku',
  'Billing Name', 'Billing Address1', 'Billing Address2', 'Billing City', 'Billing Zip', 'Billing Province', 'Billing Country',
  'Shipping Name', 'Shipping Address1', 'Shipping Address2', 'Shipping City', 'Shipping Zip', 'Shipping Province',
  'Shipping Country', 'Cancelled at', 'Refunded Amount', 'Source', 'Phone',
] as const;

type Row<H extends readonly string[]> = Partial<Record<H[number], string>>;

const TIKTOK_STATUS: Record<OrderStatus, string> = {
  UNPAID: 'Unpaid',
  PAID: 'Awaiting shipment',
  SHIPPED: 'In transit',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  // With `Order Refund Amount` = `Order Amount`, which is how the export says it.
  REFUNDED: 'Completed',
};

/** Shopify's `Source` per channel: its own names (`web`, `iphone`) and the social channels'. */
const SHOPIFY_SOURCE: Record<Exclude<SalesChannel, 'TIKTOK'>, string> = {
  WEBSITE: 'web',
  APP: 'iphone',
  FACEBOOK: 'facebook',
  INSTAGRAM: 'instagram',
  OTHER: 'pos',
};

const COUNTRY_NAMES: Record<string, string> = { US: 'United States' };

const goodsCents = (order: OrderData) => order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
const totalCents = (order: OrderData) => goodsCents(order) - order.discountCents + order.shippingCents + order.taxCents - order.creditCents;

/** Seller Center's amounts: a dollar sign and thousands separators, `$1,234.50`. */
function dollars(cents: number): string {
  const [whole, fraction] = csvMoney(cents, 'USD').split('.');
  return `$${Number(whole).toLocaleString('en-US')}.${fraction}`;
}

/** The order's wall time in the zone: `YYYY-MM-DD`, `HH:mm:ss` and the offset `-06:00`. */
function wallTime(placedAt: string, timeZone: string) {
  const text = formatWithOffset(parseIsoDateTime(placedAt).getTime(), timeZone);
  return { day: text.slice(0, 10), time: text.slice(11, 19), offset: text.slice(19) };
}

/** Seller Center's `Created Time`: `MM/DD/YYYY hh:mm:ss AM`, ending with a tab as its ids do. */
function tiktokTime(placedAt: string, timeZone: string): string {
  const { day, time } = wallTime(placedAt, timeZone);
  const [year, month, date] = day.split('-');
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month}/${date}/${year} ${pad(twelve)}:${pad(minute)}:${pad(second)} ${hour < 12 ? 'AM' : 'PM'}\t`;
}

/** Shopify's `Created at`: `YYYY-MM-DD HH:mm:ss -0600`. */
function shopifyTime(placedAt: string, timeZone: string): string {
  const { day, time, offset } = wallTime(placedAt, timeZone);
  return `${day} ${time} ${offset.replace(':', '')}`;
}

/** Seller Center's SKU ids are long numbers; the demo's product keys give stable ones. */
function skuId(productExternalId: string): string {
  let hash = 0;
  for (const char of productExternalId) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `172${String(hash).padStart(10, '0')}\t`;
}

/** One row per SKU line; the order's own cells on every row, as Seller Center writes them. */
export function tiktokExportRows(order: OrderData, timeZone: string): string[][] {
  const total = totalCents(order);
  const address = order.customer.address;
  const refund = order.status === 'REFUNDED' ? total : 0;
  return order.lines.map((line, n) => {
    const subtotal = line.quantity * line.unitPriceCents;
    // The order's discount is the seller's, on its first line.
    const sellerDiscount = n === 0 ? order.discountCents : 0;
    const row: Row<typeof TIKTOK_HEADER> = {
      'Order ID': `${order.externalId}\t`,
      'Order Status': TIKTOK_STATUS[order.status],
      'Normal or Pre-order': 'Normal',
      'SKU ID': skuId(line.productExternalId),
      'Seller SKU': line.sku ?? '',
      'Product Name': line.productName,
      Quantity: String(line.quantity),
      'Sku Quantity of return': '0',
      'SKU Unit Original Price': dollars(line.unitPriceCents),
      'SKU Subtotal Before Discount': dollars(subtotal),
      'SKU Platform Discount': dollars(0),
      'SKU Seller Discount': dollars(sellerDiscount),
      'SKU Subtotal After Discount': dollars(subtotal - sellerDiscount),
      'Shipping Fee After Discount': dollars(order.shippingCents),
      'Original Shipping Fee': dollars(order.shippingCents),
      Taxes: dollars(order.taxCents),
      'Order Amount': dollars(total),
      'Order Refund Amount': dollars(refund),
      'Created Time': tiktokTime(order.placedAt, timeZone),
      'Paid Time': order.status === 'UNPAID' ? '' : tiktokTime(order.placedAt, timeZone),
      'Buyer Username': order.customer.externalId,
      Recipient: order.customer.name,
      Zipcode: address.postalCode,
      Country: COUNTRY_NAMES[address.country] ?? address.country,
      State: address.region,
      City: address.city,
      'Detail Address': address.line1,
      'Additional address information': address.line2 ?? '',
      'Payment Method': 'Credit card',
    };
    return TIKTOK_HEADER.map((column) => row[column] ?? '');
  });
}

/** Shopify's status columns: the financial and fulfillment statuses and `Cancelled at`. */
function shopifyStatus(order: OrderData, timeZone: string) {
  switch (order.status) {
    case 'UNPAID':
      return { financial: 'pending', fulfillment: 'unfulfilled', cancelledAt: '' };
    case 'PAID':
      return { financial: 'paid', fulfillment: 'unfulfilled', cancelledAt: '' };
    // Shopify does not say delivered: a delivered order is a fulfilled one.
    case 'SHIPPED':
    case 'DELIVERED':
      return { financial: 'paid', fulfillment: 'fulfilled', cancelledAt: '' };
    case 'REFUNDED':
      return { financial: 'refunded', fulfillment: 'fulfilled', cancelledAt: '' };
    case 'CANCELLED':
      return { financial: 'voided', fulfillment: 'unfulfilled', cancelledAt: shopifyTime(order.placedAt, timeZone) };
  }
}

/** Shopify's billing or shipping address cells: the demo's buyers ship where they pay. */
function addressCells(kind: 'Billing' | 'Shipping', order: OrderData): Row<typeof SHOPIFY_HEADER> {
  const address = order.customer.address;
  return {
    [`${kind} Name`]: order.customer.name,
    [`${kind} Address1`]: address.line1,
    [`${kind} Address2`]: address.line2 ?? '',
    [`${kind} City`]: address.city,
    // Shopify guards a zip's leading zeros from spreadsheets with a quote.
    [`${kind} Zip`]: `'${address.postalCode}`,
    [`${kind} Province`]: address.region,
    [`${kind} Country`]: address.country,
  };
}

/** One row per line item; the order's own cells on its first row only, as Shopify writes them. */
export function shopifyExportRows(order: OrderData, timeZone: string): string[][] {
  if (order.channel === 'TIKTOK') throw new RangeError('TikTok orders belong in the Seller Center export');
  const source = SHOPIFY_SOURCE[order.channel];
  const money = (cents: number) => csvMoney(cents, 'USD');
  const total = totalCents(order);
  const { financial, fulfillment, cancelledAt } = shopifyStatus(order, timeZone);
  const createdAt = shopifyTime(order.placedAt, timeZone);
  return order.lines.map((line, n) => {
    const lineCells: Row<typeof SHOPIFY_HEADER> = {
      Name: order.externalId,
      'Lineitem quantity': String(line.quantity),
      'Lineitem name': line.productName,
      'Lineitem price': money(line.unitPriceCents),
      'Lineitem sku': line.sku ?? '',
    };
    const row: Row<typeof SHOPIFY_HEADER> =
      n > 0
        ? lineCells
        : {
            ...lineCells,
            Email: order.customer.email ?? '',
            'Financial Status': financial,
            'Paid at': financial === 'pending' || financial === 'voided' ? '' : createdAt,
            'Fulfillment Status': fulfillment,
            Currency: 'USD',
            Subtotal: money(goodsCents(order) - order.discountCents),
            Shipping: money(order.shippingCents),
            Taxes: money(order.taxCents),
            Total: money(total),
            'Discount Amount': money(order.discountCents),
            'Created at': createdAt,
            ...addressCells('Billing', order),
            ...addressCells('Shipping', order),
            'Cancelled at': cancelledAt,
            'Refunded Amount': money(order.status === 'REFUNDED' ? total : 0),
            Source: source,
          };
    return SHOPIFY_HEADER.map((column) => row[column] ?? '');
  });
}

export interface DemoExportFiles {
  tiktokFile: string;
  shopifyFile: string;
  tiktokOrders: number;
  shopifyOrders: number;
}

/** Writes a line and waits when the file's buffer is full. */
async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes the demo's orders as `tiktok-orders.csv` (its TikTok orders, with a byte-order mark as
 * Seller Center's files have) and `shopify-orders.csv` (its store orders) in `dir`.
 */
export async function writeDemoExportFiles(dir: string, options: DemoOptions): Promise<DemoExportFiles> {
  const timeZone = options.timeZone ?? 'America/Chicago';
  await mkdir(dir, { recursive: true });
  const tiktokFile = join(dir, TIKTOK_EXPORT_FILE);
  const shopifyFile = join(dir, SHOPIFY_EXPORT_FILE);
  const tiktok = createWriteStream(tiktokFile);
  const shopify = createWriteStream(shopifyFile);
  let tiktokOrders = 0;
  let shopifyOrders = 0;
  try {
    await write(tiktok, CSV_BOM + csvLine(TIKTOK_HEADER));
    await write(shopify, csvLine(SHOPIFY_HEADER));
    for (const batch of generateDemoOrders({ ...options, timeZone })) {
      for (const order of batch) {
        if (order.channel === 'TIKTOK') {
          tiktokOrders += 1;
          for (const cells of tiktokExportRows(order, timeZone)) await write(tiktok, csvLine(cells));
        } else {
          shopifyOrders += 1;
          for (const cells of shopifyExportRows(order, timeZone)) await write(shopify, csvLine(cells));
        }
      }
    }
  } finally {
    tiktok.end();
    shopify.end();
    await Promise.all([finished(tiktok), finished(shopify)]);
  }
  return { tiktokFile, shopifyFile, tiktokOrders, shopifyOrders };
}
