import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { parseOrders } from './domain-order.js';

const orders = [
  {
    externalId: 'tt-1001',
    channel: 'TIKTOK',
    placedAt: '2025-03-09T19:30:00-05:00',
    status: 'PAID',
    customer: {
      externalId: 'buyer-7',
      name: 'Zoë Ångström',
      email: 'z@example.com',
      address: { line1: '12 North Main Street', line2: 'Apt 4', city: 'Austin', region: 'TX', postalCode: '78701-1234', country: 'US' },
    },
    lines: [
      { productExternalId: 'p-1', productName: 'Silk scarf', sku: 'SC-1', quantity: 2, unitPriceCents: 1999 },
      { productExternalId: 'p-2', productName: 'Ring', quantity: 1, unitPriceCents: 4500 },
    ],
    taxCents: 300,
    shippingCents: 500,
    discountCents: 200,
    creditCents: 0,
  },
  {
    externalId: 'web-55',
    channel: 'WEBSITE',
    placedAt: '2025-12-31T23:59:59.5+09:00',
    status: 'DELIVERED',
    customer: {
      externalId: 'cus-9',
      name: 'Ann',
      email: null,
      address: { line1: '1 Elm St', line2: null, city: 'Boston', region: 'MA', postalCode: '02101', country: 'US' },
    },
    lines: [{ productExternalId: 'p-3', productName: 'Bag', sku: null, quantity: 3, unitPriceCents: 12345 }],
    taxCents: 0,
    shippingCents: 0,
    discountCents: 0,
    creditCents: 45,
  },
];

// The hashes the import stored before the one parse existed: re-sending these orders must find
// the rows imported then unchanged.
const STORED_HASHES = [
  '1b6ff207d75e0746142609e73c6ac8b4fbb6362f4d1dd72bf2aacb891d0ea9cd',
  'ca5f719d1de588b30839176e00eb5d00e1c027ab43ac7fa9c2fd0aad21964c84',
];

describe('parseOrders', () => {
  it('gives the content hashes stored by earlier imports, for placedAt as ISO text or as a Date', () => {
    expect(parseOrders(orders).map((o) => o.contentHash)).toEqual(STORED_HASHES);
    const withDates = orders.map((o) => ({ ...o, placedAt: new Date(o.placedAt) }));
    expect(parseOrders(withDates).map((o) => o.contentHash)).toEqual(STORED_HASHES);
  });

  it('reduces an order to what the import writes', () => {
    const [tiktok, store] = parseOrders(orders);
    expect(tiktok).toMatchObject({
      placedAt: '2025-03-10T00:30:00.000Z',
      customerSpace: 'TIKTOK',
      subtotalCents: 8498,
      netReceiptsCents: 9098,
      customer: { email: null, postalCode: '78701-1234' },
      lines: [{ sku: 'SC-1' }, { sku: null }],
    });
    expect(store).toMatchObject({ placedAt: '2025-12-31T14:59:59.500Z', customerSpace: 'STORE', netReceiptsCents: 36990 });
  });

  it('refuses an invalid Date as it refuses any value that is not ISO text', () => {
    const error = (() => {
      try {
        parseOrders([{ ...orders[0], placedAt: new Date(Number.NaN) }]);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ orderIndex: 0, field: 'placedAt' });
  });
});
