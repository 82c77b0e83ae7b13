import { createHash } from 'node:crypto';
import { addDays, dayOfWeek, daysBetween, formatWithOffset, isCounted, zonedInstant } from '@tiktok-insights/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type AddressData, type OrderData } from '../orders/order-input.js';
import { DayClock } from './demo-generator-calendar.js';
import { DEMO_SHOP, type DemoOptions, type DemoTruth, generateDemo, generateDemoOrders } from './demo-generator.js';

const END_DAY = '2026-05-31';
const TIME_ZONE = DEMO_SHOP.timezone;

interface Run {
  orders: OrderData[];
  truth: DemoTruth;
  placeOf: Map<OrderData, number>;
}

function run(options: DemoOptions): Run {
  const placeOf = new Map<OrderData, number>();
  const { orders, truth } = generateDemo({ ...options, onOrder: (order, placeId) => placeOf.set(order, placeId) });
  return { orders, truth, placeOf };
}

function fingerprint({ orders, truth }: { orders: OrderData[]; truth: DemoTruth }): string {
  const plainTruth = {
    ...truth,
    sourcedTikTokCustomerIds: [...truth.sourcedTikTokCustomerIds].sort(),
    crossoverTikTokCustomerIds: [...truth.crossoverTikTokCustomerIds].sort(),
  };
  return createHash('sha256').update(JSON.stringify({ orders, truth: plainTruth })).digest('hex');
}

function netReceipts(order: OrderData): number {
  const subtotal = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return subtotal + order.taxCents + order.shippingCents - order.discountCents - order.creditCents;
}

/** The order's calendar day in the shop's zone: the date part of its offset-bearing placedAt. */
const localDay = (order: OrderData) => order.placedAt.slice(0, 10);
const localHour = (order: OrderData) => Number(order.placedAt.slice(11, 13));
const instant = (order: OrderData) => Date.parse(order.placedAt);
const isTikTok = (order: OrderData) => order.channel === 'TIKTOK';

/**
 * An address key as spec section 4 describes it (case, spacing and punctuation ignored; suffixes,
 * directionals and unit designators folded; 5-digit ZIP), enough for the spellings the demo uses.
 */
