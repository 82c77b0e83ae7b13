import type { PostalAddress as AddressData } from '@tiktok-insights/shared';

/**
 * The plain shape of one order as a source sends it to `importOrders` (spec section 3), after
 * GraphQL has applied the input defaults. The GraphQL input classes implement these interfaces
 * (their placedAt is the Date GraphQL's scalar reads), and the demo generator produces them; the
 * import parses either once into a `DomainOrder` (domain-order.ts).
 */
export const SALES_CHANNELS = ['TIKTOK', 'APP', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const ORDER_STATUSES = ['UNPAID', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Shared with the CSV files of the customer lists: one shape of an address. */
export type { AddressData };

export interface CustomerData {
  /** TikTok buyer id on TIKTOK orders; the store's customer id otherwise. */
  externalId: string;
  name: string;
  email?: string | null;
  address: AddressData;
}

export interface OrderLineData {
  productExternalId: string;
  productName: string;
  sku?: string | null;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderData {
  externalId: string;
  channel: SalesChannel;
  /** ISO 8601 with an offset, e.g. `2025-03-09T19:30:00-05:00`. */
  placedAt: string;
  status: OrderStatus;
  customer: CustomerData;
  lines: OrderLineData[];
  taxCents: number;
  shippingCents: number;
  discountCents: number;
  creditCents: number;
}
