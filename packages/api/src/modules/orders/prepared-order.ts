import { createHash } from 'node:crypto';
import { parseIsoDateTime } from '@tiktok-insights/shared';
import { addressKey } from '../address/address-key.js';
/** Customers are kept apart by where they buy: TikTok buyers and the store's own customers. */
export type CustomerSpace = 'TIKTOK' | 'STORE';
import type { OrderData } from './order-input.js';

/** An order checked and reduced to the values the import writes. */
export interface PreparedOrder {
  index: number;
  channel: string;
  externalId: string;
  placedAt: string;
  status: string;
  customerSpace: CustomerSpace;
  customer: {
    externalId: string;
    name: string;
    email: string | null;
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postalCode: string;
    country: string;
    addressKey: string;
  };
  lines: Array<{ productExternalId: string; productName: string; sku: string | null; quantity: number; unitPriceCents: number }>;
  subtotalCents: number;
  taxCents: number;
  shippingCents: number;
  discountCents: number;
  creditCents: number;
  netReceiptsCents: number;
  /** SHA-256 of everything above: equal hashes mean the order was sent unchanged. */
  contentHash: string;
}

export function customerSpaceOf(channel: string): CustomerSpace {
  return channel === 'TIKTOK' ? 'TIKTOK' : 'STORE';
}

export function prepareOrder(order: OrderData, index: number): PreparedOrder {
  const customerSpace = customerSpaceOf(order.channel);
  const address = order.customer.address;
  const customer = {
    externalId: order.customer.externalId,
    name: order.customer.name,
    // TikTok does not share buyers' emails; one sent anyway is not kept.
    email: customerSpace === 'TIKTOK' ? null : (order.customer.email ?? null),
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    region: address.region,
    postalCode: address.postalCode,
    country: address.country,
    addressKey: addressKey(address),
  };
  const lines = order.lines.map((line) => ({
    productExternalId: line.productExternalId,
    productName: line.productName,
    sku: line.sku ?? null,
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
  }));
  const subtotalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const netReceiptsCents =
    subtotalCents + order.taxCents + order.shippingCents - order.discountCents - order.creditCents;
  const placedAt = parseIsoDateTime(order.placedAt).toISOString();
  const content = {
    channel: order.channel,
    externalId: order.externalId,
    placedAt,
    status: order.status,
    customer,
    lines,
    taxCents: order.taxCents,
    shippingCents: order.shippingCents,
    discountCents: order.discountCents,
    creditCents: order.creditCents,
  };
  return {
    index,
    ...content,
    customerSpace,
    subtotalCents,
    netReceiptsCents,
    contentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}