const FOLDED_WORDS: Record<string, string> = {
  STREET: 'ST', AVENUE: 'AVE', ROAD: 'RD', DRIVE: 'DR', LANE: 'LN', BOULEVARD: 'BLVD', COURT: 'CT', PLACE: 'PL',
  TERRACE: 'TER', CIRCLE: 'CIR', PARKWAY: 'PKWY', TRAIL: 'TRL', NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W',
  APARTMENT: '#', APT: '#', UNIT: '#', SUITE: '#', STE: '#',
};
interface KeyParts {
  number: string;
  street: string;
  unit: string;
  zip: string;
}
function keyParts(address: AddressData): KeyParts {
  const tokens = `${address.line1} ${address.line2 ?? ''}`
    .toUpperCase()
    .replace(/#/g, ' # ')
    .replace(/[^A-Z0-9#]+/g, ' ')
    .trim()
    .split(' ')
    .map((token) => FOLDED_WORDS[token] ?? token);
  const unitAt = tokens.includes('#') ? tokens.indexOf('#') : tokens.length;
  return {
    number: tokens[0] as string,
    street: tokens.slice(1, unitAt).join(' '),
    unit: tokens.slice(unitAt + 1).join(''),
    zip: address.postalCode.slice(0, 5),
  };
}
function addressKey(address: AddressData): string {
  const { number, street, unit, zip } = keyParts(address);
  return `${number} ${street} #${unit} ${zip}`;
}
/** Why the import would refuse the order (spec section 3), or what breaks the demo's own conventions. */
function importProblems(order: OrderData): string[] {
  const problems: string[] = [];
  const problem = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${order.channel} ${order.externalId}: ${what}`);
  };
  const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;
  problem(order.lines.length >= 1, 'no lines');
  for (const line of order.lines) {
    problem(Number.isSafeInteger(line.quantity) && line.quantity >= 1, 'quantity');
    problem(isCount(line.unitPriceCents), 'unit price');
    problem(Boolean(line.productExternalId && line.productName && line.sku), 'product');
  }
  for (const amount of [order.taxCents, order.shippingCents, order.discountCents, order.creditCents]) problem(isCount(amount), 'amount');
  problem(netReceipts(order) >= 0, 'negative net receipts');
  problem(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(order.placedAt), 'placedAt shape');
  // The offset is the shop zone's own at that instant.
  problem(formatWithOffset(instant(order), TIME_ZONE) === order.placedAt, 'placedAt offset');
  problem((ORDER_STATUSES as readonly string[]).includes(order.status), 'status');
  const { customer } = order;
  const { address } = customer;
  problem(Boolean(customer.name && address.line1 && address.city && address.region), 'customer fields');
  problem(/^\d{5}(-\d{4})?$/.test(address.postalCode) && address.country === 'US', 'postal code');
  if (isTikTok(order)) {
    problem(/^tt_[0-9a-f]{16}$/.test(customer.externalId), 'TikTok buyer id');
    problem(customer.email === undefined || customer.email === null, 'email on TIKTOK');
    problem(/^\d{18}$/.test(order.externalId), 'TikTok order id');
  } else {
    problem(/^cus_[0-9a-f]{14}$/.test(customer.externalId), 'store customer id');
    problem(/^[^@\s]+@[a-z.]+$/.test(customer.email ?? ''), 'store email');
  }
  return problems;
}

const addressText = (address: AddressData) => `${address.line1}|${address.line2 ?? ''}|${address.postalCode}`;

describe('generateDemo at the default volume', () => {
  let demo: Run;
  beforeAll(() => {
    demo = run({ endDay: END_DAY });
  });

  it('gives byte-identical output for the same seed and different output for another seed', () => {
    const again = generateDemo({ endDay: END_DAY });
    expect(fingerprint(again)).toBe(fingerprint(demo));
    const otherSeed = generateDemo({ endDay: END_DAY, seed: 7 });
    expect(fingerprint(otherSeed)).not.toBe(fingerprint(demo));
  });

  it('covers about two years ending at endDay, in the volume of a small boutique', () => {
    const { orders, truth } = demo;
    expect(truth.firstDay).toBe(addDays(END_DAY, -729));
    expect(truth.lastDay).toBe(END_DAY);
    const days = orders.map(localDay);
    expect(days.every((day) => day >= truth.firstDay && day <= END_DAY)).toBe(true);
    expect(daysBetween(days[0] as string, days.at(-1) as string)).toBeGreaterThanOrEqual(727);
    expect(orders.length).toBeGreaterThanOrEqual(30_000);
    expect(orders.length).toBeLessThanOrEqual(45_000);
    expect(truth.tiktokOrders + truth.storeOrders).toBe(orders.length);
    expect(truth.tiktokOrders).toBe(orders.filter(isTikTok).length);
    expect(truth.products).toBe(300);
    expect(new Set(orders.flatMap((order) => order.lines.map((line) => line.productExternalId))).size).toBeGreaterThan(200);
  });

  it('makes only orders that the import accepts', () => {
    const problems = demo.orders.flatMap(importProblems);
    expect(problems.slice(0, 10)).toEqual([]);
    const idsByChannel = new Map<string, Set<string>>();
    for (const order of demo.orders) idsByChannel.set(order.channel, (idsByChannel.get(order.channel) ?? new Set()).add(order.externalId));
    expect([...idsByChannel.keys()].sort()).toEqual(['APP', 'FACEBOOK', 'INSTAGRAM', 'OTHER', 'TIKTOK', 'WEBSITE']);
    const distinctIds = [...idsByChannel.values()].reduce((sum, ids) => sum + ids.size, 0);
    expect(distinctIds, 'externalId unique per channel').toBe(demo.orders.length);
  });

  it('keeps products and customers consistent across orders', () => {
    const products = new Map<string, Set<string>>();
    const customers = new Map<string, Set<string>>();
    const remember = (map: Map<string, Set<string>>, key: string, value: string) => map.set(key, (map.get(key) ?? new Set()).add(value));
    for (const order of demo.orders) {
      for (const line of order.lines) remember(products, line.productExternalId, `${line.productName}|${line.sku}|${line.unitPriceCents}`);
      remember(customers, `${isTikTok(order) ? 'tiktok' : 'store'}:${order.customer.externalId}`, JSON.stringify(order.customer));
    }
    expect([...products.values()].every((descriptions) => descriptions.size === 1)).toBe(true);
    expect([...customers.values()].every((descriptions) => descriptions.size === 1)).toBe(true);
    const names = [...products.values()].map((descriptions) => [...descriptions][0]?.split('|')[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('looks like a boutique: 1–3 lines, mostly single items, tax near 8%, occasional discounts and credits', () => {
    const { orders } = demo;
    const lineCounts = orders.map((order) => order.lines.length);
    expect(Math.max(...lineCounts)).toBe(3);
    const quantities = orders.flatMap((order) => order.lines.map((line) => line.quantity));
    expect(quantities.filter((quantity) => quantity === 1).length / quantities.length).toBeGreaterThan(0.8);
    expect(Math.max(...quantities)).toBe(3);
    const prices = new Set(orders.flatMap((order) => order.lines.map((line) => line.unitPriceCents)));
    expect(Math.min(...prices)).toBeLessThan(1_500);
    expect(Math.max(...prices)).toBeGreaterThan(10_000);
    const taxed = orders.filter((order) => order.taxCents > 0);
    const taxRate = taxed.reduce((sum, order) => sum + order.taxCents, 0)
      / taxed.reduce((sum, order) => sum + netReceipts(order) - order.taxCents - order.shippingCents + order.creditCents, 0);
    expect(taxRate).toBeCloseTo(0.08, 2);
    const share = (predicate: (order: OrderData) => boolean) => orders.filter(predicate).length / orders.length;
    expect(share((order) => order.discountCents > 0)).toBeGreaterThan(0.03);
    expect(share((order) => order.discountCents > 0)).toBeLessThan(0.2);
    expect(share((order) => order.creditCents > 0)).toBeGreaterThan(0.005);
    expect(share((order) => order.shippingCents === 0)).toBeGreaterThan(0.1);
    expect(share((order) => order.shippingCents > 0)).toBeGreaterThan(0.3);
    const counted = orders.filter((order) => isTikTok(order) && isCounted(order.status));
    const tiktokAov = counted.reduce((sum, order) => sum + netReceipts(order), 0) / counted.length;
    expect(tiktokAov).toBeGreaterThan(3_000);
    expect(tiktokAov).toBeLessThan(6_000);
  });

  it("grows TikTok's share of net receipts from the first quarter to the last", () => {
    const { orders, truth } = demo;
    const shareBetween = (from: string, to: string) => {
      let tiktok = 0;
      let all = 0;
      for (const order of orders) {
        const day = localDay(order);
        if (day < from || day > to || !isCounted(order.status)) continue;
        all += netReceipts(order);
        if (isTikTok(order)) tiktok += netReceipts(order);
      }
      return tiktok / all;
    };
    const firstQuarter = shareBetween(truth.firstDay, addDays(truth.firstDay, 90));
    const lastQuarter = shareBetween(addDays(END_DAY, -90), END_DAY);
    expect(firstQuarter).toBeGreaterThan(0.08);
    expect(firstQuarter).toBeLessThan(0.3);
    expect(lastQuarter).toBeGreaterThan(0.45);
    expect(lastQuarter - firstQuarter).toBeGreaterThan(0.25);
  });

  it('has TikTok live-sale spikes on Tuesday, Thursday and Sunday evenings', () => {
    const perDay = { live: new Map<string, number>(), other: new Map<string, number>() };
    for (const order of demo.orders) {
      if (!isTikTok(order)) continue;
      const day = localDay(order);
      const kind = [0, 2, 4].includes(dayOfWeek(day)) ? 'live' : 'other';
      const inShow = localHour(order) >= 19 && localHour(order) < 21 ? 1 : 0;
      perDay[kind].set(day, (perDay[kind].get(day) ?? 0) + inShow);
    }
    const average = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0) / counts.size;
    expect(average(perDay.live) / average(perDay.other)).toBeGreaterThan(3);
  });

  it('has weekday and holiday swings, and some orders late in the evening (DST days included)', () => {
    const ordersOn = (day: string) => demo.orders.filter((order) => localDay(order) === day).length;
    const blackFriday = '2025-11-28';
    const ordinaryFridays = [-42, -35, -28, -21].map((n) => ordersOn(addDays(blackFriday, n)));
    expect(ordersOn(blackFriday)).toBeGreaterThan(2 * Math.max(...ordinaryFridays));
    expect(ordersOn('2025-12-25')).toBeLessThan(ordersOn('2025-12-18'));
    const lateOrders = demo.orders.filter((order) => order.placedAt.slice(11, 13) === '23');
    expect(lateOrders.length / demo.orders.length).toBeGreaterThan(0.02);
    // The offset after the change: daylight time from March, standard time from November.
    const dstDays = { '2024-11-03': '-06:00', '2025-03-09': '-05:00', '2025-11-02': '-06:00', '2026-03-08': '-05:00' };
    const lateOnDstDays = lateOrders.filter((order) => localDay(order) in dstDays);
    expect(new Set(lateOnDstDays.map(localDay)).size).toBeGreaterThanOrEqual(2);
    for (const order of lateOnDstDays) expect(order.placedAt.slice(19)).toBe(dstDays[localDay(order) as keyof typeof dstDays]);
  });

  it('has first-time and repeat buyers on both sides', () => {
    const ordersPerCustomer = (tiktok: boolean) => {
      const counts = new Map<string, number>();
      for (const order of demo.orders) {
        if (isTikTok(order) !== tiktok) continue;
        counts.set(order.customer.externalId, (counts.get(order.customer.externalId) ?? 0) + 1);
      }
      return [...counts.values()];
    };
    for (const counts of [ordersPerCustomer(true), ordersPerCustomer(false)]) {
      const oneTime = counts.filter((count) => count === 1).length / counts.length;
      expect(oneTime).toBeGreaterThan(0.3);
      expect(oneTime).toBeLessThan(0.75);
      expect(Math.max(...counts)).toBeGreaterThanOrEqual(10);
    }
    expect(demo.truth.tiktokCustomers).toBe(new Set(demo.orders.filter(isTikTok).map((order) => order.customer.externalId)).size);
  });

  it('has every status, in believable proportions for the age of the order', () => {
    const { orders } = demo;
    const count = (predicate: (order: OrderData) => boolean, among = orders) => among.filter(predicate).length / among.length;
    for (const status of ORDER_STATUSES) expect(orders.some((order) => order.status === status), status).toBe(true);
    expect(count((order) => order.status === 'UNPAID')).toBeGreaterThan(0.003);
    expect(count((order) => order.status === 'UNPAID')).toBeLessThan(0.02);
    expect(count((order) => order.status === 'CANCELLED')).toBeGreaterThan(0.01);
    expect(count((order) => order.status === 'CANCELLED')).toBeLessThan(0.06);
    expect(count((order) => order.status === 'REFUNDED')).toBeGreaterThan(0.008);
    expect(count((order) => order.status === 'REFUNDED')).toBeLessThan(0.025);
    const older = orders.filter((order) => localDay(order) < addDays(END_DAY, -30));
    expect(count((order) => order.status === 'DELIVERED', older)).toBeGreaterThan(0.9);
    const lastTwoDays = orders.filter((order) => localDay(order) >= addDays(END_DAY, -1));
    expect(count((order) => order.status === 'PAID' || order.status === 'SHIPPED', lastTwoDays)).toBeGreaterThan(0.8);
    expect(lastTwoDays.some((order) => order.status === 'DELIVERED')).toBe(false);
  });

  it('reports the truth that a brute-force reading of all orders by true place gives', () => {
    const { orders, truth, placeOf } = demo;
    expect(placeOf.size).toBe(orders.length);
    const customerPlace = new Map<string, number>();
    const firstTikTok = new Map<string, number>();
    const storeOrdersAt = new Map<number, OrderData[]>();
    for (const order of orders) {
      const place = placeOf.get(order) as number;
      const customerKey = `${isTikTok(order) ? 'tt' : 'store'}:${order.customer.externalId}`;
      expect(customerPlace.get(customerKey) ?? place).toBe(place);
      customerPlace.set(customerKey, place);
      if (!isCounted(order.status)) continue;
      if (isTikTok(order)) {
        const known = firstTikTok.get(order.customer.externalId);
        if (known === undefined || instant(order) < known) firstTikTok.set(order.customer.externalId, instant(order));
      } else {
        storeOrdersAt.set(place, [...(storeOrdersAt.get(place) ?? []), order]);
      }
    }
    const sourced = new Set<string>();
    const crossover = new Set<string>();
    const crossoverStoreOrders = new Set<OrderData>();
    const breakdown = { NONE: 0, ONE: 0, TWO: 0, THREE_OR_MORE: 0 };
    for (const [buyer, first] of firstTikTok) {
      const atPlace = storeOrdersAt.get(customerPlace.get(`tt:${buyer}`) as number) ?? [];
      if (!atPlace.every((order) => first < instant(order))) continue;
      sourced.add(buyer);
      const after = atPlace.filter((order) => instant(order) > first);
      breakdown[after.length === 0 ? 'NONE' : after.length === 1 ? 'ONE' : after.length === 2 ? 'TWO' : 'THREE_OR_MORE']++;
      if (after.length === 0) continue;
      crossover.add(buyer);
      for (const order of after) crossoverStoreOrders.add(order);
    }
    expect(truth.sourcedTikTokCustomerIds).toEqual(sourced);
    expect(truth.crossoverTikTokCustomerIds).toEqual(crossover);
    expect(truth.crossoverOrderBreakdown).toEqual(breakdown);
    expect(truth.crossoverRate).toBeCloseTo(crossover.size / sourced.size, 12);
    expect(truth.crossoverNonTikTokNetReceiptsCents).toBe([...crossoverStoreOrders].reduce((sum, order) => sum + netReceipts(order), 0));
    const counted = orders.filter((order) => isCounted(order.status));
    expect(truth.countedTikTokOrders).toBe(counted.filter(isTikTok).length);
    expect(truth.countedStoreOrders).toBe(counted.length - truth.countedTikTokOrders);
    expect(truth.countedTikTokCustomers).toBe(firstTikTok.size);
    expect(truth.tiktokNetReceiptsCents).toBe(counted.filter(isTikTok).reduce((sum, order) => sum + netReceipts(order), 0));
    expect(truth.storeNetReceiptsCents).toBe(counted.filter((order) => !isTikTok(order)).reduce((sum, order) => sum + netReceipts(order), 0));
  });

  it('crosses over 8–15% of the sourced TikTok buyers, not all of the TikTok buyers being sourced', () => {
    const { truth } = demo;
    expect(truth.crossoverRate).toBeGreaterThan(0.08);
    expect(truth.crossoverRate).toBeLessThan(0.15);
    expect(truth.sourcedTikTokCustomerIds.size).toBeLessThan(truth.countedTikTokCustomers);
    for (const id of truth.crossoverTikTokCustomerIds) expect(truth.sourcedTikTokCustomerIds.has(id)).toBe(true);
    const { ONE, TWO, THREE_OR_MORE, NONE } = truth.crossoverOrderBreakdown;
    expect(Math.min(ONE, TWO, THREE_OR_MORE)).toBeGreaterThan(0);
    expect(ONE + TWO + THREE_OR_MORE).toBe(truth.crossoverTikTokCustomerIds.size);
    expect(NONE + ONE + TWO + THREE_OR_MORE).toBe(truth.sourcedTikTokCustomerIds.size);
  });

  it('writes one place in several ways, and never gives two places the same address key', () => {
    const addressesByPlace = new Map<number, AddressData[]>();
    for (const order of demo.orders) {
      const place = demo.placeOf.get(order) as number;
      const known = addressesByPlace.get(place) ?? [];
      if (!known.includes(order.customer.address)) known.push(order.customer.address);
      addressesByPlace.set(place, known);
    }
    const placeOfKey = new Map<string, number>();
    let placesWrittenDifferently = 0;
    for (const [place, addresses] of addressesByPlace) {
      const keys = new Set(addresses.map(addressKey));
      expect(keys.size, JSON.stringify(addresses)).toBe(1);
      const key = [...keys][0] as string;
      expect(placeOfKey.get(key) ?? place, `${key} is two places`).toBe(place);
      placeOfKey.set(key, place);
      if (new Set(addresses.map(addressText)).size > 1) placesWrittenDifferently++;
    }
    expect(placesWrittenDifferently).toBeGreaterThan(100);
  });

  it('has crossover pairs whose addresses differ in text', () => {
    const { orders, truth, placeOf } = demo;
    const tiktokAddress = new Map<string, AddressData>();
    const storeAddressesAt = new Map<number, Set<AddressData>>();
    const crossoverPlaces = new Set<number>();
    for (const order of orders) {
      const place = placeOf.get(order) as number;
      if (isTikTok(order)) {
        tiktokAddress.set(order.customer.externalId, order.customer.address);
        if (truth.crossoverTikTokCustomerIds.has(order.customer.externalId)) crossoverPlaces.add(place);
      } else {
        storeAddressesAt.set(place, (storeAddressesAt.get(place) ?? new Set()).add(order.customer.address));
      }
    }
    let pairs = 0;
    let differentText = 0;
    for (const order of orders) {
      if (!isTikTok(order) || !truth.crossoverTikTokCustomerIds.has(order.customer.externalId)) continue;
      const mine = tiktokAddress.get(order.customer.externalId) as AddressData;
      for (const store of storeAddressesAt.get(placeOf.get(order) as number) ?? []) {
        pairs++;
        if (addressText(store) !== addressText(mine)) differentText++;
      }
    }
    expect(pairs).toBeGreaterThan(0);
    expect(differentText / pairs).toBeGreaterThan(0.6);

  });

  it('has look-alike places: another unit, the same street and number in another ZIP, another house number', () => {
    const kindsByKey = new Map<string, { parts: KeyParts; kinds: Set<string> }>();
    for (const order of demo.orders) {
      const key = addressKey(order.customer.address);
      const entry = kindsByKey.get(key) ?? { parts: keyParts(order.customer.address), kinds: new Set<string>() };
      entry.kinds.add(isTikTok(order) ? 'tiktok' : 'store');
      kindsByKey.set(key, entry);
    }
    /** Groups of distinct addresses that share everything but one part, and how many mix TikTok and store buyers. */
    const lookAlikes = (groupOf: (parts: KeyParts) => string | null) => {
      const groups = new Map<string, Set<string>[]>();
      for (const { parts, kinds } of kindsByKey.values()) {
        const group = groupOf(parts);
        if (group !== null) groups.set(group, [...(groups.get(group) ?? []), kinds]);
      }
      const shared = [...groups.values()].filter((members) => members.length > 1);
      const mixed = shared.filter((members) => new Set(members.flatMap((kinds) => [...kinds])).size === 2);
      return { groups: shared.length, mixed: mixed.length };
    };
    const otherUnit = lookAlikes(({ number, street, unit, zip }) => (unit ? `${number} ${street} ${zip}` : null));
    const otherZip = lookAlikes(({ number, street, unit }) => `${number} ${street} #${unit}`);
    const otherNumber = lookAlikes(({ street, unit, zip }) => `${street} #${unit} ${zip}`);
    for (const found of [otherUnit, otherZip, otherNumber]) {
      expect(found.groups).toBeGreaterThan(50);
      expect(found.mixed).toBeGreaterThan(50);
    }
  });
});

