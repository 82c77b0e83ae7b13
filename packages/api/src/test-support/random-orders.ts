import { addDays, formatWithOffset, zonedInstant } from '@tiktok-insights/shared';
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

/**
 * Random orders built to hit every rule at once: few products with tied prices, customers who
 * buy often, households whose address is written several ways (and neighbours one unit or one
 * ZIP away), all statuses, late-evening orders on DST days, and later corrections of earlier
 * orders (status, amounts, day) sent as updates.
 */
export function randomOrders(options: {
  seed: number;
  timeZone: string;
  firstDay: string;
  days: number;
  orders: number;
}): OrderData[][] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;

  const places: Place[] = Array.from({ length: 40 }, () => ({
    house: 100 + Math.floor(random() * 30),
    street: pick(STREETS),
    suffix: pick(SUFFIXES),
    directional: chance(0.4) ? pick(DIRECTIONALS) : null,
    unit: chance(0.5) ? 1 + Math.floor(random() * 4) : null,
    zip: pick(['60614', '60615', '10001']),
  }));
  const spell = (place: Place) => {
    const long = chance(0.5);
    const dir = place.directional ? `${long ? place.directional[0] : place.directional[1]} ` : '';
    const street = `${place.house} ${dir}${place.street} ${long ? place.suffix[0] : `${place.suffix[1]}.`}`;
    const unit = place.unit === null ? null : pick([`Apt ${place.unit}`, `#${place.unit}`, `Unit ${place.unit}`]);
    const unitInLine2 = unit !== null && chance(0.5);
    const line1 = unit !== null && !unitInLine2 ? `${street} ${unit}` : street;
    return {
      line1: chance(0.3) ? line1.toLowerCase() : line1,
      line2: unitInLine2 ? unit : null,
      city: 'Springfield',
      region: 'IL',
      postalCode: chance(0.3) ? `${place.zip}-${1000 + Math.floor(random() * 8999)}` : place.zip,
      country: 'US',
    };
  };

  const tiktokCustomers = Array.from({ length: 70 }, (_, i) => ({ id: `tt-${i}`, place: pick(places) }));
  const storeCustomers = Array.from({ length: 45 }, (_, i) => ({ id: `cus-${i}`, place: pick(places) }));
  const products = Array.from({ length: 14 }, (_, i) => ({
    id: `p-${i}`,
    name: `${pick(['Linen', 'Silk', 'Denim'])} ${pick(['Shirt', 'Dress', 'Scarf'])} ${i}`,
    price: pick([1500, 2500, 2500, 4000]),
  }));
  const statuses: OrderStatus[] = ['PAID', 'PAID', 'SHIPPED', 'DELIVERED', 'DELIVERED', 'UNPAID', 'CANCELLED', 'REFUNDED'];
  const storeChannels: SalesChannel[] = ['APP', 'WEBSITE', 'WEBSITE', 'FACEBOOK', 'INSTAGRAM', 'OTHER'];

  const placedAt = () => {
    const day = addDays(options.firstDay, Math.floor(random() * options.days));
    const minutes = chance(0.15) ? 23 * 60 + 30 : Math.floor(random() * 1440);
    return formatWithOffset(zonedInstant(day, minutes, options.timeZone), options.timeZone);
  };
  const makeOrder = (index: number): OrderData => {
    const tiktok = chance(0.6);
    const customer = tiktok ? pick(tiktokCustomers) : pick(storeCustomers);
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const product = pick(products);
      return {
        productExternalId: product.id,
        productName: product.name,
        sku: chance(0.8) ? `SKU-${product.id}` : null,
        quantity: 1 + Math.floor(random() * 3),
        unitPriceCents: product.price,
      };
    });
    return {
      externalId: `o-${index}`,
      channel: tiktok ? 'TIKTOK' : pick(storeChannels),
      placedAt: placedAt(),
      status: pick(statuses),
      customer: {
        externalId: customer.id,
        name: `${tiktok ? 'Buyer' : 'Client'} ${customer.id}`,
        email: tiktok ? null : `${customer.id}@example.com`,
        address: spell(customer.place),
      },
      lines,
      taxCents: Math.floor(random() * 400),
      shippingCents: pick([0, 0, 499, 695]),
      discountCents: chance(0.2) ? 500 : 0,
      creditCents: chance(0.1) ? 250 : 0,
    };
  };

  const first = Array.from({ length: options.orders }, (_, i) => makeOrder(i));
  const batches: OrderData[][] = [];
  for (let i = 0; i < first.length; i += 400) batches.push(first.slice(i, i + 400));
  // Corrections: each earlier order at most once per batch.
  const corrections = [...new Set(Array.from({ length: Math.floor(options.orders / 5) }, () => pick(first)))].map(
    (order) => {
      const changed: OrderData = structuredClone(order);
      const what = random();
      if (what < 0.5) changed.status = pick(statuses);
      else if (what < 0.7) changed.placedAt = placedAt();
      else if (what < 0.85) changed.lines[0]!.quantity += 1;
      else changed.customer.address = spell(pick(places));
      return changed;
    },
  );
  batches.push(corrections);
  return batches;
}
