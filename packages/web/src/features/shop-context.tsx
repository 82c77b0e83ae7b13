import type { WeekStart } from '@tiktok-insights/shared';
import { createContext, use } from 'react';

/**
 * What the cards need to know about the shop besides their own data sets. Money is not here: every
 * amount carries its currency, and each card reads it from its own Money fields.
 */
export interface ShopFacts {
  timezone: string;
  /** The first day of the shop's week (weekly figures and the weekday order of the best hours). */
  weekStartsOn: WeekStart;
  /** The AOV target, formatted (the AOV tiles' guidance names it). */
  aovTarget: string;
  /** The last day counted (today in the shop's time zone). */
  asOf: string;
}

export const ShopFactsContext = createContext<ShopFacts | null>(null);

export function useShopFacts(): ShopFacts {
  const facts = use(ShopFactsContext);
  if (!facts) throw new Error('useShopFacts: render the card inside the TikTok insights page (ShopFactsContext)');
  return facts;
}
