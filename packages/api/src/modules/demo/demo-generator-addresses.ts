import type { Faker } from '@faker-js/faker';
import type { AddressData } from '../orders/order-input.js';
import type { NamePool } from './demo-generator-names.js';
import { type SeededRandom, WeightedChoice } from './demo-generator-random.js';

/**
 * A physical place where customers live. Its id is the demo's ground truth for "same address";
 * every customer renders the place in a writing style of their own, so the same place can reach the
 * API written in several ways. Distinct places never share an address key (spec section 4).
 */
export interface Place {
  id: number;
  houseNumber: string;
  directional: Directional | null;
  streetName: string;
  suffix: StreetSuffix;
  unit: PlaceUnit | null;
  city: string;
  region: string;
  zip5: string;
  zip4: string;
  // What the truth needs about the counted store orders at this place, kept instead of the orders.
  firstCountedStoreOrderAt: number;
  countedStoreOrders: number;
  countedStoreNetReceiptsCents: number;
}

export interface PlaceUnit {
  kind: 'APARTMENT' | 'SUITE';
  number: string;
}

type Directional = 'N' | 'S' | 'E' | 'W';
const DIRECTIONAL_WORDS: Record<Directional, string> = { N: 'North', S: 'South', E: 'East', W: 'West' };

// USPS Publication 28 suffixes: the full word and its standard abbreviation.
const STREET_SUFFIXES = {
  ST: 'Street', AVE: 'Avenue', RD: 'Road', DR: 'Drive', LN: 'Lane', BLVD: 'Boulevard', CT: 'Court',
  PL: 'Place', TER: 'Terrace', CIR: 'Circle', PKWY: 'Parkway', TRL: 'Trail',
} as const;
type StreetSuffix = keyof typeof STREET_SUFFIXES;
const SUFFIX_CHOICE = new WeightedChoice<StreetSuffix>([
  ['ST', 30], ['AVE', 22], ['RD', 10], ['DR', 12], ['LN', 6], ['BLVD', 4], ['CT', 6], ['PL', 3], ['TER', 2],
  ['CIR', 2], ['PKWY', 2], ['TRL', 1],
]);

const HOUSE_NUMBER_DIGITS = new WeightedChoice([[1, 2], [2, 10], [3, 40], [4, 38], [5, 10]]);

const TREE_STREET_NAMES = ['Oak', 'Maple', 'Cedar', 'Elm', 'Willow', 'Birch', 'Walnut', 'Chestnut', 'Hickory', 'Magnolia', 'Sycamore', 'Aspen', 'Juniper', 'Linden', 'Poplar'];

// Street names that are themselves suffix or directional words would make the written forms ambiguous.
const RESERVED_STREET_WORDS = new Set([
  ...Object.keys(STREET_SUFFIXES), ...Object.values(STREET_SUFFIXES).map((word) => word.toUpperCase()),
  ...Object.keys(DIRECTIONAL_WORDS), ...Object.values(DIRECTIONAL_WORDS).map((word) => word.toUpperCase()),
  'APT', 'APARTMENT', 'UNIT', 'SUITE', 'STE', 'WAY',
]);

const STATES_WITHOUT_SALES_TAX = new Set(['AK', 'DE', 'MT', 'NH', 'OR']);

export function hasNoSalesTax(place: Place): boolean {
  return STATES_WITHOUT_SALES_TAX.has(place.region);
}

interface Town {
  city: string;
  region: string;
  zips: string[];
}

/** Creates places: fresh households and deliberate look-alikes (hard negatives) of existing ones. */
export class PlaceRegistry {
  // Hashes of the address keys in use. A hash clash only costs a retry, never a shared key.
  private readonly keyHashes = new Set<number>();
  private readonly towns: Town[];
  private nextId = 1;

  constructor(
    private readonly faker: Faker,
    private readonly names: NamePool,
    private readonly random: SeededRandom,
    townCount: number,
    homeRegion: string,
  ) {
    this.towns = Array.from({ length: townCount }, () => this.makeTown(homeRegion));
  }

