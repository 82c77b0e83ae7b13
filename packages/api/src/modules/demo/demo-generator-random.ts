/**
 * A small seeded pseudo-random generator (sfc32) for the demo data: fast, 32-bit integer arithmetic
 * only, and the same seed always yields the same sequence on every platform.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Mix in the high bits too, so that seeds beyond 2^32 still differ.
    this.c ^= Math.floor(seed / 0x1_0000_0000) >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An exponentially distributed value with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** An index drawn in proportion to `weights`. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** An index drawn from running totals (`cumulative[i]` = sum of weights 0..i) by binary search. */
  cumulativeIndex(cumulative: Float64Array | readonly number[], count = cumulative.length): number {
    const total = cumulative[count - 1] as number;
    const target = this.next() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** `length` lowercase hexadecimal digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = '';
    while (out.length < length) out += String(this.nextUint32() % 1_000_000_000).padStart(9, '0');
    return out.slice(0, length);
  }
}

/** A fixed weighted choice among labelled options, e.g. `[['APP', 45], ['WEBSITE', 45]]`. */
export class WeightedChoice<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(options: readonly (readonly [T, number])[]) {
    let total = 0;
    this.values = options.map(([value]) => value);
    this.cumulative = options.map(([, weight]) => (total += weight));
  }

  pick(random: SeededRandom): T {
    return this.values[random.cumulativeIndex(this.cumulative)] as T;
  }
}

/**
 * A bijection on 32-bit integers that scatters consecutive numbers, so that ids built from a
 * sequence number look random yet can never collide.
 */
export function scatter32(n: number): number {
  let x = n >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
