import type { SeededRandom } from './demo-generator-random.js';

/** One product of the demo boutique's catalog. */
export interface DemoProduct {
  productExternalId: string;
  productName: string;
  sku: string;
  unitPriceCents: number;
  /** How much shoppers like it, relative to the rest of the catalog. */
  popularity: number;
  /** Day index (0 = first generated day; negative = before) from which it sells. */
  launchDay: number;
  /** Day index after which it no longer sells (sold out / retired). */
  retireDay: number;
}

interface CategorySpec {
  code: string;
  items: readonly string[];
  minCents: number;
  maxCents: number;
  /** Share of the catalog in this category. */
  catalogShare: number;
  /** How often its products are bought compared with other categories. */
  demand: number;
}

// Price tiers of a small apparel boutique: cheap add-ons, mid-priced tops, dearer dresses and shoes,
// and a few statement pieces above $100.
const CATEGORIES: readonly CategorySpec[] = [
  { code: 'ACC', items: ['Scrunchie Set', 'Claw Clip', 'Headband', 'Beanie', 'Crew Socks', 'Sunglasses', 'Hair Bow', 'Bandana'], minCents: 800, maxCents: 1500, catalogShare: 0.17, demand: 1.7 },
  { code: 'JWL', items: ['Hoop Earrings', 'Huggie Earrings', 'Layered Necklace', 'Pendant Necklace', 'Bangle', 'Charm Bracelet', 'Stacking Ring', 'Anklet'], minCents: 1200, maxCents: 3800, catalogShare: 0.16, demand: 1.3 },
  { code: 'TOP', items: ['Tee', 'Tank', 'Blouse', 'Button-Down', 'Crop Top', 'Bodysuit', 'Sweater', 'Cardigan', 'Tunic'], minCents: 2000, maxCents: 4500, catalogShare: 0.24, demand: 1.25 },
  { code: 'BTM', items: ['Wide-Leg Jeans', 'Mom Jeans', 'Midi Skirt', 'Denim Shorts', 'Linen Pants', 'Joggers', 'Leggings'], minCents: 2800, maxCents: 5800, catalogShare: 0.12, demand: 0.55 },
  { code: 'DRS', items: ['Midi Dress', 'Maxi Dress', 'Mini Dress', 'Wrap Dress', 'Slip Dress', 'Sweater Dress', 'Shirt Dress'], minCents: 4500, maxCents: 9000, catalogShare: 0.13, demand: 0.3 },
  { code: 'SHO', items: ['Sandals', 'Sneakers', 'Ankle Boots', 'Mules', 'Ballet Flats', 'Loafers'], minCents: 4500, maxCents: 9000, catalogShare: 0.07, demand: 0.22 },
  { code: 'BAG', items: ['Crossbody Bag', 'Tote Bag', 'Mini Backpack', 'Clutch', 'Belt Bag'], minCents: 2500, maxCents: 7500, catalogShare: 0.06, demand: 0.28 },
  { code: 'OUT', items: ['Shacket', 'Denim Jacket', 'Puffer Vest', 'Trench Coat', 'Faux Leather Jacket', 'Wool Coat'], minCents: 6500, maxCents: 16500, catalogShare: 0.05, demand: 0.12 },
];

const STYLE_WORDS = [
  'Ruffled', 'Ribbed', 'Smocked', 'Tiered', 'Oversized', 'Cropped', 'Floral', 'Striped', 'Gingham', 'Satin',
  'Linen', 'Waffle-Knit', 'Puff-Sleeve', 'Square-Neck', 'Vintage', 'Relaxed', 'Classic', 'Everyday', 'Sunday',
  'Boho', 'Cozy', 'Dainty', 'Chunky', 'Textured', 'Embroidered', 'Quilted', 'Pleated', 'Washed', 'Eyelet', 'Velvet',
];

const COLOR_WORDS = [
  'Sage', 'Ivory', 'Black', 'Mocha', 'Blush', 'Cobalt', 'Rust', 'Olive', 'Cream', 'Lilac', 'Denim', 'Sand',
  'Terracotta', 'Mustard', 'Forest', 'Rose', 'Charcoal', 'Camel', 'Butter', 'Navy', 'Gold', 'Silver', 'Plum', 'Coral',
];