  get count(): number {
    return this.nextId - 1;
  }

  /** A new household somewhere in the country (a good share near the boutique). */
  fresh(): Place {
    const town = this.random.pick(this.towns);
    const zip5 = this.random.pick(town.zips);
    const street = this.streetOf();
    const unit = this.unitFor();
    for (;;) {
      const place = this.register({
        houseNumber: this.houseNumber(),
        directional: street.directional,
        streetName: street.streetName,
        suffix: street.suffix,
        unit,
        city: town.city,
        region: town.region,
        zip5,
        zip4: this.random.digits(4),
      });
      if (place) return place;
    }
  }

  /**
   * A different place that a careless matcher would confuse with `near`: another unit in the same
   * building, the same street and number in another ZIP, or another house number on the same street.
   */
  lookAlike(near: Place): Place {
    for (;;) {
      const variant = (near.unit ? LOOK_ALIKE_WITH_UNIT : LOOK_ALIKE_WITHOUT_UNIT).pick(this.random);
      const place = this.register({ ...placeParts(near), ...this.lookAlikeChange(near, variant), zip4: this.random.digits(4) });
      if (place) return place;
    }
  }

  private lookAlikeChange(near: Place, variant: LookAlikeVariant): Partial<PlaceParts> {
    switch (variant) {
      case 'otherUnit':
        return { unit: { kind: near.unit?.kind ?? 'APARTMENT', number: this.unitNumber(near.unit?.kind ?? 'APARTMENT') } };
      case 'otherZip':
        return { zip5: shiftedZip(near.zip5, this.random.int(1, 40) * (this.random.chance(0.5) ? 1 : -1)) };
      case 'otherNumber': {
        const step = 2 * this.random.int(1, 12) * (this.random.chance(0.5) ? 1 : -1);
        return { houseNumber: String(Math.max(1, Number(near.houseNumber) + step)) };
      }
    }
  }

  /** Registers the place unless its address key is taken (then null, and the caller tries again). */
  private register(parts: PlaceParts): Place | null {
    const keyHash = hash53(placeKey(parts));
    if (this.keyHashes.has(keyHash)) return null;
    this.keyHashes.add(keyHash);
    return {
      id: this.nextId++,
      houseNumber: parts.houseNumber,
      directional: parts.directional,
      streetName: parts.streetName,
      suffix: parts.suffix,
      unit: parts.unit,
      city: parts.city,
      region: parts.region,
      zip5: parts.zip5,
      zip4: parts.zip4,
      firstCountedStoreOrderAt: Number.POSITIVE_INFINITY,
      countedStoreOrders: 0,
      countedStoreNetReceiptsCents: 0,
    };
  }

  private makeTown(homeRegion: string): Town {
    const region = this.random.chance(0.3) ? homeRegion : this.faker.location.state({ abbreviated: true });
    const zipCount = this.random.int(1, 3);
    const zips = Array.from({ length: zipCount }, () => this.faker.location.zipCode({ state: region }).slice(0, 5));
    return { city: this.faker.location.city(), region, zips };
  }

  private streetOf(): Pick<PlaceParts, 'directional' | 'streetName' | 'suffix'> {
    return {
      directional: this.random.chance(0.25) ? this.random.pick(['N', 'S', 'E', 'W'] as const) : null,
      streetName: this.streetName(),
      suffix: SUFFIX_CHOICE.pick(this.random),
    };
  }

  private streetName(): string {
    const roll = this.random.next();
    if (roll < 0.15) return ordinal(this.random.int(1, 120));
    if (roll < 0.35) return this.random.pick(TREE_STREET_NAMES);
    for (;;) {
      const name = this.names.lastName(this.random);
      if (!RESERVED_STREET_WORDS.has(name.toUpperCase())) return name;
    }
  }

