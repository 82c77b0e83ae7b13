import { expect } from 'vitest';
import type { AddressData, OrderData, OrderLineData, OrderStatus, SalesChannel } from '../modules/orders/order-input.js';
import type { TestApi } from './api-client.js';
import { IMPORT_MUTATION, makeOrder } from './order-factory.js';

/** An order of a hand-built fixture, written with only what the case is about. */
export interface OrderSpec {
  id: string;
  at: string;
  customer: string;
  channel?: SalesChannel;
  status?: OrderStatus;
  address?: Partial<AddressData>;
  /** One line `p-default` × 1 at this price when `lines` is not given (default 1000). */
  cents?: number;
  lines?: OrderLineData[];
  taxCents?: number;
  shippingCents?: number;
  discountCents?: number;
  creditCents?: number;
}

export function orderOf(spec: OrderSpec): OrderData {
  return makeOrder({
    externalId: spec.id,
    channel: spec.channel ?? 'TIKTOK',
    placedAt: spec.at,
    status: spec.status ?? 'PAID',
    customer: { externalId: spec.customer, name: `Name of ${spec.customer}`, ...(spec.address ? { address: spec.address } : {}) },
    lines: spec.lines ?? [{ productExternalId: 'p-default', productName: 'Default', sku: null, quantity: 1, unitPriceCents: spec.cents ?? 1000 }],
    taxCents: spec.taxCents ?? 0,
    shippingCents: spec.shippingCents ?? 0,
    discountCents: spec.discountCents ?? 0,
    creditCents: spec.creditCents ?? 0,
  });
}

/** The GraphQL calls of a fixture file, on the API the file started (read when called). */
export function fixtureCalls(api: () => TestApi) {
  return {
    async importOrders(token: string, orders: OrderData[]): Promise<void> {
      const result = await api().gql(IMPORT_MUTATION, { orders }, token);
      expect(result.errors).toBeUndefined();
    },
    async read(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
      const result = await api().gql(query, variables, token);
      expect(result.errors).toBeUndefined();
      return result.data!;
    },
    async readError(token: string, query: string, variables: Record<string, unknown> = {}) {
      const result = await api().gql(query, variables, token);
      expect(result.errors, 'an error is expected').toBeDefined();
      return result.errors![0]!;
    },
  };
}
