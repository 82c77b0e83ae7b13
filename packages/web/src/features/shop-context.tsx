import { createContext, use } from 'react';

/** What every data set needs to know about the shop to show its figures. */
export interface ShopFacts {
  currency: string;
  timezone: string;
  aovTarget: string;
  /** The last day counted (today in the shop's time zone). */
  asOf: string;
}

export const ShopFactsContext = createContext<ShopFacts>({ currency: 'USD', timezone: 'UTC', aovTarget: '$40.00', asOf: '1970-01-01' });

export function useShopFacts(): ShopFacts {
  return use(ShopFactsContext);
}
