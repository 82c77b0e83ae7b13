import DataLoader from 'dataloader';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { TikTokCustomerRow } from './tiktok-customers.service.js';

export interface TikTokCustomerKey {
  asOf: string;
  customerId: number;
}

/**
 * TikTok customers by id with their counted TikTok orders up to asOf, for lists that reach
 * customers (crossover rows). One statement per request and asOf, read from the orders' index.
 */
export const createTikTokCustomerLoader = (shop: ShopScope) =>
  new DataLoader<TikTokCustomerKey, TikTokCustomerRow | null, string>(
    async (keys) => {
      const rows: Array<TikTokCustomerRow & { as_of: string }> = await shop.read(
        `SELECT k.as_of::text AS as_of, c.customer_id, c.external_id, c.name, c.line1, c.line2, c.city, c.region,
                c.postal_code, c.country, a.orders, a.net_receipts_cents, a.first_order_at, a.last_order_at
           FROM unnest($2::bigint[], $3::date[]) AS k(customer_id, as_of)
           JOIN customer c ON c.shop_id = $1 AND c.customer_id = k.customer_id AND c.space = 'TIKTOK'
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS orders, coalesce(sum(o.net_receipts_cents), 0)::bigint AS net_receipts_cents,
                   min(o.placed_at) AS first_order_at, max(o.placed_at) AS last_order_at
              FROM sales_order o
             WHERE o.shop_id = $1 AND o.customer_id = c.customer_id AND o.counted AND o.local_day <= k.as_of
          ) a
          WHERE a.orders > 0`,
        [keys.map((k) => k.customerId), keys.map((k) => k.asOf)],
      );
      const found = new Map(rows.map((row) => [`${row.as_of}|${row.customer_id}`, row]));
      return keys.map((k) => found.get(`${k.asOf}|${k.customerId}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.asOf}|${key.customerId}` },
  );
