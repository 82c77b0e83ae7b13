import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageOrderValueCents,
  currencyMinorDigits,
  formatMoney,
  isValidCurrency,
  minorUnitsToDecimal,
  ratio0,
  share,
} from './money';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1 = 9007199254740991

describe('formatMoney', () => {
  it('formats dollars and cents', () => {
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-0, 'USD')).toBe('$0.00');
    expect(formatMoney(1, 'USD')).toBe('$0.01');
    expect(formatMoney(4000, 'USD')).toBe('$40.00');
    expect(formatMoney(1005, 'USD')).toBe('$10.05');
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
  });

  it('formats negative amounts', () => {
    expect(formatMoney(-1, 'USD')).toBe('-$0.01');
    expect(formatMoney(-123_456, 'USD')).toBe('-$1,234.56');
  });

  it('is exact at 2^53 − 1 cents, where dividing by 100 as a float would print .90', () => {
    expect(formatMoney(MAX, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(-MAX, 'USD')).toBe('-$90,071,992,547,409.91');
  });

  it('uses no minor digits for JPY and three for KWD', () => {
    expect(formatMoney(0, 'JPY')).toBe('¥0');
    expect(formatMoney(1234, 'JPY')).toBe('¥1,234');
    expect(formatMoney(-5, 'JPY')).toBe('-¥5');
    expect(formatMoney(MAX, 'JPY')).toBe('¥9,007,199,254,740,991');
    expect(formatMoney(1_234_567, 'KWD')).toBe('KWD\u00a01,234.567');
    expect(formatMoney(5, 'KWD')).toBe('KWD\u00a00.005');
    expect(formatMoney(-1_000, 'KWD')).toBe('-KWD\u00a01.000');
  });

  it('follows the locale', () => {
    expect(formatMoney(-123_456, 'EUR', 'de-DE')).toBe('-1.234,56\u00a0€');
    expect(formatMoney(123_456, 'JPY', 'ja-JP')).toBe('￥123,456');
  });

  it('rejects amounts that are not safe integers and unknown currencies', () => {
    expect(() => formatMoney(1.5, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(MAX + 1, 'USD')).toThrow(RangeError);
    expect(() => formatMoney(100, 'usd')).toThrow(RangeError);
    expect(() => formatMoney(100, 'XYZ')).toThrow(RangeError);
  });
});

describe('minorUnitsToDecimal', () => {
  it('places the decimal point exactly', () => {
    expect(minorUnitsToDecimal(0, 2)).toBe('0.00');
    expect(minorUnitsToDecimal(5, 2)).toBe('0.05');
    expect(minorUnitsToDecimal(-5, 2)).toBe('-0.05');
    expect(minorUnitsToDecimal(123, 0)).toBe('123');
    expect(minorUnitsToDecimal(5, 3)).toBe('0.005');
    expect(minorUnitsToDecimal(-1_234_567, 3)).toBe('-1234.567');
    expect(minorUnitsToDecimal(MAX, 2)).toBe('90071992547409.91');
  });
});

describe('currencies', () => {
  it('knows the minor digits', () => {
    expect(currencyMinorDigits('USD')).toBe(2);
    expect(currencyMinorDigits('EUR')).toBe(2);
    expect(currencyMinorDigits('JPY')).toBe(0);
    expect(currencyMinorDigits('KWD')).toBe(3);
  });

  it('accepts ISO 4217 codes Intl lists', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'KWD', 'INR', 'AUD']) expect(isValidCurrency(code)).toBe(true);
  });

  it('rejects lower case, wrong lengths and unknown codes', () => {
    for (const code of ['usd', 'Usd', 'US', 'USDD', '', ' USD', 'XYZ', '$']) expect(isValidCurrency(code)).toBe(false);
    expect(isValidCurrency(null as unknown as string)).toBe(false);
  });
});

describe('averageOrderValueCents', () => {
  it('rounds halves up', () => {
    expect(averageOrderValueCents(1001, 2)).toBe(501); // 500.5
    expect(averageOrderValueCents(1003, 2)).toBe(502); // 501.5
    expect(averageOrderValueCents(1000, 2)).toBe(500);
    expect(averageOrderValueCents(1, 2)).toBe(1); // 0.5
  });

  it('rounds other fractions to the nearest cent', () => {
    expect(averageOrderValueCents(1000, 3)).toBe(333); // 333.33
    expect(averageOrderValueCents(2000, 3)).toBe(667); // 666.67
    expect(averageOrderValueCents(1, 3)).toBe(0); // 0.33
    expect(averageOrderValueCents(2, 3)).toBe(1); // 0.67
    expect(averageOrderValueCents(0, 5)).toBe(0);
    expect(averageOrderValueCents(12_345, 1)).toBe(12_345);
  });

  it('rounds negative halves toward +∞', () => {
    expect(averageOrderValueCents(-3, 2)).toBe(-1); // −1.5
    expect(averageOrderValueCents(-5, 2)).toBe(-2); // −2.5
    expect(averageOrderValueCents(-1, 2)).toBe(0); // −0.5
    expect(averageOrderValueCents(-1000, 3)).toBe(-333); // −333.33
    expect(averageOrderValueCents(-2000, 3)).toBe(-667); // −666.67
  });

  it('is exact near 2^53', () => {
    expect(averageOrderValueCents(MAX, 1)).toBe(MAX);
    expect(averageOrderValueCents(MAX, 2)).toBe(4_503_599_627_370_496); // …495.5
    expect(averageOrderValueCents(MAX - 1, 4)).toBe(2_251_799_813_685_248); // …247.5
    expect(averageOrderValueCents(MAX, 3)).toBe(3_002_399_751_580_330); // …330.33
    expect(averageOrderValueCents(-MAX, 2)).toBe(-4_503_599_627_370_495); // −…495.5
  });

  it('is null without orders', () => {
    expect(averageOrderValueCents(0, 0)).toBeNull();
    expect(averageOrderValueCents(500, 0)).toBeNull();
  });

  it('rejects fractional or negative counts and fractional money', () => {
    expect(() => averageOrderValueCents(100, -1)).toThrow(RangeError);
    expect(() => averageOrderValueCents(100, 1.5)).toThrow(RangeError);
    expect(() => averageOrderValueCents(100.5, 1)).toThrow(RangeError);
  });

  it('is within half a cent, halves going up', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), fc.integer({ min: 1, max: 10_000_000 }), (net, orders) => {
        const aov = BigInt(averageOrderValueCents(net, orders) as number);
        const n = BigInt(net);
        const k = BigInt(orders);
        // aov − ½ ≤ net/orders < aov + ½
        expect(2n * aov * k - k <= 2n * n).toBe(true);
        expect(2n * n < 2n * aov * k + k).toBe(true);
      }),
    );
  });
});

describe('share and ratio0', () => {
  it('divide, with null or 0 for a zero total', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 10)).toBe(0);
    expect(share(0, 0)).toBeNull();
    expect(share(5, 0)).toBeNull();
    expect(ratio0(1, 2)).toBe(0.5);
    expect(ratio0(0, 0)).toBe(0);
    expect(ratio0(3, 0)).toBe(0);
  });
});
