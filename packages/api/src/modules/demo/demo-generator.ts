/**
 * Deterministic demo data: about two years of orders of a small boutique that sells live on TikTok
 * and in its own app and website. Pure (no database); the same options give byte-identical orders.
 * The orders stream out in chronological batches so that millions of them fit in little memory, and
 * the generator returns the truth about TikTok-sourced and crossover customers, worked out from the
 * true places behind the (differently written) addresses.
 */
import { Faker, base, en, en_US } from '@faker-js/faker';
import { addDays, isCounted, isValidTimeZone } from '@tiktok-insights/shared';
import type { OrderData, SalesChannel } from '../orders/order-input.js';
import { PlaceRegistry, hasNoSalesTax } from './demo-generator-addresses.js';
import { DayClock, type DayPlan, planDays, sampleSecondOfDay } from './demo-generator-calendar.js';
import { type DemoProduct, ProductPicker, buildCatalog } from './demo-generator-catalog.js';
import { CustomerBook, type DemoCustomer } from './demo-generator-customers.js';
import { NamePool } from './demo-generator-names.js';
import { type OrderKind, netReceiptsCents, orderAmounts, orderLines, orderStatus, subtotalCents } from './demo-generator-orders.js';
import { SeededRandom, scatter32 } from './demo-generator-random.js';

/** The demo shop the orders belong to (values for `createShop`). */
export const DEMO_SHOP = {
  name: 'Maple & Thread Boutique',
  timezone: 'America/Chicago',
  currency: 'USD',
  weekStartsOn: 'MONDAY',
  aovTargetCents: 4000,
} as const;

export const DEFAULT_DEMO_SEED = 20_240_601;
export const DEFAULT_DEMO_DAYS = 730;
export const DEFAULT_DEMO_PRODUCTS = 300;
/** Store orders over 730 days at scale 1; TikTok orders follow from the share curve (about 16,000). */
export const DEFAULT_STORE_ORDERS_PER_730_DAYS = 20_000;
/** The most orders in one yielded batch: what one `importOrders` call accepts. */
export const MAX_DEMO_BATCH = 5_000;

export interface DemoOptions {
  seed?: number;
  /** The last day of the period, YYYY-MM-DD in the shop's time zone. */
  endDay: string;
  /** Length of the period in days, ending at `endDay` (default 730). */
  days?: number;
  /** Default 'America/Chicago'. */
  timeZone?: string;
  /** Multiplies the order volume (default 1). */
  scale?: number;
  /** About this many TikTok orders over the period (overrides `scale` for TikTok). */
  tiktokOrders?: number;
  /** About this many store orders over the period (overrides `scale` for the store). */
  storeOrders?: number;
  /** Catalog size (default 300). */
  products?: number;
  /**
   * Larger baskets: orders of 1 to 5 lines, about 3 on average, instead of the boutique's 1 to 3
   * (the benchmark's big shop uses it).
   */
  largeBaskets?: boolean;
  /**
   * No order is placed after this instant: pass "now" when `endDay` is today, so that the demo has
   * no orders in the future. Default: none dropped (the whole of `endDay` has orders).
   */
  notAfter?: Date;
  /** Sees every order as it is made, with the id of the true place of its customer (for checks). */
  onOrder?: (order: OrderData, placeId: number) => void;
}

export interface CrossoverOrderBreakdownTruth {
  NONE: number;
  ONE: number;
  TWO: number;
  THREE_OR_MORE: number;
}

/** What the generated orders mean, by the definitions of spec section 4 evaluated on the true places. */
export interface DemoTruth {
  seed: number;
  firstDay: string;
  lastDay: string;
  timeZone: string;
  tiktokOrders: number;
  storeOrders: number;
  countedTikTokOrders: number;
  countedStoreOrders: number;
  /** Net receipts of the counted TikTok orders / counted store orders. */
  tiktokNetReceiptsCents: number;
  storeNetReceiptsCents: number;
  /** Distinct buyer ids generated (TikTok customers with a counted order: `countedTikTokCustomers`). */
  tiktokCustomers: number;
  countedTikTokCustomers: number;
  storeCustomers: number;
  products: number;
  places: number;
  /** TikTok buyer externalIds that are TikTok-sourced. */
  sourcedTikTokCustomerIds: Set<string>;
  /** TikTok buyer externalIds that truly crossed over (a subset of the sourced ones). */
  crossoverTikTokCustomerIds: Set<string>;
  /** crossover ÷ sourced. */
  crossoverRate: number;
  /** Net receipts of the distinct store orders that make some customer a crossover. */
  crossoverNonTikTokNetReceiptsCents: number;
  /** Sourced customers by their number of store orders at their place after their first TikTok order. */
  crossoverOrderBreakdown: CrossoverOrderBreakdownTruth;
}

