import { addDays, formatWithOffset, zoneOffsetMs, zonedInstant } from '@tiktok-insights/shared';
import type { OrderData, OrderStatus, SalesChannel } from '../modules/orders/order-input.js';

/** mulberry32: a tiny seeded generator, so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Place {
  house: number;
  street: string;
  suffix: [long: string, short: string];
  directional: [long: string, short: string] | null;
  unit: number | null;
  zip: string;
}

const STREETS = ['Main', 'Oak', 'Maple', 'Lake', 'Cedar', 'Elm'];
const SUFFIXES: Array<[string, string]> = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Boulevard', 'Blvd'],
  ['Drive', 'Dr'],
];
const DIRECTIONALS: Array<[string, string]> = [
  ['North', 'N'],
  ['West', 'W'],
];

interface Stream {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

function streamOf(random: () => number): Stream {
  return {
    random,
    pick: (items) => items[Math.floor(random() * items.length)]!,
    chance: (p) => random() < p,
  };
}

interface Person {
  id: string;
  place: Place;
}

interface ProductSpec {
  id: string;
  name: string;
  price: number;
}

const ZIPS = ['60614', '60615', '10001'];
const STATUSES: OrderStatus[] = ['PAID', 'PAID', 'SHIPPED', 'DELIVERED', 'DELIVERED', 'UNPAID', 'CANCELLED', 'REFUNDED'];
const COUNTED: OrderStatus[] = ['PAID', 'SHIPPED', 'DELIVERED'];
const STORE_CHANNELS: SalesChannel[] = ['APP', 'WEBSITE', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER'];

/** One of the ways people write a place: long or short suffixes and directionals, units in line 1 or 2, ZIP+4. */
function spell(s: Stream, place: Place): OrderData['customer']['address'] {
  const long = s.chance(0.5);
  const dir = place.directional ? `${long ? place.directional[0] : place.directional[1]} ` : '';
  const street = `${place.house} ${dir}${place.street} ${long ? place.suffix[0] : `${place.suffix[1]}.`}`;
  const unit = place.unit === null ? null : s.pick([`Apt ${place.unit}`, `#${place.unit}`, `Unit ${place.unit}`]);
  const unitInLine2 = unit !== null && s.chance(0.5);
  const line1 = unit !== null && !unitInLine2 ? `${street} ${unit}` : street;
  return {
    line1: s.chance(0.3) ? line1.toLowerCase() : line1,
    line2: unitInLine2 ? unit : null,
    city: 'Springfield',
    region: 'IL',
    postalCode: s.chance(0.3) ? `${place.zip}-${1000 + Math.floor(s.random() * 8999)}` : place.zip,
    country: 'US',
  };
}

function linesOf(s: Stream, products: readonly ProductSpec[]): OrderData['lines'] {
  return Array.from({ length: 1 + Math.floor(s.random() * 3) }, () => {
    const product = s.pick(products);
    return {
      productExternalId: product.id,
      productName: product.name,
      sku: s.chance(0.8) ? `SKU-${product.id}` : null,
      quantity: 1 + Math.floor(s.random() * 3),
      unitPriceCents: product.price,
    };
  });
}

/** The order around what the caller chose; the random parts are drawn in this order. */
function orderOf(
  s: Stream,
  fields: { externalId: string; channel: SalesChannel; placedAt: string; status: OrderStatus; customer: Person; lines: OrderData['lines'] },
): OrderData {
  const tiktok = fields.channel === 'TIKTOK';
  return {
    externalId: fields.externalId,
    channel: fields.channel,
    placedAt: fields.placedAt,
    status: fields.status,
    customer: {
      externalId: fields.customer.id,
      name: `${tiktok ? 'Buyer' : 'Client'} ${fields.customer.id}`,
      email: tiktok ? null : `${fields.customer.id}@example.com`,
      address: spell(s, fields.customer.place),
    },
    lines: fields.lines,
    taxCents: Math.floor(s.random() * 400),
    shippingCents: s.pick([0, 0, 499, 695]),
    discountCents: s.chance(0.2) ? 500 : 0,
    creditCents: s.chance(0.1) ? 250 : 0,
  };
}

const at = (day: string, minutes: number, timeZone: string) => formatWithOffset(zonedInstant(day, minutes, timeZone), timeZone);

