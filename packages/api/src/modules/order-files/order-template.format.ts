import { ORDER_FILE_HEADERS } from '@tiktok-insights/shared';
import { ORDER_STATUSES, SALES_CHANNELS, type OrderData, type OrderLineData, type OrderStatus, type SalesChannel } from '../orders/order-input.js';
import { countryCode, type FileRow, optional, postalCode, shorten } from './file-cells.js';
import type { OrderFileFormatDefinition, OrderRows } from './order-file-format.js';

/**
 * Our template, for any other store (downloadable from the Import page): one row per line, the
 * columns of `OrderInput` one to one, order-level cells on the order's first row.
 */

export { TEMPLATE_COLUMNS } from '@tiktok-insights/shared';

function oneOf<T extends string>(order: OrderRows, column: string, values: readonly T[], blank?: T): T | null {
  const text = order.text(column);
  if (text === '' && blank) return blank;
  const value = text.toUpperCase() as T;
  if (values.includes(value)) return value;
  order.report(order.first.row, column, `must be one of ${values.join(', ')}, got "${shorten(text)}"`);
  return null;
}

function line(order: OrderRows, row: FileRow): OrderLineData | null {
  const quantity = order.count('quantity', row);
  const unitPriceCents = order.amount('unit_price', row, true);
  if (quantity === null || unitPriceCents === null) return null;
  return {
    productExternalId: order.text('product_id', row),
    productName: order.text('product_name', row),
    sku: optional(order.text('sku', row)),
    quantity,
    unitPriceCents,
  };
}

function build(order: OrderRows): OrderData | null {
  const channel = oneOf<SalesChannel>(order, 'channel', SALES_CHANNELS);
  const status = oneOf<OrderStatus>(order, 'status', ORDER_STATUSES, 'PAID');
  const lines = order.rows.map((row) => line(order, row));
  const taxCents = order.amount('tax');
  const shippingCents = order.amount('shipping');
  const discountCents = order.amount('discount');
  const creditCents = order.amount('credit');
  if (order.failed || channel === null || status === null) return null;
  return {
    externalId: order.text('order_id'),
    channel,
    placedAt: order.text('placed_at'),
    status,
    customer: {
      externalId: order.text('customer_id'),
      name: order.text('customer_name'),
      email: optional(order.text('email')),
      address: {
        line1: order.text('address_line1'),
        line2: optional(order.text('address_line2')),
        city: order.text('city'),
        region: order.text('region'),
        postalCode: postalCode(order.text('postal_code')),
        country: countryCode(order.text('country')),
      },
    },
    lines: lines as OrderLineData[],
    taxCents: taxCents!,
    shippingCents: shippingCents!,
    discountCents: discountCents!,
    creditCents: creditCents!,
  };
}

export const orderTemplateFormat: OrderFileFormatDefinition = {
  ...ORDER_FILE_HEADERS.template,
  required: ORDER_FILE_HEADERS.template.recognizedBy,
  orderLevelColumns: [
    'channel', 'placed_at', 'status', 'customer_id', 'customer_name', 'email', 'address_line1', 'address_line2',
    'city', 'region', 'postal_code', 'country', 'tax', 'shipping', 'discount', 'credit',
  ],
  fieldColumns: {
    externalId: 'order_id',
    channel: 'channel',
    placedAt: 'placed_at',
    status: 'status',
    'customer.externalId': 'customer_id',
    'customer.name': 'customer_name',
    'customer.email': 'email',
    'customer.address': 'address_line1',
    'customer.address.line1': 'address_line1',
    'customer.address.line2': 'address_line2',
    'customer.address.city': 'city',
    'customer.address.region': 'region',
    'customer.address.postalCode': 'postal_code',
    'customer.address.country': 'country',
    lines: 'product_id',
    'lines[].productExternalId': 'product_id',
    'lines[].productName': 'product_name',
    'lines[].sku': 'sku',
    'lines[].quantity': 'quantity',
    'lines[].unitPriceCents': 'unit_price',
    taxCents: 'tax',
    shippingCents: 'shipping',
    discountCents: 'discount',
    creditCents: 'credit',
  },
  build,
};