/** New TikTok households that plan a later store purchase, tuned to a crossover rate of about 11%. */
const CROSSOVER_PLAN = { probability: 0.135, meanDelayDays: 40 };

interface ResolvedOptions {
  seed: number;
  firstDay: string;
  endDay: string;
  days: number;
  timeZone: string;
  storeOrders: number;
  tiktokOrders: number | undefined;
  /** The store volume at which TikTok follows its share curve when no TikTok target is given. */
  scaledStoreOrders: number;
  products: number;
  largeBaskets: boolean;
  notAfterMs: number;
  onOrder: ((order: OrderData, placeId: number) => void) | undefined;
}

/** One order to be made: who buys, when, and whether during a live show. */
interface OrderSlot {
  kind: OrderKind;
  customer: DemoCustomer;
  secondOfDay: number;
  instantMs: number;
  duringLiveShow: boolean;
}

/**
 * Streams the orders, oldest first, in batches of one day at most and {@link MAX_DEMO_BATCH} orders
 * at most, and returns the truth when done. Yielded objects share customer data between orders of
 * the same customer: treat them as read-only.
 */
export function* generateDemoOrders(options: DemoOptions): Generator<OrderData[], DemoTruth> {
  const resolved = resolveOptions(options);
  const run = new DemoRun(resolved);
  const plans = planDays(resolved.firstDay, resolved.days, {
    storeOrders: resolved.storeOrders,
    tiktokOrders: resolved.tiktokOrders,
    tiktokCurveStoreOrders: resolved.scaledStoreOrders,
  });
  for (const plan of plans) yield* run.ordersOfDay(plan);
  return run.truth();
}

/** All orders at once, for small runs and tests. */
export function generateDemo(options: DemoOptions): { orders: OrderData[]; truth: DemoTruth } {
  const orders: OrderData[] = [];
  const generator = generateDemoOrders(options);
  for (;;) {
    const step = generator.next();
    if (step.done) return { orders, truth: step.value };
    for (const order of step.value) orders.push(order);
  }
}

function resolveOptions(options: DemoOptions): ResolvedOptions {
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1, got ${days}`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const firstDay = addDays(options.endDay, -(days - 1));
  const scaledStoreOrders = DEFAULT_STORE_ORDERS_PER_730_DAYS * scale * (days / DEFAULT_DEMO_DAYS);
  const timeZone = options.timeZone ?? DEMO_SHOP.timezone;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}`);
  if (options.notAfter !== undefined && Number.isNaN(options.notAfter.getTime())) throw new RangeError('notAfter is not a valid date');
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${seed}`);
  const products = options.products ?? DEFAULT_DEMO_PRODUCTS;
  if (!Number.isSafeInteger(products) || products < 1) throw new RangeError(`products must be a whole number ≥ 1, got ${products}`);
  assertOrderTarget('storeOrders', options.storeOrders);
  assertOrderTarget('tiktokOrders', options.tiktokOrders);
  return {
    seed,
    firstDay,
    endDay: options.endDay,
    days,
    timeZone,
    storeOrders: options.storeOrders ?? scaledStoreOrders,
    tiktokOrders: options.tiktokOrders,
    scaledStoreOrders,
    products,
    largeBaskets: options.largeBaskets ?? false,
    notAfterMs: options.notAfter?.getTime() ?? Number.POSITIVE_INFINITY,
    onOrder: options.onOrder,
  };
}

function assertOrderTarget(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a number ≥ 0, got ${value}`);
  }
}

