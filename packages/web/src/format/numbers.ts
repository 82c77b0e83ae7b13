import { currencyMinorDigits, minorUnitsToDecimal } from '@tiktok-insights/shared';

const integer = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 0.4567 → "45.7%". */
export function formatPercent(ratio: number, digits = 1): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** The exact amount as a number of currency units (1234.5 for 123450 cents of USD), for CSV cells. */
export function moneyAmount(cents: number, currency: string): number {
  return Number(minorUnitsToDecimal(cents, currencyMinorDigits(currency)));
}

const compactFormatters = new Map<string, Intl.NumberFormat>();

/** "$12K", "$1.2M", "$2": money axis ticks in the shop's currency. */
export function formatMoneyCompact(cents: number, currency: string): string {
  let formatter = compactFormatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
    compactFormatters.set(currency, formatter);
  }
  return formatter.format(moneyAmount(cents, currency));
}