describe('generateDemoOrders', () => {
  it('streams chronological batches of one day and at most 5,000 orders, and hits the volume targets', () => {
    const generator = generateDemoOrders({ endDay: END_DAY, days: 3, tiktokOrders: 9_000, storeOrders: 6_000, seed: 3 });
    const batches: OrderData[][] = [];
    let step = generator.next();
    while (!step.done) {
      batches.push(step.value);
      step = generator.next();
    }
    const truth = step.value;
    expect(batches.some((batch) => batch.length === 5_000)).toBe(true);
    let previous = Number.NEGATIVE_INFINITY;
    for (const batch of batches) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(5_000);
      expect(new Set(batch.map(localDay)).size).toBe(1);
      for (const order of batch) {
        expect(instant(order)).toBeGreaterThanOrEqual(previous);
        previous = instant(order);
      }
    }
    expect(truth.tiktokOrders).toBeGreaterThan(9_000 * 0.93);
    expect(truth.tiktokOrders).toBeLessThan(9_000 * 1.07);
    expect(truth.storeOrders).toBeGreaterThan(6_000 * 0.93);
    expect(truth.storeOrders).toBeLessThan(6_000 * 1.07);
  });

  it('makes each batch only when asked for it', () => {
    let made = 0;
    const generator = generateDemoOrders({ endDay: END_DAY, onOrder: () => made++ });
    const first = generator.next();
    expect(first.done).toBe(false);
    expect(made).toBe((first.value as OrderData[]).length);
    expect(made).toBeLessThan(200);
  });

  it('follows scale, period length, catalog size and time zone', () => {
    const small = generateDemo({ endDay: '2025-12-31', days: 365, scale: 0.5, products: 40, timeZone: 'Europe/Berlin' });
    const total = small.truth.tiktokOrders + small.truth.storeOrders;
    expect(small.truth.storeOrders).toBeGreaterThan(20_000 * 0.25 * 0.93);
    expect(small.truth.storeOrders).toBeLessThan(20_000 * 0.25 * 1.07);
    expect(total).toBe(small.orders.length);
    expect(small.truth.firstDay).toBe('2025-01-01');
    expect(new Set(small.orders.flatMap((order) => order.lines.map((line) => line.productExternalId))).size).toBeLessThanOrEqual(40);
    for (const order of small.orders) expect(formatWithOffset(instant(order), 'Europe/Berlin')).toBe(order.placedAt);
  });

  it('places no order after notAfter', () => {
    const notAfter = new Date('2026-05-31T10:30:00-05:00');
    const { orders, truth } = generateDemo({ endDay: END_DAY, days: 14, notAfter });
    const full = generateDemo({ endDay: END_DAY, days: 14 });
    expect(orders.every((order) => instant(order) <= notAfter.getTime())).toBe(true);
    expect(orders.some((order) => localDay(order) === END_DAY)).toBe(true);
    expect(orders).toEqual(full.orders.filter((order) => instant(order) <= notAfter.getTime()));
    expect(truth.tiktokOrders + truth.storeOrders).toBe(orders.length);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateDemo({ endDay: '2026-02-30' })).toThrow();
    expect(() => generateDemo({ endDay: END_DAY, days: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ endDay: END_DAY, scale: -1 })).toThrow(RangeError);
    expect(() => generateDemo({ endDay: END_DAY, products: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ endDay: END_DAY, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => generateDemo({ endDay: END_DAY, notAfter: new Date('nonsense') })).toThrow(RangeError);
  });
});