/** The state of one generation run. */
class DemoRun {
  private readonly random: SeededRandom;
  private readonly catalog: DemoProduct[];
  private readonly picker: ProductPicker;
  private readonly places: PlaceRegistry;
  private readonly customers: CustomerBook;
  private readonly counters = { tiktokOrders: 0, storeOrders: 0, countedTikTokOrders: 0, countedStoreOrders: 0, tiktokNet: 0, storeNet: 0 };
  // Fractional orders carried from day to day, so that the totals meet the targets.
  private tiktokCarry = 0;
  private storeCarry = 0;

  constructor(private readonly options: ResolvedOptions) {
    this.random = new SeededRandom(options.seed);
    const faker = new Faker({ locale: [en_US, en, base] });
    faker.seed(scatter32(options.seed) ^ 0x5eed);
    this.catalog = buildCatalog(this.random, options.products, options.days);
    this.picker = new ProductPicker(this.catalog);
    const expectedCustomers = (options.storeOrders + (options.tiktokOrders ?? options.scaledStoreOrders)) / 2.5;
    const towns = Math.round(Math.min(20_000, Math.max(150, expectedCustomers / 25)));
    const names = new NamePool(faker);
    this.places = new PlaceRegistry(faker, names, this.random, towns, 'IL');
    this.customers = new CustomerBook(names, this.random, this.places, options.days, CROSSOVER_PLAN);
  }

  *ordersOfDay(plan: DayPlan): Generator<OrderData[]> {
    this.picker.startDay(plan.dayIndex, this.random, plan.isLiveDay);
    const clock = new DayClock(plan.day, this.options.timeZone);
    const notAfterMs = this.options.notAfterMs;
    const slots = [...this.slotsOf('TIKTOK', plan, clock), ...this.slotsOf('STORE', plan, clock)]
      .filter((slot) => slot.instantMs <= notAfterMs)
      .sort((a, b) => a.instantMs - b.instantMs);
    for (let start = 0; start < slots.length; start += MAX_DEMO_BATCH) {
      yield slots.slice(start, start + MAX_DEMO_BATCH).map((slot) => this.makeOrder(slot, plan, clock));
    }
  }

  private slotsOf(kind: OrderKind, plan: DayPlan, clock: DayClock): OrderSlot[] {
    const count = this.ordersToday(kind, plan);
    const buyers = this.customers.buyersOfDay(kind, plan.dayIndex, count);
    return buyers.map((customer) => {
      const duringLiveShow = kind === 'TIKTOK' && this.random.chance(plan.liveShare);
      const secondOfDay = sampleSecondOfDay(this.random, kind, duringLiveShow);
      return { kind, customer, secondOfDay, instantMs: clock.instantMs(secondOfDay), duringLiveShow };
    });
  }

  /** The expected count with ±20% day-to-day noise, rounded with a carry. */
  private ordersToday(kind: OrderKind, plan: DayPlan): number {
    const expected = kind === 'TIKTOK' ? plan.expectedTikTokOrders : plan.expectedStoreOrders;
    const wanted = expected * this.random.between(0.8, 1.2) + (kind === 'TIKTOK' ? this.tiktokCarry : this.storeCarry);
    const count = Math.max(0, Math.floor(wanted));
    if (kind === 'TIKTOK') this.tiktokCarry = wanted - count;
    else this.storeCarry = wanted - count;
    return count;
  }

  private makeOrder(slot: OrderSlot, plan: DayPlan, clock: DayClock): OrderData {
    const { kind, customer } = slot;
    const lines = orderLines(this.random, this.picker, kind, slot.duringLiveShow, this.options.largeBaskets);
    const subtotal = subtotalCents(lines);
    const channel = kind === 'TIKTOK' ? 'TIKTOK' : this.storeChannel(customer);
    const amounts = orderAmounts(this.random, {
      kind,
      subtotalCents: subtotal,
      noSalesTax: hasNoSalesTax(customer.place),
      isSaleWeekend: plan.isSaleWeekend,
      isLocalPickup: channel === 'APP' && customer.place.region === 'IL' && this.random.chance(0.08),
    });
    const order: OrderData = {
      externalId: this.nextOrderId(kind),
      channel,
      placedAt: clock.isoWithOffset(slot.secondOfDay),
      status: orderStatus(this.random, this.options.days - 1 - plan.dayIndex),
      customer: customer.data,
      lines,
      ...amounts,
    };
    this.record(order, slot, netReceiptsCents(subtotal, amounts));
    this.customers.scheduleReturn(customer, plan.dayIndex);
    this.options.onOrder?.(order, customer.place.id);
    return order;
  }

