const CACHE_LIMIT = 500;
const minorDigitsCache = new Map<string, number>();
const moneyFormatters = new Map<string, Intl.NumberFormat>();
let currencies: ReadonlySet<string> | undefined;

/** An ISO 4217 code, three uppercase letters, that this runtime's Intl lists. */
export function isValidCurrency(code: string): boolean {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** How many minor-unit digits the currency has (USD 2, JPY 0, KWD 3), as Intl knows it. */
export function currencyMinorDigits(currency: string): number {
  const known = minorDigitsCache.get(currency);
  if (known !== undefined) return known;
  if (!isValidCurrency(currency)) throw new RangeError(`Unknown currency ${JSON.stringify(currency)}`);
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  return remember(minorDigitsCache, currency, digits ?? 2);
}

function moneyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  const known = moneyFormatters.get(key);
  if (known) return known;
  const digits = currencyMinorDigits(currency);
  // The digits are pinned so that a locale can never show more or fewer than the amount holds.
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return remember(moneyFormatters, key, formatter);
}

/** The exact decimal of an amount in minor units, e.g. (-5, 2) → "-0.05". */
export function minorUnitsToDecimal(minorUnits: number, digits: number): string {
  if (!Number.isSafeInteger(minorUnits)) throw new RangeError(`Money must be a safe integer of minor units, got ${minorUnits}`);
  const sign = minorUnits < 0 ? '-' : '';
  const units = String(Math.abs(minorUnits));
  if (digits === 0) return `${sign}${units}`;
  const padded = units.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * An amount of the currency's minor units (cents for USD, yen for JPY, fils for KWD) formatted for
 * the locale. Exact for every safe integer: the formatter gets a decimal string, never a float.
 */
export function formatMoney(cents: number, currency: string, locale = 'en-US'): string {
  const formatter = moneyFormatter(currency, locale);
  const decimal = minorUnitsToDecimal(cents, currencyMinorDigits(currency));
  return formatter.format(decimal as `${number}`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? quotient - 1n : quotient;
}

/**
 * Net receipts ÷ orders in whole minor units, halves rounded up (toward +∞, so −1.5 → −1);
 * null when there are no orders.
 */
export function averageOrderValueCents(netReceiptsCents: number, orders: number): number | null {
  if (!Number.isSafeInteger(netReceiptsCents)) {
    throw new RangeError(`netReceiptsCents must be a safe integer, got ${netReceiptsCents}`);
  }
  if (!Number.isSafeInteger(orders) || orders < 0) {
    throw new RangeError(`orders must be a non-negative integer, got ${orders}`);
  }
  if (orders === 0) return null;
  // floor(net / orders + 1/2) = floor((2·net + orders) / (2·orders)), exact in BigInt.
  const total = BigInt(netReceiptsCents);
  const count = BigInt(orders);
  return Number(floorDiv(2n * total + count, 2n * count));
}

/** part ÷ total, or null when total is 0. */
export function share(part: number, total: number): number | null {
  return total === 0 ? null : part / total;
}

/** part ÷ total, or 0 when total is 0. */
export function ratio0(part: number, total: number): number {
  return total === 0 ? 0 : part / total;
}