/** The catalog: `count` products with unique names and SKUs, spread over the price tiers. */
export function buildCatalog(random: SeededRandom, count: number, days: number): DemoProduct[] {
  const products: DemoProduct[] = [];
  const usedNames = new Set<string>();
  const shares = CATEGORIES.map((category) => category.catalogShare);
  for (let index = 0; index < count; index++) {
    const category = CATEGORIES[random.weightedIndex(shares)] as CategorySpec;
    const name = uniqueProductName(random, category, usedNames);
    const { launchDay, retireDay } = productLifetime(random, index, count, days);
    products.push({
      productExternalId: `mt-prod-${String(10_001 + index)}`,
      productName: name,
      sku: `MT-${category.code}-${String(index + 1).padStart(5, '0')}`,
      unitPriceCents: productPrice(random, category),
      // A long tail: a handful of best sellers, many slow movers.
      popularity: category.demand * Math.pow(1 - random.next(), -0.6),
      launchDay,
      retireDay,
    });
  }
  return products;
}

function uniqueProductName(random: SeededRandom, category: CategorySpec, usedNames: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const base = `${random.pick(STYLE_WORDS)} ${random.pick(COLOR_WORDS)} ${random.pick(category.items)}`;
    // After many clashes (very large catalogs) a style number keeps names unique.
    const name = attempt < 20 ? base : `${base} No. ${attempt}`;
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

/** A boutique price point within the tier: an even dollar amount, often less a cent ($24.00 or $23.99). */
function productPrice(random: SeededRandom, category: CategorySpec): number {
  const dollars = random.int(category.minCents / 100, category.maxCents / 100);
  const even = Math.max(category.minCents / 100, dollars - (dollars % 2));
  return random.chance(0.55) ? even * 100 - 1 : even * 100;
}

/**
 * A fifth of the catalog is core stock that sells all along; the rest arrives during the period
 * (new arrivals are what live sales feature) and sells out after a few months to a year.
 */
function productLifetime(random: SeededRandom, index: number, count: number, days: number): { launchDay: number; retireDay: number } {
  if (index < Math.max(5, Math.ceil(count * 0.2))) return { launchDay: -365, retireDay: days + 365 };
  const launchDay = Math.floor(random.between(-0.3, 0.97) * days);
  return { launchDay, retireDay: launchDay + random.int(90, 420) };
}

/** Picks products on one day, weighted by popularity, with a boost for recent arrivals. */
export class ProductPicker {
  private readonly active: DemoProduct[] = [];
  private cumulative = new Float64Array(0);
  private featured: DemoProduct[] = [];

  constructor(private readonly catalog: readonly DemoProduct[]) {}

  /** Prepares the products on sale that day and, on live-sale days, the few the live shows off. */
  startDay(dayIndex: number, random: SeededRandom, isLiveDay: boolean): void {
    this.active.length = 0;
    for (const product of this.catalog) {
      if (product.launchDay <= dayIndex && dayIndex <= product.retireDay) this.active.push(product);
    }
    if (this.active.length === 0) this.active.push(...this.catalog);
    if (this.cumulative.length < this.active.length) this.cumulative = new Float64Array(this.catalog.length);
    let total = 0;
    for (let i = 0; i < this.active.length; i++) {
      total += this.weightOn(this.active[i] as DemoProduct, dayIndex);
      this.cumulative[i] = total;
    }
    this.featured = isLiveDay ? this.pickFeatured(random) : [];
  }

  pick(random: SeededRandom, fromLiveShow: boolean): DemoProduct {
    if (fromLiveShow && this.featured.length > 0 && random.chance(0.75)) return random.pick(this.featured);
    return this.active[random.cumulativeIndex(this.cumulative, this.active.length)] as DemoProduct;
  }

  private weightOn(product: DemoProduct, dayIndex: number): number {
    const daysOnSale = dayIndex - product.launchDay;
    return daysOnSale < 21 ? product.popularity * 2.5 : product.popularity;
  }

  private pickFeatured(random: SeededRandom): DemoProduct[] {
    const count = Math.min(this.active.length, random.int(6, 10));
    const featured = new Set<DemoProduct>();
    for (let attempt = 0; featured.size < count && attempt < count * 10; attempt++) {
      featured.add(this.active[random.cumulativeIndex(this.cumulative, this.active.length)] as DemoProduct);
    }
    return [...featured];
  }
}
