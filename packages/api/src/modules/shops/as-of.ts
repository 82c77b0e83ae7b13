import { todayInZone } from '@tiktok-insights/shared';

/** The day figures stand as of when the caller names none: today in the shop's time zone. */
export const asOfDefault = (shop: { timezone: string }): string => todayInZone(shop.timezone);
