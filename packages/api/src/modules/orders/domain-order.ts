import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InvalidDateError, parseIsoDateTime } from '@tiktok-insights/shared';
import { badUserInput } from '../../platform/errors/app-error.js';
import { addressKey } from '../address/address-key.js';
import { ORDER_STATUSES, SALES_CHANNELS, type OrderStatus, type SalesChannel } from './order-input.js';

/**
 * One order as every source hands it to the import (GraphQL, the demo generator, tests): an
 * unknown value parsed once, here, into the `DomainOrder` the import writes. The checks name the
 * order and the field of the first problem (BAD_USER_INPUT) before anything is written.
 */

export const MAX_ORDERS_PER_IMPORT = 5000;
export const MAX_LINES_PER_ORDER = 100;
const MAX_QUANTITY = 10_000;
const MAX_UNIT_PRICE_CENTS = 10_000_000;
const MAX_ORDER_AMOUNT_CENTS = 1_000_000_000;
const EARLIEST_PLACED_AT = Date.UTC(2000, 0, 1);
const LATEST_PLACED_AT = Date.UTC(2100, 0, 1);

// Control characters (Unicode's Cc: C0, DEL and C1) cannot be shown or exported safely, and NUL
// cannot be stored at all.
const CONTROL_CHARACTERS = /\p{Cc}/u;

/** One pass over a text value for every rule, each with its own message. */
function checkText(value: string, max: number, required: boolean, ctx: z.RefinementCtx): void {
  if (value.length > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters` });
  if (!value.isWellFormed()) ctx.addIssue({ code: 'custom', message: 'must be valid Unicode text' });
  if (CONTROL_CHARACTERS.test(value)) ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
  if (required && value.trim().length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
}

const text = (max: number) => z.string().superRefine((value, ctx) => checkText(value, max, false, ctx));
const requiredText = (max: number) => z.string().superRefine((value, ctx) => checkText(value, max, true, ctx));
const optionalText = (max: number) => text(max).nullish();

const cents = (max: number) =>
  z.number({ error: 'must be a whole number of cents' })
    .int({ error: 'must be a whole number of cents' })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `must be at most ${max}` });

const addressSchema = z
  .object({
    line1: requiredText(200),
    line2: optionalText(200),
    city: requiredText(100),
    region: requiredText(100),
    postalCode: requiredText(20).refine((value) => /^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(value), {
      error: 'must be letters, digits, spaces or hyphens',
    }),
    country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code such as US' }),
  })
  .superRefine((address, ctx) => {
    if (address.country === 'US' && !/^\d{5}(-?\d{4})?$/.test(address.postalCode)) {
      ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'must be a US ZIP code (12345 or 12345-6789)' });
    }
  });

const lineSchema = z.object({
  productExternalId: requiredText(255),
  productName: requiredText(500),
  sku: optionalText(100),
  quantity: z.number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_QUANTITY, { error: `must be at most ${MAX_QUANTITY}` }),
  unitPriceCents: cents(MAX_UNIT_PRICE_CENTS),
});

// GraphQL's DateTime scalar has already read the instant (a Date); other sources send ISO text.
const asIsoText = (value: unknown) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value);

const placedAtText = z.string().superRefine((value, ctx) => {
  let instant: Date;
  try {
    instant = parseIsoDateTime(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof InvalidDateError ? error.reason : 'is not a date-time' });
    return;
  }
  if (instant.getTime() < EARLIEST_PLACED_AT || instant.getTime() >= LATEST_PLACED_AT) {
    ctx.addIssue({ code: 'custom', message: 'must be between 2000-01-01 and 2099-12-31' });
  }
});
const placedAtSchema = z.preprocess(asIsoText, placedAtText);

const orderFields = z.object({
  externalId: requiredText(255),
  channel: z.enum(SALES_CHANNELS, { error: `must be one of ${SALES_CHANNELS.join(', ')}` }),
  placedAt: placedAtSchema,
  status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` }),
  customer: z.object({
    externalId: requiredText(255),
    name: requiredText(300),
    email: optionalText(320).refine((value) => value == null || /^[^@\s]+@[^@\s]+$/.test(value), {
      error: 'must be an email address',
    }),
    address: addressSchema,
  }),
  lines: z
    .array(lineSchema)
    .min(1, { error: 'must have at least one line' })
    .max(MAX_LINES_PER_ORDER, { error: `must have at most ${MAX_LINES_PER_ORDER} lines` }),
  taxCents: cents(MAX_ORDER_AMOUNT_CENTS),
  shippingCents: cents(MAX_ORDER_AMOUNT_CENTS),
  discountCents: cents(MAX_ORDER_AMOUNT_CENTS),
  creditCents: cents(MAX_ORDER_AMOUNT_CENTS),
});

