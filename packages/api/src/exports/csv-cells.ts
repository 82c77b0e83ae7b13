import { currencyMinorDigits, minorUnitsToDecimal } from '@tiktok-insights/shared';

/**
 * Text a customer or product brought in could start a spreadsheet formula; such cells get a
 * leading apostrophe, which spreadsheets show as text (OWASP's CSV injection advice).
 */
export function safeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** An exact decimal amount in the currency's major unit, e.g. 123456 cents → "1234.56". */
export function moneyCell(cents: number, currency: string): string {
  return minorUnitsToDecimal(cents, currencyMinorDigits(currency));
}

export function instantCell(value: Date | null): string {
  return value ? value.toISOString() : '';
}