/** Days from a crossover buyer's first TikTok order to the store order: the four lag buckets in turn. */
const LAG_RANGES: Array<[min: number, max: number]> = [
  [0, 7],
  [8, 30],
  [31, 90],
  [91, 95],
];

/**
 * Buyers who cross over after a chosen number of days: each lives at a place of its own, orders on
 * TikTok in the range's first 5 days (and, half of them, again later in the range), and a store
 * customer at the same place, the same person spelling the address another way, orders 0–7, 8–30,
 * 31–90 or 91–95 days after that (in turn; the last ones fall up to 99 days after `firstDay`).
 */
function delayedCrossovers(
  s: Stream,
  count: number,
  context: { firstDay: string; days: number; timeZone: string; products: readonly ProductSpec[] },
): OrderData[] {
  const orders: OrderData[] = [];
  for (let i = 0; i < count; i++) {
    const [min, max] = LAG_RANGES[i % LAG_RANGES.length]!;
    const lag = min + Math.floor(s.random() * (max - min + 1));
    const place: Place = { house: 200 + i, street: s.pick(STREETS), suffix: s.pick(SUFFIXES), directional: null, unit: null, zip: s.pick(ZIPS) };
    const buyer = { id: `tt-lag-${i}`, place };
    const client = { id: `cus-lag-${i}`, place };
    const firstDay = addDays(context.firstDay, Math.floor(s.random() * 5));
    // Morning on TikTok, evening in the store: on the same day the store order still comes after.
    const tiktokAt = at(firstDay, 60 + Math.floor(s.random() * 540), context.timeZone);
    const storeAt = at(addDays(firstDay, lag), 780 + Math.floor(s.random() * 600), context.timeZone);
    orders.push(
      orderOf(s, { externalId: `o-lag-${i}-t`, channel: 'TIKTOK', placedAt: tiktokAt, status: s.pick(COUNTED), customer: buyer, lines: linesOf(s, context.products) }),
      orderOf(s, { externalId: `o-lag-${i}-s`, channel: s.pick(STORE_CHANNELS), placedAt: storeAt, status: s.pick(COUNTED), customer: client, lines: linesOf(s, context.products) }),
    );
    if (s.chance(0.5)) {
      const againDay = addDays(context.firstDay, 5 + Math.floor(s.random() * Math.max(1, context.days - 5)));
      const againAt = at(againDay, Math.floor(s.random() * 1440), context.timeZone);
      orders.push(orderOf(s, { externalId: `o-lag-${i}-r`, channel: 'TIKTOK', placedAt: againAt, status: s.pick(COUNTED), customer: buyer, lines: linesOf(s, context.products) }));
    }
  }
  return orders;
}

