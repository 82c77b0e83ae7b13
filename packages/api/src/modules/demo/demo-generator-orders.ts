import type { OrderLineData, OrderStatus } from '../orders/order-input.js';
import type { DemoProduct, ProductPicker } from './demo-generator-catalog.js';
import type { SeededRandom } from './demo-generator-random.js';

export type OrderKind = 'TIKTOK' | 'STORE';

// Cumulative weights of 1, 2 or 3 lines: TikTok buyers mostly grab one item, store baskets are fuller.
const TIKTOK_LINE_COUNTS = [78, 95, 100];
const STORE_LINE_COUNTS = [52, 83, 100];
// 1 to 5 lines, about 3 on average.
const LARGE_LINE_COUNTS = [10, 30, 65, 90, 100];
const QUANTITIES = [87, 97, 100];

/** 1–3 lines of distinct products (1–5 for large baskets), quantities mostly 1. */
export function orderLines(
  random: SeededRandom,
  picker: ProductPicker,
  kind: OrderKind,
  duringLiveShow: boolean,
  largeBaskets = false,
): OrderLineData[] {
  const weights = largeBaskets ? LARGE_LINE_COUNTS : kind === 'TIKTOK' ? TIKTOK_LINE_COUNTS : STORE_LINE_COUNTS;
  const count = random.cumulativeIndex(weights) + 1;
  const lines: OrderLineData[] = [];
  const chosen: DemoProduct[] = [];
  for (let attempt = 0; lines.length < count && attempt < count * 4; attempt++) {
    const product = picker.pick(random, duringLiveShow);
    if (chosen.includes(product)) continue;
    chosen.push(product);
    lines.push({
      productExternalId: product.productExternalId,
      productName: product.productName,
      sku: product.sku,
      quantity: random.cumulativeIndex(QUANTITIES) + 1,
      unitPriceCents: product.unitPriceCents,
    });
  }
  return lines;
}

export function subtotalCents(lines: readonly OrderLineData[]): number {
  let subtotal = 0;
  for (const line of lines) subtotal += line.quantity * line.unitPriceCents;
  return subtotal;
}

export interface OrderAmounts {
  taxCents: number;
  shippingCents: number;
  discountCents: number;
  creditCents: number;
}

export interface AmountContext {
  kind: OrderKind;
  subtotalCents: number;
  noSalesTax: boolean;
  /** Black Friday to Cyber Monday: coupons everywhere. */
  isSaleWeekend: boolean;
  isLocalPickup: boolean;
}

const SALES_TAX_RATE = 0.08;
const STORE_FREE_SHIPPING_FROM_CENTS = 7_500;
const STORE_SHIPPING_CENTS = 695;
const TIKTOK_FREE_SHIPPING_FROM_CENTS = 3_500;
const TIKTOK_SHIPPING_CENTS = 499;

/** Discount and credit never exceed the subtotal, so net receipts are never negative. */
export function orderAmounts(random: SeededRandom, context: AmountContext): OrderAmounts {
  const discountCents = discountFor(random, context);
  const creditCents = creditFor(random, context, context.subtotalCents - discountCents);
  const taxable = context.subtotalCents - discountCents;
  return {
    taxCents: context.noSalesTax ? 0 : Math.round(taxable * SALES_TAX_RATE),
    shippingCents: shippingFor(context, taxable),
    discountCents,
    creditCents,
  };
}

function discountFor(random: SeededRandom, { kind, subtotalCents, isSaleWeekend }: AmountContext): number {
  if (isSaleWeekend && random.chance(0.6)) return Math.round(subtotalCents * 0.2);
  const roll = random.next();
  if (kind === 'TIKTOK') {
    if (roll < 0.05) return Math.min(300, subtotalCents);
    if (roll < 0.09) return Math.round(subtotalCents * 0.1);
    return 0;
  }
  if (roll < 0.06) return Math.round(subtotalCents * 0.1);
  if (roll < 0.09) return Math.round(subtotalCents * 0.15);
  if (roll < 0.11 && subtotalCents >= 2_500) return 500;
  if (roll < 0.125 && subtotalCents >= 5_000) return 1_000;
  return 0;
}

function creditFor(random: SeededRandom, { kind }: AmountContext, remainingCents: number): number {
  const usesCredit = random.chance(kind === 'TIKTOK' ? 0.01 : 0.035);
  if (!usesCredit || remainingCents <= 0) return 0;
  return Math.min(remainingCents, random.int(1, 5) * 500);
}

function shippingFor({ kind, isLocalPickup }: AmountContext, taxableCents: number): number {
  if (isLocalPickup) return 0;
  if (kind === 'TIKTOK') return taxableCents >= TIKTOK_FREE_SHIPPING_FROM_CENTS ? 0 : TIKTOK_SHIPPING_CENTS;
  return taxableCents >= STORE_FREE_SHIPPING_FROM_CENTS ? 0 : STORE_SHIPPING_CENTS;
}

export function netReceiptsCents(subtotal: number, amounts: OrderAmounts): number {
  return subtotal + amounts.taxCents + amounts.shippingCents - amounts.discountCents - amounts.creditCents;
}

/**
 * The status an order has by the end of the period, given its age in days then: a few are never paid,
 * cancelled or refunded; the rest are paid, then shipped within a few days, then delivered.
 */
export function orderStatus(random: SeededRandom, ageDays: number): OrderStatus {
  const roll = random.next();
  if (roll < 0.01) return 'UNPAID';
  if (roll < 0.04) return 'CANCELLED';
  if (roll < 0.055 && ageDays >= 3) return 'REFUNDED';
  const progress = random.next();
  if (ageDays === 0) return progress < 0.8 ? 'PAID' : 'SHIPPED';
  if (ageDays <= 2) return progress < 0.35 ? 'PAID' : 'SHIPPED';
  if (ageDays <= 7) return progress < 0.55 ? 'SHIPPED' : 'DELIVERED';
  return progress < 0.003 ? 'SHIPPED' : 'DELIVERED';
}
