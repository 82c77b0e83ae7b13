import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApi } from '../../test-support/api-client.js';
import { IMPORT_MUTATION, makeOrder } from '../../test-support/order-factory.js';
import { shopChecksum, summariesMatchOrders } from '../../test-support/table-checksum.js';
import { type TestDatabase } from '../../test-support/test-database.js';
import { useTestApiPerFile } from '../../test-support/test-api-per-file.js';
import type { OrderData } from './order-input.js';

let db: TestDatabase;
let api: TestApi;
useTestApiPerFile((started) => ({ db, api } = started));

async function dailyTotals(shopId: string) {
  return db.dataSource.query(
    `SELECT day, channel, orders, net_receipts_cents FROM daily_channel_summary
      WHERE shop_id = $1 AND orders <> 0 ORDER BY day, channel`,
    [shopId],
  );
}

describe('importOrders', () => {
  it('creates orders, then reports the same batch sent again as unchanged and writes nothing', async () => {
    const { shopId, token } = await api.createShop();
    const orders = [
      makeOrder({
        externalId: 'A-1',
        placedAt: '2025-03-04T10:00:00-06:00',
        lines: [
          { productExternalId: 'dress', productName: 'Wrap Dress', sku: 'WD', quantity: 2, unitPriceCents: 4550 },
          { productExternalId: 'scarf', productName: 'Silk Scarf', sku: null, quantity: 1, unitPriceCents: 1299 },
        ],
        taxCents: 840,
        shippingCents: 500,
        discountCents: 1000,
        creditCents: 250,
      }),
      makeOrder({ externalId: 'A-2', placedAt: '2025-03-04T20:00:00-06:00' }),
      makeOrder({ externalId: 'W-1', channel: 'WEBSITE', placedAt: '2025-03-05T09:00:00-06:00' }),
    ];
    const first = await api.gql(IMPORT_MUTATION, { orders }, token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importOrders).toEqual({ created: 3, updated: 0, unchanged: 0 });

    // 2 × 45.50 + 12.99 + 8.40 tax + 5.00 shipping − 10.00 discount − 2.50 credit = 104.89
    const [a1] = await db.dataSource.query(
      `SELECT subtotal_cents, net_receipts_cents, local_day FROM sales_order WHERE shop_id = $1 AND external_id = 'A-1'`,
      [shopId],
    );
    expect(a1).toEqual({ subtotal_cents: 10399, net_receipts_cents: 10489, local_day: '2025-03-04' });
    expect(await dailyTotals(shopId)).toEqual([
      { day: '2025-03-04', channel: 'TIKTOK', orders: 2, net_receipts_cents: 10489 + 2500 },
      { day: '2025-03-05', channel: 'WEBSITE', orders: 1, net_receipts_cents: 2500 },
    ]);

    const before = await shopChecksum(db.dataSource, shopId);
    const again = await api.gql(IMPORT_MUTATION, { orders }, token);
    expect(again.data!.importOrders).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await shopChecksum(db.dataSource, shopId)).toEqual(before);
  });

  it('updates the stored totals when an order turns CANCELLED, and again when it is paid once more', async () => {
    const { shopId, token } = await api.createShop();
    const paid = makeOrder({ externalId: 'C-1', placedAt: '2025-06-10T12:00:00-05:00' });
    const other = makeOrder({ externalId: 'C-2', placedAt: '2025-06-10T13:00:00-05:00', customer: { externalId: 'tt-same' } });
    await api.gql(IMPORT_MUTATION, { orders: [paid, other] }, token);
    expect(await dailyTotals(shopId)).toEqual([{ day: '2025-06-10', channel: 'TIKTOK', orders: 2, net_receipts_cents: 5000 }]);

    const cancelled = await api.gql(IMPORT_MUTATION, { orders: [{ ...paid, status: 'CANCELLED' }] }, token);
    expect(cancelled.data!.importOrders).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await dailyTotals(shopId)).toEqual([{ day: '2025-06-10', channel: 'TIKTOK', orders: 1, net_receipts_cents: 2500 }]);
    const [customer] = await db.dataSource.query(
      `SELECT counted_orders, counted_net_receipts_cents, first_counted_order_at FROM customer
        WHERE shop_id = $1 AND external_id = $2`,
      [shopId, paid.customer.externalId],
    );
    expect(customer).toEqual({ counted_orders: 0, counted_net_receipts_cents: 0, first_counted_order_at: null });
    const [products] = await db.dataSource.query(
      `SELECT sum(units_sold)::int AS units, sum(total_sales_cents)::int AS sales FROM daily_product_summary WHERE shop_id = $1`,
      [shopId],
    );
    expect(products).toEqual({ units: 1, sales: 2500 });

    await api.gql(IMPORT_MUTATION, { orders: [{ ...paid, status: 'DELIVERED' }] }, token);
    expect(await dailyTotals(shopId)).toEqual([{ day: '2025-06-10', channel: 'TIKTOK', orders: 2, net_receipts_cents: 5000 }]);
  });

  it('moves an order between days, customers and products when it is corrected', async () => {
    const { shopId, token } = await api.createShop();
    const original = makeOrder({ externalId: 'M-1', placedAt: '2025-01-01T12:00:00-06:00', customer: { externalId: 'tt-a' } });
    await api.gql(IMPORT_MUTATION, { orders: [original] }, token);
    const corrected: OrderData = {
      ...original,
      placedAt: '2025-01-02T12:00:00-06:00',
      customer: { ...original.customer, externalId: 'tt-b' },
      lines: [{ productExternalId: 'p-2', productName: 'Belt', sku: null, quantity: 3, unitPriceCents: 1000 }],
    };
    const result = await api.gql(IMPORT_MUTATION, { orders: [corrected] }, token);
    expect(result.data!.importOrders).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await dailyTotals(shopId)).toEqual([{ day: '2025-01-02', channel: 'TIKTOK', orders: 1, net_receipts_cents: 3000 }]);
    const customers = await db.dataSource.query(
      `SELECT external_id, counted_orders, first_counted_day FROM customer WHERE shop_id = $1 ORDER BY external_id`,
      [shopId],
    );
    expect(customers).toEqual([
      { external_id: 'tt-a', counted_orders: 0, first_counted_day: null },
      { external_id: 'tt-b', counted_orders: 1, first_counted_day: '2025-01-02' },
    ]);
    expect(await summariesMatchOrders(db.dataSource, shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
  });

  it('puts an order on its calendar day in the shop time zone, also at 23:30 on a DST day', async () => {
    const { shopId, token } = await api.createShop({ timezone: 'America/Chicago' });
    const orders = [
      // Spring forward 2025-03-09: 23:30 CDT is 04:30Z on the 10th.
      makeOrder({ externalId: 'D-1', placedAt: '2025-03-10T04:30:00Z' }),
      // Fall back 2025-11-02: 23:30 CST is 05:30Z on the 3rd.
      makeOrder({ externalId: 'D-2', placedAt: '2025-11-02T23:30:00-06:00' }),
      // 00:30 local on Jan 1 is still Dec 31 in UTC.
      makeOrder({ externalId: 'D-3', placedAt: '2025-01-01T06:30:00Z' }),
    ];
    await api.gql(IMPORT_MUTATION, { orders }, token);
    const days = await db.dataSource.query(
      `SELECT external_id, local_day FROM sales_order WHERE shop_id = $1 ORDER BY external_id`,
      [shopId],
    );
    expect(days).toEqual([
      { external_id: 'D-1', local_day: '2025-03-09' },
      { external_id: 'D-2', local_day: '2025-11-02' },
      { external_id: 'D-3', local_day: '2025-01-01' },
    ]);
  });

  it('lets the latest import win for customer and product details, and keeps the two customer spaces apart', async () => {
    const { shopId, token } = await api.createShop();
    const first = makeOrder({
      externalId: 'L-1',
      customer: { externalId: 'same-id', name: 'Ana', address: { line1: '1 Oak St' } },
      lines: [{ productExternalId: 'p-9', productName: 'Old Name', sku: null, quantity: 1, unitPriceCents: 100 }],
    });
    const store = makeOrder({ externalId: 'L-2', channel: 'APP', customer: { externalId: 'same-id', name: 'Store Ana' } });
    await api.gql(IMPORT_MUTATION, { orders: [first, store] }, token);
    const second = makeOrder({
      externalId: 'L-3',
      customer: { externalId: 'same-id', name: 'Ana María', address: { line1: '2 Elm Ave', line2: 'Apt 3' } },
      lines: [{ productExternalId: 'p-9', productName: 'New Name', sku: 'NN', quantity: 1, unitPriceCents: 100 }],
    });
    await api.gql(IMPORT_MUTATION, { orders: [second] }, token);
    const customers = await db.dataSource.query(
      `SELECT space, external_id, name, line1, line2, counted_orders FROM customer WHERE shop_id = $1 ORDER BY space`,
      [shopId],
    );
    expect(customers).toEqual([
      { space: 'STORE', external_id: 'same-id', name: 'Store Ana', line1: store.customer.address.line1, line2: null, counted_orders: 1 },
      { space: 'TIKTOK', external_id: 'same-id', name: 'Ana María', line1: '2 Elm Ave', line2: 'Apt 3', counted_orders: 2 },
    ]);
    const products = await db.dataSource.query(`SELECT external_id, name, sku FROM product WHERE shop_id = $1 AND external_id = 'p-9'`, [shopId]);
    expect(products).toEqual([{ external_id: 'p-9', name: 'New Name', sku: 'NN' }]);
  });

  it('keeps TikTok buyers emails out of the database', async () => {
    const { shopId, token } = await api.createShop();
    await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ externalId: 'E-1', customer: { email: 'buyer@example.com' } })] }, token);
    const [row] = await db.dataSource.query(`SELECT email FROM customer WHERE shop_id = $1`, [shopId]);
    expect(row.email).toBeNull();
  });

  it('rejects a batch of 1,000 with one bad order and writes nothing at all', async () => {
    const { shopId, token } = await api.createShop();
    await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ externalId: 'existing' })] }, token);
    const before = await shopChecksum(db.dataSource, shopId);
    const orders = Array.from({ length: 1000 }, (_, i) => makeOrder({ externalId: `B-${i}` }));
    orders[617] = makeOrder({
      externalId: 'B-617',
      lines: [{ productExternalId: 'p-1', productName: 'Shirt', sku: null, quantity: 0, unitPriceCents: 100 }],
    });
    const result = await api.gql(IMPORT_MUTATION, { orders }, token);
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: 617, field: 'lines[0].quantity' });
    expect(result.errors![0]!.message).toContain('orders[617].lines[0].quantity');
    expect(await shopChecksum(db.dataSource, shopId)).toEqual(before);
  });

  it('imports 5,000 orders in one call and refuses 5,001', async () => {
    const { shopId, token } = await api.createShop();
    const orders = Array.from({ length: 5000 }, (_, i) =>
      makeOrder({ externalId: `X-${i}`, customer: { externalId: `tt-x-${i % 700}` } }),
    );
    const ok = await api.gql(IMPORT_MUTATION, { orders }, token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.importOrders).toEqual({ created: 5000, updated: 0, unchanged: 0 });
    const before = await shopChecksum(db.dataSource, shopId);
    const tooMany = await api.gql(IMPORT_MUTATION, { orders: [...orders, makeOrder({ externalId: 'X-5000' })] }, token);
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orders' });
    expect(tooMany.errors![0]!.message).toContain('at most 5000');
    expect(await shopChecksum(db.dataSource, shopId)).toEqual(before);
    expect(await summariesMatchOrders(db.dataSource, shopId)).toEqual({ channel: [], product: [], buyers: [], returns: [], customers: [], newCustomers: [], hours: [], cohorts: [] });
  });
});

