import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, formatWithOffset, parseIsoDateTime } from '@tiktok-insights/shared';
import { parseOrders } from '../orders/domain-order.js';
import type { OrderData, OrderLineData, OrderStatus, SalesChannel } from '../orders/order-input.js';
import { TEMPLATE_COLUMNS } from './order-template.format.js';
import { type OrderFileOrder, openOrderFile } from './order-file-reader.js';

/**
 * Generated orders written as each format's CSV and read back are the same orders: amounts in
 * cents, lines, statuses (where the format can say them), times.
 */

const ZONE = 'America/New_York';
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,"'.#&/-]{0,18}[A-Za-z0-9]$/);
const cents = (max: number) => fc.integer({ min: 0, max });

/** An amount as the exports may write it: `$1,234.50`, `1234.50` or `1234.5`. */
const amountText = (value: number, style: number) => {
  const whole = Math.floor(value / 100);
  const fraction = String(value % 100).padStart(2, '0');
  if (style === 0) return `$${whole.toLocaleString('en-US')}.${fraction}`;
  if (style === 1) return `${whole}.${fraction}`;
  return fraction === '00' ? String(whole) : `${whole}.${fraction.replace(/0$/, '')}`;
};

const lineArb = fc.record({
  productName: text,
  sku: text,
  quantity: fc.integer({ min: 1, max: 50 }),
  unitPriceCents: cents(2_000_00),
});

const orderArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  taxCents: cents(50_00),
  shippingCents: cents(20_00),
  discountShare: fc.integer({ min: 0, max: 100 }),
  creditShare: fc.integer({ min: 0, max: 100 }),
  instant: fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => s * 1000),
  customer: fc.record({ id: text, name: text, line1: text, line2: fc.option(text, { nil: null }), city: text, region: text }),
  zip: fc.stringMatching(/^\d{5}$/),
  style: fc.integer({ min: 0, max: 2 }),
});
type Generated = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

/** The generated amounts: discount and credit as shares of what the goods, shipping and tax allow. */
function amounts(g: Generated) {
  const goods = g.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  const discountCents = Math.floor((goods * g.discountShare) / 100);
  const creditCents = Math.floor(((goods - discountCents + g.shippingCents + g.taxCents) * g.creditShare) / 100);
  const total = goods - discountCents + g.shippingCents + g.taxCents - creditCents;
  return { goods, discountCents, creditCents, total };
}

async function readBack(csv: string, format: 'tiktok' | 'shopify' | 'template') {
  // Cut anywhere, as a request body arrives.
  const bytes = Buffer.from(csv);
  const cut = Math.floor(bytes.length / 3);
  const reader = await openOrderFile(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), { timeZone: ZONE });
  expect(reader.format).toBe(format);
  const orders: OrderFileOrder[] = [];
  for await (const batch of reader.batches(7)) orders.push(...batch);
  expect(reader.errors).toEqual([]);
  return orders.map((o) => o.order);
}

const wallTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