/** The first instant of a new offset between two instants with different offsets (one change between them). */
function clockChangeBetween(fromMs: number, toMs: number, timeZone: string): number {
  const before = zoneOffsetMs(fromMs, timeZone);
  let low = fromMs;
  let high = toMs;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zoneOffsetMs(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * TikTok orders at instants around each clock change in the range, as many before the change as
 * after, within the length of the change: on a fall-back day both passes of the repeated hour
 * (written with their own offsets), on a spring-forward day the hours either side of the gap.
 */
function clockChangeOrders(
  s: Stream,
  perChange: number,
  context: { firstDay: string; days: number; timeZone: string; customers: readonly Person[]; products: readonly ProductSpec[] },
): OrderData[] {
  const orders: OrderData[] = [];
  for (let d = 0; d < context.days; d++) {
    const day = addDays(context.firstDay, d);
    const dayStart = zonedInstant(day, 0, context.timeZone).getTime();
    const nextStart = zonedInstant(addDays(day, 1), 0, context.timeZone).getTime();
    const change = zoneOffsetMs(nextStart, context.timeZone) - zoneOffsetMs(dayStart, context.timeZone);
    if (change === 0) continue;
    const changeAt = clockChangeBetween(dayStart, nextStart, context.timeZone);
    for (let k = 0; k < perChange; k++) {
      const side = k % 2 === 0 ? -1 : 1;
      const ms = changeAt + side * Math.floor(s.random() * Math.abs(change) / 1000) * 1000 - (side < 0 ? 1000 : 0);
      orders.push(
        orderOf(s, {
          externalId: `o-clock-${day}-${k}`,
          channel: 'TIKTOK',
          placedAt: formatWithOffset(ms, context.timeZone),
          status: s.pick(STATUSES),
          customer: s.pick(context.customers),
          lines: linesOf(s, context.products),
        }),
      );
    }
  }
  return orders;
}

/**
 * Random orders built to hit every rule at once: few products with tied prices, customers who
 * buy often, households whose address is written several ways (and neighbours one unit or one
 * ZIP away), all statuses, late-evening orders on DST days, and later corrections of earlier
 * orders (status, amounts, day) sent as updates. Every order lies in the `days` from `firstDay`;
 * batches of 400 first orders, the corrections last.
 *
 * Opt-in, for the figures that the base mix reaches rarely: `delayedCrossovers` buyers whose store
 * order follows their first TikTok order after 0–7, 8–30, 31–90 or 91–95 days (up to 99 days after
 * `firstDay`), and `ordersPerClockChange` TikTok orders around each clock change of the range.
 * They come in a batch of their own before the corrections, drawn from a random stream of their
 * own: the other orders are the same with them as without.
 */
export function randomOrders(options: {
  seed: number;
  timeZone: string;
  firstDay: string;
  days: number;
  orders: number;
  delayedCrossovers?: number;
  ordersPerClockChange?: number;
}): OrderData[][] {
  const s = streamOf(seededRandom(options.seed));
  const { pick, chance, random } = s;

  const places: Place[] = Array.from({ length: 40 }, () => ({
    house: 100 + Math.floor(random() * 30),
    street: pick(STREETS),
    suffix: pick(SUFFIXES),
    directional: chance(0.4) ? pick(DIRECTIONALS) : null,
    unit: chance(0.5) ? 1 + Math.floor(random() * 4) : null,
    zip: pick(ZIPS),
  }));

  const tiktokCustomers: Person[] = Array.from({ length: 70 }, (_, i) => ({ id: `tt-${i}`, place: pick(places) }));
  const storeCustomers: Person[] = Array.from({ length: 45 }, (_, i) => ({ id: `cus-${i}`, place: pick(places) }));
  const products: ProductSpec[] = Array.from({ length: 14 }, (_, i) => ({
    id: `p-${i}`,
    name: `${pick(['Linen', 'Silk', 'Denim'])} ${pick(['Shirt', 'Dress', 'Scarf'])} ${i}`,
    price: pick([1500, 2500, 2500, 4000]),
  }));

  const placedAt = () => {
    const day = addDays(options.firstDay, Math.floor(random() * options.days));
    const minutes = chance(0.15) ? 23 * 60 + 30 : Math.floor(random() * 1440);
    return at(day, minutes, options.timeZone);
  };
  const makeOrder = (index: number): OrderData => {
    const tiktok = chance(0.6);
    const customer = tiktok ? pick(tiktokCustomers) : pick(storeCustomers);
    const lines = linesOf(s, products);
    const channel: SalesChannel = tiktok ? 'TIKTOK' : pick(STORE_CHANNELS);
    return orderOf(s, { externalId: `o-${index}`, channel, placedAt: placedAt(), status: pick(STATUSES), customer, lines });
  };

  const first = Array.from({ length: options.orders }, (_, i) => makeOrder(i));
  const batches: OrderData[][] = [];
  for (let i = 0; i < first.length; i += 400) batches.push(first.slice(i, i + 400));
  // Corrections: each earlier order at most once per batch.
  const corrections = [...new Set(Array.from({ length: Math.floor(options.orders / 5) }, () => pick(first)))].map(
    (order) => {
      const changed: OrderData = structuredClone(order);
      const what = random();
      if (what < 0.5) changed.status = pick(STATUSES);
      else if (what < 0.7) changed.placedAt = placedAt();
      else if (what < 0.85) changed.lines[0]!.quantity += 1;
      else changed.customer.address = spell(s, pick(places));
      return changed;
    },
  );

  const extra = streamOf(seededRandom(options.seed ^ 0x5bd1e995));
  const context = { firstDay: options.firstDay, days: options.days, timeZone: options.timeZone, customers: tiktokCustomers, products };
  const extras = [
    ...delayedCrossovers(extra, options.delayedCrossovers ?? 0, context),
    ...clockChangeOrders(extra, options.ordersPerClockChange ?? 0, context),
  ];
  if (extras.length > 0) batches.push(extras);
  batches.push(corrections);
  return batches;
}