  /** Mostly three or four digits, as US house numbers are. */
  private houseNumber(): string {
    const digits = HOUSE_NUMBER_DIGITS.pick(this.random);
    return String(this.random.int(10 ** (digits - 1), 10 ** digits - 1));
  }

  private unitFor(): PlaceUnit | null {
    const roll = this.random.next();
    if (roll < 0.3) return { kind: 'APARTMENT', number: this.unitNumber('APARTMENT') };
    if (roll < 0.33) return { kind: 'SUITE', number: this.unitNumber('SUITE') };
    return null;
  }

  private unitNumber(kind: PlaceUnit['kind']): string {
    if (kind === 'SUITE') return String(this.random.int(1, 9) * 100 + this.random.pick([0, 0, 10, 20, 50]));
    const roll = this.random.next();
    if (roll < 0.45) return String(this.random.int(1, 40));
    if (roll < 0.75) return `${this.random.int(1, 6)}${this.random.pick(['A', 'B', 'C', 'D', 'F', 'R'])}`;
    return String(this.random.int(1, 12) * 100 + this.random.int(1, 24));
  }
}

type LookAlikeVariant = 'otherUnit' | 'otherZip' | 'otherNumber';
const LOOK_ALIKE_WITH_UNIT = new WeightedChoice<LookAlikeVariant>([['otherUnit', 45], ['otherZip', 25], ['otherNumber', 30]]);
const LOOK_ALIKE_WITHOUT_UNIT = new WeightedChoice<LookAlikeVariant>([['otherZip', 40], ['otherNumber', 60]]);

type PlaceParts = Omit<Place, 'id' | 'firstCountedStoreOrderAt' | 'countedStoreOrders' | 'countedStoreNetReceiptsCents'>;

function placeParts(place: Place): PlaceParts {
  const { houseNumber, directional, streetName, suffix, unit, city, region, zip5, zip4 } = place;
  return { houseNumber, directional, streetName, suffix, unit, city, region, zip5, zip4 };
}

/**
 * The place's address key in its canonical spelling: what any correct normalizer of spec section 4
 * reduces every rendering of it to (unit designators fold to one form, so the unit's kind is left out).
 */
function placeKey(parts: PlaceParts): string {
  const street = parts.streetName.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const unit = parts.unit ? parts.unit.number.toUpperCase() : '';
  return `${parts.houseNumber}|${parts.directional ?? ''}|${street}|${parts.suffix}|${unit}|${parts.zip5}`;
}

/** A 53-bit string hash (cyrb53). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function shiftedZip(zip5: string, delta: number): string {
  const shifted = Number(zip5) + delta;
  const inRange = shifted >= 501 && shifted <= 99_950 ? shifted : Number(zip5) - delta;
  return String(inRange).padStart(5, '0');
}

function ordinal(n: number): string {
  const lastTwo = n % 100;
  const ending = lastTwo >= 11 && lastTwo <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${ending}`;
}

/** How one customer writes their address: each choice is a spelling that the address key folds away. */
export interface AddressStyle {
  letterCase: 'title' | 'upper' | 'lower';
  suffix: 'word' | 'abbreviation' | 'abbreviationWithDot';
  directional: 'word' | 'abbreviation' | 'abbreviationWithDot';
  unitDesignator: 'standard' | 'standardWithDot' | 'word' | 'hash' | 'hashSpaced' | 'unit';
  unitOnLine2: boolean;
  commaBeforeUnit: boolean;
  zipPlus4: boolean;
}

const LETTER_CASES = new WeightedChoice<AddressStyle['letterCase']>([['title', 84], ['upper', 9], ['lower', 7]]);
const SUFFIX_FORMS = new WeightedChoice<AddressStyle['suffix']>([['abbreviation', 55], ['word', 32], ['abbreviationWithDot', 13]]);
const DIRECTIONAL_FORMS = new WeightedChoice<AddressStyle['directional']>([['abbreviation', 50], ['word', 35], ['abbreviationWithDot', 15]]);
const UNIT_DESIGNATORS = new WeightedChoice<AddressStyle['unitDesignator']>([
  ['standard', 45], ['hash', 20], ['word', 12], ['unit', 10], ['standardWithDot', 8], ['hashSpaced', 5],
]);