const orderSchema = orderFields
  .superRefine((order, ctx) => {
    const subtotal = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    if (subtotal + order.taxCents + order.shippingCents < order.discountCents + order.creditCents) {
      ctx.addIssue({
        code: 'custom',
        path: ['discountCents'],
        message: 'with creditCents exceeds the order total (lines + tax + shipping); net receipts cannot be negative',
      });
    }
  })
  .transform(toDomainOrder);

/** Customers are kept apart by where they buy: TikTok buyers and the store's own customers. */
export type CustomerSpace = 'TIKTOK' | 'STORE';

export function customerSpaceOf(channel: string): CustomerSpace {
  return channel === 'TIKTOK' ? 'TIKTOK' : 'STORE';
}

/** An order checked and reduced to the values the import writes. */
export interface DomainOrder {
  channel: SalesChannel;
  externalId: string;
  /** The instant, as `toISOString()` writes it. */
  placedAt: string;
  status: OrderStatus;
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
  /**
   * SHA-256 of the order's content: equal hashes mean the order was sent unchanged. The stored
   * hashes of orders imported earlier were made the same way: its inputs and their key order stay.
   */
  contentHash: string;
}

type CheckedOrder = z.output<typeof orderFields>;

function toDomainOrder(order: CheckedOrder): DomainOrder {
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
  const netReceiptsCents = subtotalCents + order.taxCents + order.shippingCents - order.discountCents - order.creditCents;
  const content = {
    channel: order.channel,
    externalId: order.externalId,
    placedAt: parseIsoDateTime(order.placedAt).toISOString(),
    status: order.status,
    customer,
    lines,
    taxCents: order.taxCents,
    shippingCents: order.shippingCents,
    discountCents: order.discountCents,
    creditCents: order.creditCents,
  };
  // A literal that starts with a spread is built several times slower by V8 than one that starts
  // with a property; this runs for every order of every import.
  return {
    customerSpace,
    ...content,
    subtotalCents,
    netReceiptsCents,
    contentHash: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
  };
}

export interface ImportProblem {
  orderIndex: number | null;
  field: string;
  message: string;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function parseEach(orders: readonly unknown[]): { parsed: DomainOrder[]; problems: ImportProblem[] } {
  const parsed: DomainOrder[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  orders.forEach((order, orderIndex) => {
    const result = orderSchema.safeParse(order);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ orderIndex, field: fieldPath(issue.path) || 'order', message: issue.message });
      }
      return;
    }
    parsed.push(result.data);
    const key = `${result.data.channel}\u0000${result.data.externalId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        orderIndex,
        field: 'externalId',
        message: `repeats the order of index ${first} (same channel and externalId); send each order once per call`,
      });
    } else {
      seen.set(key, orderIndex);
    }
  });
  return { parsed, problems };
}

const MAX_REPORTED_PROBLEMS = 50;

/**
 * Parses a whole import before anything is written, in the order given. Throws BAD_USER_INPUT
 * naming the first problem's order index and field in the message, with up to 50 problems in
 * `extensions.problems`.
 */
export function parseOrders(orders: readonly unknown[]): DomainOrder[] {
  if (orders.length > MAX_ORDERS_PER_IMPORT) {
    // The first order past the limit is the one named.
    throw badUserInput(
      `orders[${MAX_ORDERS_PER_IMPORT}]: an import takes at most ${MAX_ORDERS_PER_IMPORT} orders, got ${orders.length}; split it into several calls.`,
      { orderIndex: MAX_ORDERS_PER_IMPORT, field: 'orders', inputPath: 'orders', problems: [] },
    );
  }
  const { parsed, problems } = parseEach(orders);
  const first = problems[0];
  if (!first) return parsed;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw badUserInput(`orders[${first.orderIndex}].${first.field} ${first.message}${more}. Nothing was imported.`, {
    orderIndex: first.orderIndex,
    field: first.field,
    inputPath: `orders[${first.orderIndex}].${first.field}`,
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
  });
}
