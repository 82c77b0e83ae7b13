import { ORDER_FILE_HEADERS } from '@tiktok-insights/shared';
import type { OrderData, OrderLineData, OrderStatus } from '../orders/order-input.js';
import { countryCode, optional, postalCode, shorten } from './file-cells.js';
import { wallTimeInZone } from './file-times.js';
import { type OrderFileFormatDefinition, type OrderRows, creditToTotal, spelling } from './order-file-format.js';

/**
 * TikTok Seller Center's order export, US layout (Orders → Export): one row per SKU line, rows
 * grouped by `Order ID`, ids and times ending with a tab. Spec section 7 maps its columns.
 */

const C = {
  orderId: 'Order ID',
  status: 'Order Status',
  skuId: 'SKU ID',
  sellerSku: 'Seller SKU',
  productName: 'Product Name',
  quantity: 'Quantity',
  unitPrice: 'SKU Unit Original Price',
  platformDiscount: 'SKU Platform Discount',
  sellerDiscount: 'SKU Seller Discount',
  shipping: 'Shipping Fee After Discount',
  taxes: 'Taxes',
  retailDeliveryFee: 'Retail Delivery Fee',
  total: 'Order Amount',
  refund: 'Order Refund Amount',
  createdTime: 'Created Time',
  buyer: 'Buyer Username',
  recipient: 'Recipient',
  zipcode: 'Zipcode',
  country: 'Country',
  state: 'State',
  city: 'City',
  line1: 'Address Line 1',
  line2: 'Address Line 2',
  detailAddress: 'Detail Address',
  additionalAddress: 'Additional address information',
} as const;

const STATUSES: ReadonlyMap<string, OrderStatus> = new Map([
  ['unpaid', 'UNPAID'],
  ['cancelled', 'CANCELLED'],
  ['canceled', 'CANCELLED'],
  ['awaiting shipment', 'PAID'],
  ['to ship', 'PAID'],
  ['awaiting collection', 'PAID'],
  ['processing', 'PAID'],
  ['on hold', 'PAID'],
  ['partially shipped', 'SHIPPED'],
  ['shipped', 'SHIPPED'],
  ['in transit', 'SHIPPED'],
  ['delivered', 'DELIVERED'],
  ['completed', 'DELIVERED'],
]);

function line(order: OrderRows, row: OrderRows['first']): OrderLineData | null {
  const productName = order.text(C.productName, row);
  const quantity = order.count(C.quantity, row);
  const unitPriceCents = order.amount(C.unitPrice, row, true);
  if (quantity === null || unitPriceCents === null) return null;
  return {
    // The export has no product id: the product is its name.
    productExternalId: productName,
    productName,
    sku: optional(order.text(C.sellerSku, row)) ?? optional(order.text(C.skuId, row)),
    quantity,
    unitPriceCents,
  };
}

function build(order: OrderRows): OrderData | null {
  const statusText = order.text(C.status);
  const mapped = STATUSES.get(spelling(statusText));
  if (!mapped) order.report(order.first.row, C.status, `"${shorten(statusText)}" is not an order status of the export`);
  const placedAt = wallTimeInZone(order.text(C.createdTime), order.timeZone);
  if (placedAt.problem !== undefined) order.report(order.first.row, C.createdTime, placedAt.problem);

  const lines = order.rows.map((row) => line(order, row));
  const discount = sumOrNull(order.sumOfAmounts(C.sellerDiscount), order.sumOfAmounts(C.platformDiscount));
  const shipping = order.amount(C.shipping);
  const tax = sumOrNull(order.amount(C.taxes), order.amount(C.retailDeliveryFee));
  const total = order.amount(C.total, order.first, true);
  const refund = order.amount(C.refund);
  if (order.failed || discount === null || shipping === null || tax === null || total === null || refund === null) return null;

  const goods = lines.reduce((sum, l) => sum + l!.quantity * l!.unitPriceCents, 0);
  const credit = creditToTotal(order, { goods, discount, shipping, tax, total }, C.total);
  if (credit === null) return null;

  const detailLayout = !order.has(C.line1) && order.has(C.detailAddress);
  return {
    externalId: order.text(C.orderId),
    channel: 'TIKTOK',
    placedAt: placedAt.value!,
    status: total > 0 && refund === total ? 'REFUNDED' : mapped!,
    customer: {
      externalId: order.text(C.buyer),
      name: order.text(C.recipient),
      address: {
        line1: order.text(detailLayout ? C.detailAddress : C.line1),
        line2: optional(order.text(detailLayout ? C.additionalAddress : C.line2)),
        city: order.text(C.city),
        region: order.text(C.state),
        postalCode: postalCode(order.text(C.zipcode)),
        country: countryCode(order.text(C.country)),
      },
    },
    lines: lines as OrderLineData[],
    taxCents: tax,
    shippingCents: shipping,
    discountCents: discount,
    creditCents: credit,
  };
}

const sumOrNull = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export const tiktokExportFormat: OrderFileFormatDefinition = {
  ...ORDER_FILE_HEADERS.tiktok,
  required: [
    C.orderId, C.status, C.skuId, C.quantity, C.createdTime, C.total,
    C.productName, C.unitPrice, C.buyer, C.recipient, [C.line1, C.detailAddress], C.city, C.state, C.zipcode,
  ],
  orderLevelColumns: [
    C.status, C.createdTime, C.total, C.refund, C.shipping, C.taxes, C.retailDeliveryFee,
    C.buyer, C.recipient, C.line1, C.line2, C.detailAddress, C.additionalAddress, C.city, C.state, C.zipcode, C.country,
  ],
  fieldColumns: {
    externalId: C.orderId,
    channel: C.orderId,
    placedAt: C.createdTime,
    status: C.status,
    'customer.externalId': C.buyer,
    'customer.name': C.recipient,
    'customer.email': C.buyer,
    'customer.address': C.line1,
    'customer.address.line1': C.line1,
    'customer.address.line2': C.line2,
    'customer.address.city': C.city,
    'customer.address.region': C.state,
    'customer.address.postalCode': C.zipcode,
    'customer.address.country': C.country,
    lines: C.productName,
    'lines[].productExternalId': C.productName,
    'lines[].productName': C.productName,
    'lines[].sku': C.sellerSku,
    'lines[].quantity': C.quantity,
    'lines[].unitPriceCents': C.unitPrice,
    taxCents: C.taxes,
    shippingCents: C.shipping,
    discountCents: C.sellerDiscount,
    creditCents: C.total,
  },
  build,
};