export function sampleAddressStyle(random: SeededRandom): AddressStyle {
  return {
    letterCase: LETTER_CASES.pick(random),
    suffix: SUFFIX_FORMS.pick(random),
    directional: DIRECTIONAL_FORMS.pick(random),
    unitDesignator: UNIT_DESIGNATORS.pick(random),
    unitOnLine2: random.chance(0.5),
    commaBeforeUnit: random.chance(0.3),
    zipPlus4: random.chance(0.15),
  };
}

/** The place as the customer types it. */
export function renderAddress(place: Place, style: AddressStyle): AddressData {
  const street = [
    place.houseNumber,
    place.directional ? directionalText(place.directional, style) : null,
    place.streetName,
    suffixText(place.suffix, style),
  ].filter((part): part is string => part !== null).join(' ');
  const unit = place.unit ? unitText(place.unit, style) : null;
  const onLine1 = unit !== null && !style.unitOnLine2;
  const line1 = onLine1 ? `${street}${style.commaBeforeUnit ? ',' : ''} ${unit}` : street;
  return {
    line1: applyCase(line1, style),
    line2: unit !== null && !onLine1 ? applyCase(unit, style) : null,
    city: applyCase(place.city, style),
    region: place.region,
    postalCode: style.zipPlus4 ? `${place.zip5}-${place.zip4}` : place.zip5,
    country: 'US',
  };
}

/**
 * A rendering of `place` in another customer's style that differs in text from `other`, as when
 * the same household types its address into TikTok and into the store's checkout.
 */
export function renderDifferently(random: SeededRandom, place: Place, other: AddressData): AddressData {
  for (let attempt = 0; attempt < 12; attempt++) {
    const address = renderAddress(place, sampleAddressStyle(random));
    if (!sameText(address, other)) return address;
  }
  const address = renderAddress(place, sampleAddressStyle(random));
  return { ...address, postalCode: other.postalCode.length === 5 ? `${place.zip5}-${place.zip4}` : place.zip5 };
}

function sameText(a: AddressData, b: AddressData): boolean {
  return a.line1 === b.line1 && (a.line2 ?? null) === (b.line2 ?? null) && a.postalCode === b.postalCode;
}

function directionalText(directional: Directional, style: AddressStyle): string {
  if (style.directional === 'word') return DIRECTIONAL_WORDS[directional];
  return style.directional === 'abbreviationWithDot' ? `${directional}.` : directional;
}

function suffixText(suffix: StreetSuffix, style: AddressStyle): string {
  if (style.suffix === 'word') return STREET_SUFFIXES[suffix];
  const abbreviation = suffix.charAt(0) + suffix.slice(1).toLowerCase();
  return style.suffix === 'abbreviationWithDot' ? `${abbreviation}.` : abbreviation;
}

function unitText(unit: PlaceUnit, style: AddressStyle): string {
  const suite = unit.kind === 'SUITE';
  switch (style.unitDesignator) {
    case 'standard': return `${suite ? 'Ste' : 'Apt'} ${unit.number}`;
    case 'standardWithDot': return `${suite ? 'Ste.' : 'Apt.'} ${unit.number}`;
    case 'word': return `${suite ? 'Suite' : 'Apartment'} ${unit.number}`;
    case 'hash': return `#${unit.number}`;
    case 'hashSpaced': return `# ${unit.number}`;
    case 'unit': return `${suite ? 'Suite' : 'Unit'} ${unit.number}`;
  }
}

function applyCase(text: string, style: AddressStyle): string {
  if (style.letterCase === 'upper') return text.toUpperCase();
  if (style.letterCase === 'lower') return text.toLowerCase();
  return text;
}