describe('written as a file and read back', () => {
  it('our template gives the same orders', async () => {
    const channels: SalesChannel[] = ['TIKTOK', 'APP', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER'];
    const statuses: OrderStatus[] = ['UNPAID', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'];
    const arb = fc.array(fc.tuple(orderArb, fc.constantFrom(...channels), fc.constantFrom(...statuses), fc.option(fc.constant('x@example.com'), { nil: null })), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(arb, async (generated) => {
        const expected: OrderData[] = generated.map(([g, channel, status, email], i) => {
          const { discountCents, creditCents } = amounts(g);
          return {
            externalId: `T-${i}`,
            channel,
            placedAt: formatWithOffset(g.instant, ZONE),
            status,
            customer: {
              externalId: g.customer.id,
              name: g.customer.name,
              email,
              address: { line1: g.customer.line1, line2: g.customer.line2, city: g.customer.city, region: g.customer.region, postalCode: g.zip, country: 'US' },
            },
            lines: g.lines.map((l): OrderLineData => ({ productExternalId: l.sku, productName: l.productName, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
            taxCents: g.taxCents,
            shippingCents: g.shippingCents,
            discountCents,
            creditCents,
          };
        });
        let csv = csvLine(TEMPLATE_COLUMNS);
        expected.forEach((o, i) => {
          const style = generated[i]![0].style;
          o.lines.forEach((l, n) => {
            const first = n === 0;
            const a = o.customer.address;
            const orderCell = (value: string) => (first ? value : '');
            csv += csvLine([
              o.externalId, orderCell(o.channel), orderCell(o.placedAt), orderCell(o.status), orderCell(o.customer.externalId),
              orderCell(o.customer.name), orderCell(o.customer.email ?? ''), orderCell(a.line1), orderCell(a.line2 ?? ''), orderCell(a.city),
              orderCell(a.region), orderCell(`'${a.postalCode}`), orderCell(a.country), l.productExternalId, l.productName, l.sku ?? '',
              String(l.quantity), amountText(l.unitPriceCents, style), orderCell(amountText(o.taxCents, style)),
              orderCell(amountText(o.shippingCents, style)), orderCell(amountText(o.discountCents, style)), orderCell(amountText(o.creditCents, style)),
            ]);
          });
        });
        const read = await readBack(csv, 'template');
        expect(read).toEqual(expected);
        parseOrders(read);
      }),
      { numRuns: 60 },
    );
  });

  const TIKTOK_HEADER = [
    'Order ID', 'Order Status', 'SKU ID', 'Seller SKU', 'Product Name', 'Quantity', 'SKU Unit Original Price', 'SKU Platform Discount',
    'SKU Seller Discount', 'Shipping Fee After Discount', 'Taxes', 'Order Amount', 'Order Refund Amount', 'Created Time', 'Buyer Username',
    'Recipient', 'Zipcode', 'Country', 'State', 'City', 'Address Line 1', 'Address Line 2',
  ];
  const TIKTOK_STATUS: Record<OrderStatus, string> = {
    UNPAID: 'Unpaid', PAID: 'Awaiting shipment', SHIPPED: 'In transit', DELIVERED: 'Delivered', CANCELLED: 'Cancelled', REFUNDED: 'Completed',
  };

  it('a TikTok Seller Center export gives the same orders, net receipts its Order Amount', async () => {
    const arb = fc.array(fc.tuple(orderArb, fc.constantFrom<OrderStatus>('UNPAID', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(arb, async (generated) => {
        let csv = csvLine(TIKTOK_HEADER);
        const totals: number[] = [];
        generated.forEach(([g, status], i) => {
          const { discountCents, total } = amounts(g);
          totals.push(total);
          // A full refund is how the export says REFUNDED; a total of 0 cannot say it.
          const refund = status === 'REFUNDED' ? total : 0;
          g.lines.forEach((l, n) => {
            const platform = n === 0 ? Math.floor(discountCents / 2) : 0;
            const seller = n === 0 ? discountCents - platform : 0;
            csv += csvLine([
              `57646141303878${i}\t`, TIKTOK_STATUS[status], `17293847${n}\t`, l.sku, l.productName, String(l.quantity),
              amountText(l.unitPriceCents, g.style), amountText(platform, g.style), amountText(seller, g.style),
              amountText(g.shippingCents, g.style), amountText(g.taxCents, g.style), amountText(total, g.style), amountText(refund, g.style),
              `${wallTime(formatWithOffset(g.instant, ZONE))}\t`, g.customer.id, g.customer.name, g.zip, 'United States', g.customer.region,
              g.customer.city, g.customer.line1, g.customer.line2 ?? '',
            ]);
          });
        });
        const read = await readBack(csv, 'tiktok');
        expect(read).toHaveLength(generated.length);
        read.forEach((o, i) => {
          const [g, status] = generated[i]!;
          expect(o.externalId).toBe(`57646141303878${i}`);
          expect(o.status).toBe(status === 'REFUNDED' && totals[i] === 0 ? 'DELIVERED' : status);
          expect(o.lines).toEqual(g.lines.map((l) => ({ productExternalId: l.productName, productName: l.productName, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })));
          expect(o).toMatchObject({ taxCents: g.taxCents, shippingCents: g.shippingCents, discountCents: amounts(g).discountCents, creditCents: amounts(g).creditCents });
          expect(o.customer).toEqual({
            externalId: g.customer.id,
            name: g.customer.name,
            address: { line1: g.customer.line1, line2: g.customer.line2, city: g.customer.city, region: g.customer.region, postalCode: g.zip, country: 'US' },
          });
          // The wall time read in the zone; in the hour the fall-back repeats, its first occurrence.
          expect(wallTime(o.placedAt)).toBe(wallTime(formatWithOffset(g.instant, ZONE)));
          expect([0, 3_600_000]).toContain(g.instant - parseIsoDateTime(o.placedAt).getTime());
        });
        expect(parseOrders(read).map((o) => o.netReceiptsCents)).toEqual(totals);
      }),
      { numRuns: 60 },
    );
  });

  const SHOPIFY_HEADER = [
    'Name', 'Email', 'Financial Status', 'Fulfillment Status', 'Shipping', 'Taxes', 'Total', 'Discount Amount', 'Created at', 'Lineitem quantity',
    'Lineitem name', 'Lineitem price', 'Lineitem sku', 'Shipping Name', 'Shipping Address1', 'Shipping Address2', 'Shipping City', 'Shipping Zip',
    'Shipping Province', 'Shipping Country', 'Cancelled at', 'Source',
  ];
  const SHOPIFY_STATUS: Record<Exclude<OrderStatus, 'DELIVERED'>, [string, string, string]> = {
    UNPAID: ['pending', '', ''],
    PAID: ['paid', 'unfulfilled', ''],
    SHIPPED: ['paid', 'fulfilled', ''],
    REFUNDED: ['refunded', 'fulfilled', ''],
    CANCELLED: ['voided', '', '2025-01-02 10:00:00 -0500'],
  };
  const SOURCES: Record<Exclude<SalesChannel, 'TIKTOK'>, string> = { WEBSITE: 'web', APP: 'iphone', FACEBOOK: 'facebook', INSTAGRAM: 'instagram', OTHER: 'pos' };

  it('a Shopify export gives the same orders, net receipts its Total', async () => {
    const arb = fc.array(
      fc.tuple(
        orderArb,
        fc.constantFrom<Exclude<OrderStatus, 'DELIVERED'>>('UNPAID', 'PAID', 'SHIPPED', 'REFUNDED', 'CANCELLED'),
        fc.constantFrom<Exclude<SalesChannel, 'TIKTOK'>>('WEBSITE', 'APP', 'FACEBOOK', 'INSTAGRAM', 'OTHER'),
        fc.constantFrom('-0500', '-0400', '+0000', '+0530'),
      ),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(arb, async (generated) => {
        let csv = csvLine(SHOPIFY_HEADER);
        const totals: number[] = [];
        generated.forEach(([g, status, channel, offset], i) => {
          const { discountCents, total } = amounts(g);
          totals.push(total);
          const [financial, fulfillment, cancelledAt] = SHOPIFY_STATUS[status];
          const created = `${new Date(g.instant).toISOString().slice(0, 19).replace('T', ' ')} ${offset}`;
          g.lines.forEach((l, n) => {
            const first = n === 0;
            const cell = (value: string) => (first ? value : '');
            csv += csvLine([
              `#${1000 + i}`, cell(`Buyer${i}@Example.com`), cell(financial), cell(fulfillment), cell(amountText(g.shippingCents, g.style)),
              cell(amountText(g.taxCents, g.style)), cell(amountText(total, g.style)), cell(amountText(discountCents, g.style)), created,
              String(l.quantity), l.productName, amountText(l.unitPriceCents, g.style), l.sku, cell(g.customer.name), cell(g.customer.line1),
              cell(g.customer.line2 ?? ''), cell(g.customer.city), cell(`'${g.zip}`), cell(g.customer.region), cell('US'), cell(cancelledAt), cell(SOURCES[channel]),
            ]);
          });
        });
        const read = await readBack(csv, 'shopify');
        expect(read).toHaveLength(generated.length);
        read.forEach((o, i) => {
          const [g, status, channel, offset] = generated[i]!;
          expect(o).toMatchObject({ externalId: `#${1000 + i}`, channel, status, taxCents: g.taxCents, shippingCents: g.shippingCents });
          expect(o.discountCents).toBe(amounts(g).discountCents);
          expect(o.creditCents).toBe(amounts(g).creditCents);
          expect(o.placedAt).toBe(`${new Date(g.instant).toISOString().slice(0, 19)}${offset.slice(0, 3)}:${offset.slice(3)}`);
          expect(o.lines).toEqual(g.lines.map((l) => ({ productExternalId: l.sku, productName: l.productName, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })));
          expect(o.customer).toEqual({
            externalId: `buyer${i}@example.com`,
            name: g.customer.name,
            email: `buyer${i}@example.com`,
            address: { line1: g.customer.line1, line2: g.customer.line2, city: g.customer.city, region: g.customer.region, postalCode: g.zip, country: 'US' },
          });
        });
        expect(parseOrders(read).map((o) => o.netReceiptsCents)).toEqual(totals);
      }),
      { numRuns: 60 },
    );
  });
});
