import type { AddressData, CustomerData, SalesChannel } from '../orders/order-input.js';
import { type Place, type PlaceRegistry, renderAddress, renderDifferently, sampleAddressStyle } from './demo-generator-addresses.js';
import type { NamePool } from './demo-generator-names.js';
import { type SeededRandom, WeightedChoice, scatter32 } from './demo-generator-random.js';

/** A buyer and what the generator remembers about them: all the state that grows with the run. */
export interface DemoCustomer {
  /** Sent with every order of this customer (shared, never changed). */
  data: CustomerData;
  place: Place;
  /** Chance of ordering again after each order. */
  againProbability: number;
  meanDaysBetweenOrders: number;
  /** The channel a store customer mostly uses; TIKTOK for TikTok buyers. */
  preferredChannel: SalesChannel;
  /** TikTok buyers: instant (ms) of their first counted TikTok order; +Infinity before it. */
  firstCountedTikTokOrderAt: number;
}

interface Person {
  firstName: string;
  lastName: string;
}

interface LoyaltySegment {
  againProbability: number;
  meanDaysBetweenOrders: number;
}

// One-off buyers, regulars, and fans (for TikTok, the viewers who buy at most lives).
const TIKTOK_SEGMENTS = new WeightedChoice<LoyaltySegment>([
  [{ againProbability: 0.25, meanDaysBetweenOrders: 45 }, 40],
  [{ againProbability: 0.7, meanDaysBetweenOrders: 25 }, 35],
  [{ againProbability: 0.93, meanDaysBetweenOrders: 10 }, 25],
]);
const STORE_SEGMENTS = new WeightedChoice<LoyaltySegment>([
  [{ againProbability: 0.2, meanDaysBetweenOrders: 60 }, 50],
  [{ againProbability: 0.58, meanDaysBetweenOrders: 40 }, 34],
  [{ againProbability: 0.86, meanDaysBetweenOrders: 24 }, 16],
]);

const STORE_CHANNELS = new WeightedChoice<SalesChannel>([
  ['APP', 44], ['WEBSITE', 44], ['INSTAGRAM', 5], ['FACEBOOK', 4], ['OTHER', 3],
]);

/**
 * How a new TikTok buyer's place relates to earlier customers: the household of an earlier store
 * customer (so not TikTok-sourced), a second TikTok account of a TikTok household, or a look-alike
 * of a store customer's address that is another place. The rest are new households, of which the
 * crossover plan's share later shop in the store too.
 */
const TIKTOK_HOUSEHOLD_MIX = { storeHousehold: 0.05, secondTikTokAccount: 0.02, storeLookAlike: 0.04 };
const STORE_LOOK_ALIKE_OF_TIKTOK = 0.04;

export interface CrossoverPlan {
  /** Share of new TikTok households that later place a store order from the same place. */
  probability: number;
  meanDelayDays: number;
}

/** Creates buyers and decides who comes back when; the only state that grows with the run. */
export class CustomerBook {
  readonly tiktokCustomers: DemoCustomer[] = [];
  readonly storeCustomers: DemoCustomer[] = [];
  private readonly tiktokReturns: ReturnSchedule;
  private readonly storeReturns: ReturnSchedule;
  /** TikTok buyers who will shop in the store, by the day index they first do. */
  private readonly plannedCrossovers: (DemoCustomer[] | undefined)[];
  private readonly crossoversDue: DemoCustomer[] = [];
  private crossoversDueHead = 0;

  constructor(
    private readonly names: NamePool,
    private readonly random: SeededRandom,
    private readonly places: PlaceRegistry,
    private readonly days: number,
    private readonly crossover: CrossoverPlan,
  ) {
    this.tiktokReturns = new ReturnSchedule(days);
    this.storeReturns = new ReturnSchedule(days);
    this.plannedCrossovers = new Array<DemoCustomer[] | undefined>(days);
  }

  /** The buyers of one day's orders of one kind: returning customers due that day first, then new ones. */
  buyersOfDay(kind: 'TIKTOK' | 'STORE', dayIndex: number, orders: number): DemoCustomer[] {
    if (kind === 'STORE') this.releaseCrossovers(dayIndex);
    const schedule = kind === 'TIKTOK' ? this.tiktokReturns : this.storeReturns;
    // Some room is always left for new buyers, as a shop always gains some.
    const maxReturning = Math.floor(orders * 0.9 + this.random.next());
    const buyers = schedule.takeDue(dayIndex, Math.min(orders, maxReturning));
    while (buyers.length < orders) {
      buyers.push(kind === 'TIKTOK' ? this.newTikTokCustomer(dayIndex) : this.newStoreCustomer());
    }
    return buyers;
  }