describe('importOrders validation', () => {
  let shop: { shopId: string; token: string };
  let before: Record<string, string>;

  beforeAll(async () => {
    shop = await api.createShop();
    await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ externalId: 'V-0' })] }, shop.token);
    before = await shopChecksum(db.dataSource, shop.shopId);
  });

  const valid = () => makeOrder({ externalId: 'V-1' });
  const cases: Array<[string, (o: Record<string, any>) => void, string]> = [
    ['negative tax', (o) => (o.taxCents = -1), 'taxCents'],
    ['negative shipping', (o) => (o.shippingCents = -5), 'shippingCents'],
    ['negative discount', (o) => (o.discountCents = -5), 'discountCents'],
    ['negative credit', (o) => (o.creditCents = -5), 'creditCents'],
    ['negative unit price', (o) => (o.lines[0].unitPriceCents = -100), 'lines[0].unitPriceCents'],
    ['unit price over the cap', (o) => (o.lines[0].unitPriceCents = 10_000_001), 'lines[0].unitPriceCents'],
    ['quantity 0', (o) => (o.lines[0].quantity = 0), 'lines[0].quantity'],
    ['negative quantity on a second line', (o) => o.lines.push({ ...o.lines[0], quantity: -2 }), 'lines[1].quantity'],
    ['empty lines', (o) => (o.lines = []), 'lines'],
    ['too many lines', (o) => (o.lines = Array.from({ length: 101 }, () => o.lines[0])), 'lines'],
    ['placedAt without offset', (o) => (o.placedAt = '2025-03-04T10:00:00'), 'placedAt'],
    ['placedAt date only', (o) => (o.placedAt = '2025-03-04'), 'placedAt'],
    ['placedAt not a date', (o) => (o.placedAt = '2025-02-30T10:00:00Z'), 'placedAt'],
    ['placedAt before 2000', (o) => (o.placedAt = '1999-12-31T23:59:59Z'), 'placedAt'],
    ['empty externalId', (o) => (o.externalId = ''), 'externalId'],
    ['blank customer name', (o) => (o.customer.name = '   '), 'customer.name'],
    ['control character in a name', (o) => (o.customer.name = 'Ana\u0000'), 'customer.name'],
    ['10 kB product name', (o) => (o.lines[0].productName = 'x'.repeat(10_000)), 'lines[0].productName'],
    ['empty street', (o) => (o.customer.address.line1 = ''), 'customer.address.line1'],
    ['US ZIP with letters', (o) => (o.customer.address.postalCode = 'ABCDE'), 'customer.address.postalCode'],
    ['lower-case country', (o) => (o.customer.address.country = 'us'), 'customer.address.country'],
    ['malformed email', (o) => ((o.channel = 'WEBSITE'), (o.customer.email = 'not-an-email')), 'customer.email'],
    ['discount and credit over the order total', (o) => ((o.discountCents = 2000), (o.creditCents = 501)), 'discountCents'],
    ['fractional cents', (o) => (o.taxCents = 1.5), 'taxCents'],
    ['amount over 32 bits', (o) => (o.shippingCents = 2 ** 31), 'shippingCents'],
    ['unknown channel', (o) => (o.channel = 'MYSPACE'), 'channel'],
    ['unknown status', (o) => (o.status = 'LOST'), 'status'],
    ['missing customer', (o) => delete o.customer, 'customer'],
  ];

  it.each(cases)('%s is BAD_USER_INPUT naming the order and the field, and writes nothing', async (_name, spoil, field) => {
    const orders: Array<Record<string, any>> = [makeOrder({ externalId: 'V-ok' }), structuredClone(valid())];
    spoil(orders[1]!);
    const result = await api.gql(IMPORT_MUTATION, { orders }, shop.token);
    expect(result.data ?? null).toBeNull();
    const error = result.errors![0]!;
    // Type errors caught by GraphQL itself and our own checks are named the same way.
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: 1, field, inputPath: `orders[1].${field}` });
    expect(error.message).toContain('orders[1]');
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });

  it('names the order and field of an invalid inline literal too', async () => {
    const result = await api.gql(
      `mutation { importOrders(orders: [
        { externalId: "ok", channel: TIKTOK, placedAt: "2025-01-01T10:00:00Z",
          customer: { externalId: "a", name: "A", address: { line1: "1 Main St", city: "C", region: "IL", postalCode: "60614" } },
          lines: [{ productExternalId: "p", productName: "P", quantity: 1, unitPriceCents: 100 }] },
        { externalId: "bad", channel: TIKTOK, placedAt: "2025-01-01T10:00:00",
          customer: { externalId: "a", name: "A", address: { line1: "1 Main St", city: "C", region: "IL", postalCode: "60614" } },
          lines: [{ productExternalId: "p", productName: "P", quantity: 1, unitPriceCents: 100 }] }
      ]) { created } }`,
      {},
      shop.token,
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: 1, field: 'placedAt' });
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });

  it('refuses the same order twice in one call', async () => {
    const order = makeOrder({ externalId: 'dup' });
    const result = await api.gql(IMPORT_MUTATION, { orders: [order, { ...order }] }, shop.token);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', orderIndex: 1, field: 'externalId' });
    expect(await shopChecksum(db.dataSource, shop.shopId)).toEqual(before);
  });

  it('accepts the same externalId on two channels as two orders', async () => {
    const { token, shopId } = await api.createShop();
    const result = await api.gql(
      IMPORT_MUTATION,
      { orders: [makeOrder({ externalId: '1001' }), makeOrder({ externalId: '1001', channel: 'APP' })] },
      token,
    );
    expect(result.data!.importOrders).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM sales_order WHERE shop_id = $1`, [shopId]);
    expect(n).toBe(2);
  });

  it('round-trips unicode names and addresses exactly', async () => {
    const { token, shopId } = await api.createShop();
    const name = 'Zoë Ōkubo-Núñez 👗 李小龍';
    const line1 = '12 Rue de l’Église';
    await api.gql(IMPORT_MUTATION, { orders: [makeOrder({ externalId: 'U-1', customer: { name, address: { line1 } } })] }, token);
    const [row] = await db.dataSource.query(`SELECT name, line1 FROM customer WHERE shop_id = $1`, [shopId]);
    expect(row).toEqual({ name, line1 });
  });
});