describe('DayClock', () => {
  it('places local times of days with a DST change at the instants and offsets of the shared zone functions', () => {
    for (const day of ['2025-03-09', '2025-11-02', '2025-07-01']) {
      const clock = new DayClock(day, TIME_ZONE);
      for (const minute of [0, 30, 61, 90, 121, 150, 181, 210, 719, 1410, 1439]) {
        const secondOfDay = minute * 60 + 17;
        const expected = zonedInstant(day, minute, TIME_ZONE).getTime() + 17_000;
        expect(clock.instantMs(secondOfDay)).toBe(expected);
        expect(clock.isoWithOffset(secondOfDay)).toBe(formatWithOffset(expected, TIME_ZONE));
      }
    }
    expect(new DayClock('2025-03-09', TIME_ZONE).isoWithOffset(23 * 3600 + 30 * 60)).toBe('2025-03-09T23:30:00-05:00');
    expect(new DayClock('2025-11-02', TIME_ZONE).isoWithOffset(23 * 3600 + 30 * 60)).toBe('2025-11-02T23:30:00-06:00');
  });
});

describe('DEMO_SHOP', () => {
  it('describes a believable US boutique', () => {
    expect(DEMO_SHOP).toEqual({
      name: 'Maple & Thread Boutique',
      timezone: 'America/Chicago',
      currency: 'USD',
      weekStartsOn: 'MONDAY',
      aovTargetCents: 4000,
    });
  });
});