  /** After an order: maybe the customer comes back some days later. */
  scheduleReturn(customer: DemoCustomer, dayIndex: number): void {
    if (!this.random.chance(customer.againProbability)) return;
    const gap = Math.max(1, Math.round(this.random.exponential(customer.meanDaysBetweenOrders)));
    const schedule = customer.preferredChannel === 'TIKTOK' ? this.tiktokReturns : this.storeReturns;
    schedule.add(customer, dayIndex + gap);
  }

  private newTikTokCustomer(dayIndex: number): DemoCustomer {
    const roll = this.random.next();
    let customer: DemoCustomer;
    const mix = TIKTOK_HOUSEHOLD_MIX;
    const storeCustomer = this.storeCustomers.length > 0 ? this.random.pick(this.storeCustomers) : null;
    if (storeCustomer && roll < mix.storeHousehold) {
      customer = this.tiktokBuyerAt(storeCustomer.place, this.samePersonOrHousehold(storeCustomer, 0.7), storeCustomer.data.address);
    } else if (this.tiktokCustomers.length > 0 && roll < mix.storeHousehold + mix.secondTikTokAccount) {
      const sibling = this.random.pick(this.tiktokCustomers);
      customer = this.tiktokBuyerAt(sibling.place, this.samePersonOrHousehold(sibling, 0), sibling.data.address);
    } else if (storeCustomer && roll < mix.storeHousehold + mix.secondTikTokAccount + mix.storeLookAlike) {
      customer = this.tiktokBuyerAt(this.places.lookAlike(storeCustomer.place), this.newPerson(), null);
    } else {
      customer = this.tiktokBuyerAt(this.places.fresh(), this.newPerson(), null);
      this.maybePlanCrossover(customer, dayIndex);
    }
    this.tiktokCustomers.push(customer);
    return customer;
  }

  private newStoreCustomer(): DemoCustomer {
    let customer: DemoCustomer;
    const crossing = this.nextDueCrossover();
    if (crossing) {
      customer = this.storeCustomerAt(crossing.place, this.samePersonOrHousehold(crossing, 0.75), crossing.data.address);
    } else if (this.tiktokCustomers.length > 0 && this.random.chance(STORE_LOOK_ALIKE_OF_TIKTOK)) {
      customer = this.storeCustomerAt(this.places.lookAlike(this.random.pick(this.tiktokCustomers).place), this.newPerson(), null);
    } else {
      customer = this.storeCustomerAt(this.places.fresh(), this.newPerson(), null);
    }
    this.storeCustomers.push(customer);
    return customer;
  }

  private tiktokBuyerAt(place: Place, person: Person, otherAddress: AddressData | null): DemoCustomer {
    const { againProbability, meanDaysBetweenOrders } = TIKTOK_SEGMENTS.pick(this.random);
    return {
      data: {
        externalId: `tt_${this.random.hex(8)}${hex8(scatter32(this.tiktokCustomers.length))}`,
        name: `${person.firstName} ${person.lastName}`,
        address: this.addressAt(place, otherAddress),
      },
      place,
      againProbability,
      meanDaysBetweenOrders,
      preferredChannel: 'TIKTOK',
      firstCountedTikTokOrderAt: Number.POSITIVE_INFINITY,
    };
  }

  private storeCustomerAt(place: Place, person: Person, otherAddress: AddressData | null): DemoCustomer {
    const { againProbability, meanDaysBetweenOrders } = STORE_SEGMENTS.pick(this.random);
    return {
      data: {
        externalId: `cus_${hex8(scatter32(this.storeCustomers.length ^ 0x2545f491))}${this.random.hex(6)}`,
        name: `${person.firstName} ${person.lastName}`,
        email: this.emailOf(person),
        address: this.addressAt(place, otherAddress),
      },
      place,
      againProbability,
      meanDaysBetweenOrders,
      preferredChannel: STORE_CHANNELS.pick(this.random),
      firstCountedTikTokOrderAt: Number.POSITIVE_INFINITY,
    };
  }