  private storeChannel(customer: DemoCustomer): SalesChannel {
    if (this.random.chance(0.85)) return customer.preferredChannel;
    return this.random.chance(0.5) ? 'APP' : 'WEBSITE';
  }

  private nextOrderId(kind: OrderKind): string {
    if (kind === 'TIKTOK') {
      // TikTok Shop order ids are 18-digit numbers; the scattered sequence keeps them unique.
      const sequence = this.counters.tiktokOrders++;
      return `57${String(scatter32(sequence)).padStart(10, '0')}${String(this.random.nextUint32() % 1_000_000).padStart(6, '0')}`;
    }
    return `MT-${100_001 + this.counters.storeOrders++}`;
  }

  /** Keeps, per customer and per place, just what the truth needs. */
  private record(order: OrderData, slot: OrderSlot, net: number): void {
    if (!isCounted(order.status)) return;
    const { customer, instantMs } = slot;
    if (slot.kind === 'TIKTOK') {
      this.counters.countedTikTokOrders++;
      this.counters.tiktokNet += net;
      customer.firstCountedTikTokOrderAt = Math.min(customer.firstCountedTikTokOrderAt, instantMs);
      return;
    }
    const place = customer.place;
    this.counters.countedStoreOrders++;
    this.counters.storeNet += net;
    place.firstCountedStoreOrderAt = Math.min(place.firstCountedStoreOrderAt, instantMs);
    place.countedStoreOrders++;
    place.countedStoreNetReceiptsCents += net;
  }

  /**
   * Sourced: the first counted TikTok order precedes every counted store order at the place. Then every
   * store order at the place comes after it, so crossover = sourced with any store order at the place.
   */
  truth(): DemoTruth {
    const sourced = new Set<string>();
    const crossover = new Set<string>();
    const breakdown: CrossoverOrderBreakdownTruth = { NONE: 0, ONE: 0, TWO: 0, THREE_OR_MORE: 0 };
    const crossoverPlaces = new Set<number>();
    let crossoverNet = 0;
    let countedTikTokCustomers = 0;
    for (const customer of this.customers.tiktokCustomers) {
      const firstTikTok = customer.firstCountedTikTokOrderAt;
      if (firstTikTok === Number.POSITIVE_INFINITY) continue;
      countedTikTokCustomers++;
      const place = customer.place;
      if (!(firstTikTok < place.firstCountedStoreOrderAt)) continue;
      sourced.add(customer.data.externalId);
      const storeOrders = place.countedStoreOrders;
      breakdown[storeOrders === 0 ? 'NONE' : storeOrders === 1 ? 'ONE' : storeOrders === 2 ? 'TWO' : 'THREE_OR_MORE']++;
      if (storeOrders === 0) continue;
      crossover.add(customer.data.externalId);
      if (!crossoverPlaces.has(place.id)) {
        crossoverPlaces.add(place.id);
        crossoverNet += place.countedStoreNetReceiptsCents;
      }
    }
    return {
      seed: this.options.seed,
      firstDay: this.options.firstDay,
      lastDay: this.options.endDay,
      timeZone: this.options.timeZone,
      tiktokOrders: this.counters.tiktokOrders,
      storeOrders: this.counters.storeOrders,
      countedTikTokOrders: this.counters.countedTikTokOrders,
      countedStoreOrders: this.counters.countedStoreOrders,
      tiktokNetReceiptsCents: this.counters.tiktokNet,
      storeNetReceiptsCents: this.counters.storeNet,
      tiktokCustomers: this.customers.tiktokCustomers.length,
      countedTikTokCustomers,
      storeCustomers: this.customers.storeCustomers.length,
      products: this.catalog.length,
      places: this.places.count,
      sourcedTikTokCustomerIds: sourced,
      crossoverTikTokCustomerIds: crossover,
      crossoverRate: sourced.size === 0 ? 0 : crossover.size / sourced.size,
      crossoverNonTikTokNetReceiptsCents: crossoverNet,
      crossoverOrderBreakdown: breakdown,
    };
  }
}
