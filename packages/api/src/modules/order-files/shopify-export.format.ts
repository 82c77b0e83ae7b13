import { ORDER_FILE_HEADERS } from '@tiktok-insights/shared';
import type { AddressData, OrderData, OrderLineData, OrderStatus, SalesChannel } from '../orders/order-input.js';
import { countryCode, type FileRow, optional, postalCode, shorten } from './file-cells.js';
import { offsetTime } from './file-times.js';
import { type OrderFileFormatDefinition, type OrderRows, creditToTotal, spelling } from './order-file-format.js';

/**
 * Shopify's order export (Orders → Export): one row per line item, rows grouped by `Name`, the
 * order's own cells only on its first row. Spec section 7 maps its columns.
 */

const C = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  financialStatus: 'Financial Status',
  fulfillmentStatus: 'Fulfillment Status',
  cancelledAt: 'Cancelled at',
  createdAt: 'Created at',
  source: 'Source',
  shipping: 'Shipping',
  taxes: 'Taxes',
  total: 'Total',
  discount: 'Discount Amount',
  quantity: 'Lineitem quantity',
  lineName: 'Lineitem name',
  price: 'Lineitem price',
  sku: 'Lineitem sku',
  shippingName: 'Shipping Name',
  billingName: 'Billing Name',
} as const;

/** Address columns of one kind: `Shipping Address1` or `Billing Address1`, and so on. */
const addressColumns = (kind: 'Shipping' | 'Billing') => ({
  line1: `${kind} Address1`,
  line2: `${kind} Address2`,
  city: `${kind} City`,
  region: `${kind} Province`,
  postalCode: `${kind} Zip`,
  country: `${kind} Country`,
});
const SHIPPING = addressColumns('Shipping');
const BILLING = addressColumns('Billing');

const FINANCIAL_STATUSES: ReadonlyMap<string, OrderStatus> = new Map([
  ['paid', 'PAID'],
  ['partially refunded', 'PAID'],
  ['refunded', 'REFUNDED'],
  ['voided', 'CANCELLED'],
  ['pending', 'UNPAID'],
  ['authorized', 'UNPAID'],
  ['partially paid', 'UNPAID'],
  ['expired', 'UNPAID'],
]);

// Shopify's `Source` of an order placed in a phone app: its own apps' names and Shop's.
const APP_SOURCES = new Set(['iphone', 'ipad', 'android', 'ios', 'shop', 'shop app', 'mobile app']);

/** A `Source` naming TikTok: its orders come from TikTok's own export or connection. */
export const isTikTokSource = (source: string) => /tik\s?tok/.test(spelling(source));

/** The channel of a `Source` that is not TikTok's. */
export function channelOfSource(source: string): SalesChannel {
  const name = spelling(source);
  if (name === 'web') return 'WEBSITE';
  if (APP_SOURCES.has(name)) return 'APP';
  if (name.includes('facebook')) return 'FACEBOOK';
  if (name.includes('instagram')) return 'INSTAGRAM';
  return 'OTHER';
}

function status(order: OrderRows): OrderStatus | null {
  if (order.text(C.cancelledAt) !== '') return 'CANCELLED';
  const text = order.text(C.financialStatus);
  const mapped = FINANCIAL_STATUSES.get(spelling(text));
  if (!mapped) {
    order.report(order.first.row, C.financialStatus, `"${shorten(text)}" is not a financial status of the export`);
    return null;
  }
  return mapped === 'PAID' && spelling(order.text(C.fulfillmentStatus)) === 'fulfilled' ? 'SHIPPED' : mapped;
}

function address(order: OrderRows): AddressData {
  const shippingBlank = Object.values(SHIPPING).every((column) => order.text(column) === '');
  const columns = shippingBlank ? BILLING : SHIPPING;
  return {
    line1: order.text(columns.line1),
    line2: optional(order.text(columns.line2)),
    city: order.text(columns.city),
    region: order.text(columns.region),
    postalCode: postalCode(order.text(columns.postalCode)),
    country: countryCode(order.text(columns.country)),
  };
}

function line(order: OrderRows, row: FileRow): OrderLineData | null {
  const name = order.text(C.lineName, row);
  const sku = optional(order.text(C.sku, row));
  const quantity = order.count(C.quantity, row);
  const unitPriceCents = order.amount(C.price, row, true);
  if (quantity === null || unitPriceCents === null) return null;
  return { productExternalId: sku ?? name, productName: name, sku, quantity, unitPriceCents };
}

function build(order: OrderRows): OrderData | null {
  const channel = channelOfSource(order.text(C.source));
  const orderStatus = status(order);
  const placedAt = offsetTime(order.text(C.createdAt));
  if (placedAt.problem !== undefined) order.report(order.first.row, C.createdAt, placedAt.problem);
  const lines = order.rows.map((row) => line(order, row));
  const discount = order.amount(C.discount);
  const shipping = order.amount(C.shipping);
  const tax = order.amount(C.taxes);
  const total = order.amount(C.total, order.first, true);
  if (order.failed || orderStatus === null || discount === null || shipping === null || tax === null || total === null) return null;

  const goods = lines.reduce((sum, l) => sum + l!.quantity * l!.unitPriceCents, 0);
  const credit = creditToTotal(order, { goods, discount, shipping, tax, total }, C.total);
  if (credit === null) return null;

  const externalId = order.text(C.name);
  const email = optional(order.text(C.email).toLowerCase());
  return {
    externalId,
    channel,
    placedAt: placedAt.value!,
    status: orderStatus,
    customer: {
      externalId: email ?? optional(order.text(C.phone)) ?? `order:${externalId}`,
      name: optional(order.text(C.shippingName)) ?? order.text(C.billingName),
      email,
      address: address(order),
    },
    lines: lines as OrderLineData[],
    taxCents: tax,
    shippingCents: shipping,
    discountCents: discount,
    creditCents: credit,
  };
}

export const shopifyExportFormat: OrderFileFormatDefinition = {
  ...ORDER_FILE_HEADERS.shopify,
  required: [C.name, C.financialStatus, C.quantity, C.price, C.createdAt, C.lineName, C.total, [SHIPPING.line1, BILLING.line1]],
  skips: (order) => isTikTokSource(order.text(C.source)),
  orderLevelColumns: [
    C.email, C.phone, C.financialStatus, C.fulfillmentStatus, C.cancelledAt, C.createdAt, C.source,
    C.shipping, C.taxes, C.total, C.discount, C.shippingName, C.billingName,
    ...Object.values(SHIPPING), ...Object.values(BILLING),
  ],
  fieldColumns: {
    externalId: C.name,
    channel: C.source,
    placedAt: C.createdAt,
    status: C.financialStatus,
    'customer.externalId': C.email,
    'customer.name': C.shippingName,
    'customer.email': C.email,
    'customer.address': SHIPPING.line1,
    'customer.address.line1': SHIPPING.line1,
    'customer.address.line2': SHIPPING.line2,
    'customer.address.city': SHIPPING.city,
    'customer.address.region': SHIPPING.region,
    'customer.address.postalCode': SHIPPING.postalCode,
    'customer.address.country': SHIPPING.country,
    lines: C.lineName,
    'lines[].productExternalId': C.sku,
    'lines[].productName': C.lineName,
    'lines[].sku': C.sku,
    'lines[].quantity': C.quantity,
    'lines[].unitPriceCents': C.price,
    taxCents: C.taxes,
    shippingCents: C.shipping,
    discountCents: C.discount,
    creditCents: C.total,
  },
  build,
};