  private emailOf(person: Person): string {
    const first = emailPart(person.firstName);
    const last = emailPart(person.lastName);
    const local = EMAIL_LOCAL_PARTS.pick(this.random)(first, last, this.random);
    return `${local}@${EMAIL_DOMAINS.pick(this.random)}`;
  }

  /** Members of one household type the shared address their own way most of the time. */
  private addressAt(place: Place, otherAddress: AddressData | null): AddressData {
    if (otherAddress && this.random.chance(0.85)) return renderDifferently(this.random, place, otherAddress);
    if (otherAddress) return otherAddress;
    return renderAddress(place, sampleAddressStyle(this.random));
  }

  private newPerson(): Person {
    return {
      firstName: this.names.firstName(this.random),
      lastName: this.names.lastName(this.random),
    };
  }

  /** The same person again (with `sameProbability`) or someone else of the household. */
  private samePersonOrHousehold(customer: DemoCustomer, sameProbability: number): Person {
    const [firstName = '', ...rest] = customer.data.name.split(' ');
    const lastName = rest.join(' ');
    if (this.random.chance(sameProbability)) return { firstName, lastName };
    return { firstName: this.names.firstName(this.random), lastName };
  }

  private maybePlanCrossover(customer: DemoCustomer, dayIndex: number): void {
    if (!this.random.chance(this.crossover.probability)) return;
    const dueDay = dayIndex + 1 + Math.floor(this.random.exponential(this.crossover.meanDelayDays));
    if (dueDay >= this.days) return;
    (this.plannedCrossovers[dueDay] ??= []).push(customer);
  }

  private releaseCrossovers(dayIndex: number): void {
    const due = this.plannedCrossovers[dayIndex];
    if (!due) return;
    this.crossoversDue.push(...due);
    this.plannedCrossovers[dayIndex] = undefined;
  }

  private nextDueCrossover(): DemoCustomer | undefined {
    if (this.crossoversDueHead >= this.crossoversDue.length) return undefined;
    const next = this.crossoversDue[this.crossoversDueHead++];
    if (this.crossoversDueHead > 4096 && this.crossoversDueHead * 2 > this.crossoversDue.length) {
      this.crossoversDue.splice(0, this.crossoversDueHead);
      this.crossoversDueHead = 0;
    }
    return next;
  }
}

/** Returning customers by the day they come back; those not served within a week give up. */
class ReturnSchedule {
  private readonly byDay: (DemoCustomer[] | undefined)[];
  private waiting: DemoCustomer[] = [];
  private waitingSince: number[] = [];

  constructor(private readonly days: number) {
    this.byDay = new Array<DemoCustomer[] | undefined>(days);
  }

  add(customer: DemoCustomer, dayIndex: number): void {
    if (dayIndex >= this.days) return;
    (this.byDay[dayIndex] ??= []).push(customer);
  }

  takeDue(dayIndex: number, max: number): DemoCustomer[] {
    const arriving = this.byDay[dayIndex] ?? [];
    this.byDay[dayIndex] = undefined;
    for (const customer of arriving) {
      this.waiting.push(customer);
      this.waitingSince.push(dayIndex);
    }
    const taken = this.waiting.slice(0, max);
    const keep: DemoCustomer[] = [];
    const keepSince: number[] = [];
    for (let i = max; i < this.waiting.length; i++) {
      const since = this.waitingSince[i] as number;
      if (dayIndex - since < 7) {
        keep.push(this.waiting[i] as DemoCustomer);
        keepSince.push(since);
      }
    }
    this.waiting = keep;
    this.waitingSince = keepSince;
    return taken;
  }
}

type LocalPart = (first: string, last: string, random: SeededRandom) => string;
const EMAIL_LOCAL_PARTS = new WeightedChoice<LocalPart>([
  [(first, last) => `${first}.${last}`, 40],
  [(first, last) => `${first}${last}`, 20],
  [(first, last) => `${first.charAt(0)}${last}`, 15],
  [(first, last, random) => `${first}${last}${random.int(1, 99)}`, 15],
  [(first, last, random) => `${first}_${last}${random.int(70, 99)}`, 10],
]);
const EMAIL_DOMAINS = new WeightedChoice([
  ['gmail.com', 55], ['yahoo.com', 14], ['icloud.com', 14], ['hotmail.com', 8], ['outlook.com', 6], ['aol.com', 3],
]);

function emailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
