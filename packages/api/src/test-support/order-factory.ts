import type { OrderData } from '../modules/orders/order-input.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

let sequence = 0;

/** A valid order with readable defaults; override any part. */
export function makeOrder(overrides: DeepPartial<OrderData> & { lines?: OrderData['lines'] } = {}): OrderData {
  sequence += 1;
  const channel = overrides.channel ?? 'TIKTOK';
  const base: OrderData = {
    externalId: `ord-${sequence}`,
    channel,
    placedAt: '2025-03-04T15:00:00-06:00',
    status: 'PAID',
    customer: {
      externalId: channel === 'TIKTOK' ? `tt-${sequence}` : `cus-${sequence}`,
      name: `Customer ${sequence}`,
      email: channel === 'TIKTOK' ? null : `customer${sequence}@example.com`,
      address: { line1: `${100 + sequence} Main St`, line2: null, city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
    },
    lines: [{ productExternalId: 'p-1', productName: 'Linen Shirt', sku: 'LS-1', quantity: 1, unitPriceCents: 2500 }],
    taxCents: 0,
    shippingCents: 0,
    discountCents: 0,
    creditCents: 0,
  };
  return {
    ...base,
    ...overrides,
    customer: {
      ...base.customer,
      ...overrides.customer,
      address: { ...base.customer.address, ...overrides.customer?.address },
    } as OrderData['customer'],
    lines: overrides.lines ?? base.lines,
  } as OrderData;
}

export const IMPORT_MUTATION = `
  mutation Import($orders: [OrderInput!]!) {
    importOrders(orders: $orders) { created updated unchanged }
  }`;
