import { crossoverBucketOf, type CrossoverBucketKind } from '@tiktok-insights/shared';
import type { ShopTransaction } from '../../platform/database/shop-scope.js';
import type { Projection } from '../orders/projection.js';

/**
 * Keeps the crossover summaries current for the address keys an import touched: each key's
 * counted store orders, each TikTok customer's state there (sourced, and its store orders after
 * its first TikTok order), and the per-day and per-shop counts the dashboard reads. Everything is
 * recomputed for those keys from the orders and compared with what was stored, and only the
 * differences are added to the counts, so the result equals a rebuild of the whole shop.
 */

interface KeyStore {
  address_key: string;
  store_orders: number;
  store_net: number;
  first_store_at: Date;
  first_store_day: string;
  last_store_day: string;
}

/** A key's counted store orders on one day. */
interface KeyStoreDay {
  address_key: string;
  day: string;
  store_orders: number;
  store_net: number;
  first_store_at: Date;
}

/** Each key's store orders, from its days. */
function keyStores(days: KeyStoreDay[]): KeyStore[] {
  const byKey = new Map<string, KeyStore>();
  for (const d of days) {
    const store = byKey.get(d.address_key);
    if (!store) {
      byKey.set(d.address_key, {
        address_key: d.address_key,
        store_orders: d.store_orders,
        store_net: Number(d.store_net),
        first_store_at: d.first_store_at,
        first_store_day: d.day,
        last_store_day: d.day,
      });
      continue;
    }
    store.store_orders += d.store_orders;
    store.store_net += Number(d.store_net);
    if (d.first_store_at < store.first_store_at) store.first_store_at = d.first_store_at;
    if (d.day < store.first_store_day) store.first_store_day = d.day;
    if (d.day > store.last_store_day) store.last_store_day = d.day;
  }
  return [...byKey.values()];
}

interface TikTokState {
  customer_id: number;
  address_key: string;
  first_at: Date | null;
  first_day: string | null;
  sourced_day: string | null;
  crossover_orders: number;
  crossover_net: number;
  first_crossover_at: Date | null;
  first_crossover_day: string | null;
}

type NewState = Pick<
  TikTokState,
  'sourced_day' | 'crossover_orders' | 'crossover_net' | 'first_crossover_at' | 'first_crossover_day'
>;

function classify(customer: TikTokState, store: KeyStore | undefined): NewState {
  const sourced = customer.first_at !== null && (!store || customer.first_at < store.first_store_at);
  // A sourced customer's first TikTok order is earlier than every store order at its key, so
  // all of them are its crossover orders.
  const crosses = sourced && store !== undefined;
  return {
    sourced_day: sourced ? customer.first_day : null,
    crossover_orders: crosses ? store.store_orders : 0,
    crossover_net: crosses ? store.store_net : 0,
    first_crossover_at: crosses ? store.first_store_at : null,
    first_crossover_day: crosses ? store.first_store_day : null,
  };
}

const sameState = (a: NewState, b: NewState) =>
  a.sourced_day === b.sourced_day &&
  a.crossover_orders === b.crossover_orders &&
  a.crossover_net === b.crossover_net &&
  a.first_crossover_at?.getTime() === b.first_crossover_at?.getTime() &&
  a.first_crossover_day === b.first_crossover_day;

const bucketOf = (state: NewState): CrossoverBucketKind | null =>
  state.sourced_day === null ? null : crossoverBucketOf(state.crossover_orders);

async function refreshCrossoverState(tx: ShopTransaction, addressKeys: string[]): Promise<void> {
  if (addressKeys.length === 0) return;
  const oldKeys: Array<{ address_key: string; store_net: number; crossover_customers: number }> = await tx.query(
    `SELECT address_key, store_net_receipts_cents AS store_net, crossover_customers
       FROM address_store_summary WHERE shop_id = $1 AND address_key = ANY($2::text[])`,
    [addressKeys],
  );
  const storeDays: KeyStoreDay[] = await tx.query(
    `SELECT c.address_key, o.local_day::text AS day, count(*)::int AS store_orders,
            sum(o.net_receipts_cents)::bigint AS store_net, min(o.placed_at) AS first_store_at
       FROM unnest($2::text[]) AS k(address_key)
      CROSS JOIN LATERAL (SELECT c.customer_id, c.address_key FROM customer c
                           WHERE c.shop_id = $1 AND c.address_key = k.address_key AND c.space = 'STORE' OFFSET 0) c
      CROSS JOIN LATERAL (SELECT o.net_receipts_cents, o.placed_at, o.local_day FROM sales_order o
                           WHERE o.shop_id = $1 AND o.customer_id = c.customer_id AND o.counted OFFSET 0) o
      GROUP BY c.address_key, o.local_day`,
    [addressKeys],
  );
  const stores = keyStores(storeDays);
  const customers: TikTokState[] = await tx.query(
    `SELECT c.customer_id, c.address_key, c.first_counted_order_at AS first_at, c.first_counted_day::text AS first_day,
            c.sourced_day::text AS sourced_day, c.crossover_orders, c.crossover_net_receipts_cents AS crossover_net,
            c.first_crossover_order_at AS first_crossover_at, c.first_crossover_day::text AS first_crossover_day
       FROM unnest($2::text[]) AS k(address_key)
      CROSS JOIN LATERAL (SELECT * FROM customer c
                           WHERE c.shop_id = $1 AND c.address_key = k.address_key AND c.space = 'TIKTOK' OFFSET 0) c`,
    [addressKeys],
  );

  const storeByKey = new Map(stores.map((s) => [s.address_key, s]));
  const dayDeltas = new Map<string, { sourced: number; crossover: number }>();
  const dayDelta = (day: string, field: 'sourced' | 'crossover', n: number) => {
    const entry = dayDeltas.get(day) ?? { sourced: 0, crossover: 0 };
    entry[field] += n;
    dayDeltas.set(day, entry);
  };
  // Crossover customers per (first TikTok day, crossover date), keyed `first|crossover`.
  const lagDeltas = new Map<string, number>();
  const lagDelta = (state: NewState, n: number) => {
    if (state.crossover_orders === 0) return;
    const key = `${state.sourced_day}|${state.first_crossover_day}`;
    lagDeltas.set(key, (lagDeltas.get(key) ?? 0) + n);
  };
  const buckets: Record<CrossoverBucketKind, number> = { NONE: 0, ONE: 0, TWO: 0, THREE_OR_MORE: 0 };
  const crossoverCustomersByKey = new Map<string, number>();
  const changed: Array<TikTokState & NewState> = [];

  for (const customer of customers) {
    const next = classify(customer, storeByKey.get(customer.address_key));
    if (next.crossover_orders > 0) {
      crossoverCustomersByKey.set(customer.address_key, (crossoverCustomersByKey.get(customer.address_key) ?? 0) + 1);
    }
    if (sameState(customer, next)) continue;
    changed.push({ ...customer, ...next });
    if (customer.sourced_day) dayDelta(customer.sourced_day, 'sourced', -1);
    if (next.sourced_day) dayDelta(next.sourced_day, 'sourced', 1);
    if (customer.first_crossover_day) dayDelta(customer.first_crossover_day, 'crossover', -1);
    if (next.first_crossover_day) dayDelta(next.first_crossover_day, 'crossover', 1);
    lagDelta(customer, -1);
    lagDelta(next, 1);
    const before = bucketOf(customer);
    const after = bucketOf(next);
    if (before) buckets[before] -= 1;
    if (after) buckets[after] += 1;
  }

  const contribution = (storeNet: number, crossoverCustomers: number) => (crossoverCustomers > 0 ? storeNet : 0);
  const netBefore = oldKeys.reduce((sum, k) => sum + contribution(k.store_net, k.crossover_customers), 0);
  const netAfter = stores.reduce(
    (sum, s) => sum + contribution(s.store_net, crossoverCustomersByKey.get(s.address_key) ?? 0),
    0,
  );

  if (changed.length > 0) {
    await tx.query(
      `UPDATE customer c SET
         sourced_day = u.sourced_day, crossover_orders = u.crossover_orders,
         crossover_net_receipts_cents = u.crossover_net, first_crossover_order_at = u.first_crossover_at,
         first_crossover_day = u.first_crossover_day
       FROM unnest($2::bigint[], $3::date[], $4::int[], $5::bigint[], $6::timestamptz[], $7::date[])
         AS u(customer_id, sourced_day, crossover_orders, crossover_net, first_crossover_at, first_crossover_day)
       WHERE c.shop_id = $1 AND c.customer_id = u.customer_id`,
      [
        changed.map((c) => c.customer_id),
        changed.map((c) => c.sourced_day),
        changed.map((c) => c.crossover_orders),
        changed.map((c) => c.crossover_net),
        changed.map((c) => c.first_crossover_at),
        changed.map((c) => c.first_crossover_day),
      ],
    );
  }

  await tx.query(`DELETE FROM address_store_summary WHERE shop_id = $1 AND address_key = ANY($2::text[])`, [addressKeys]);
  if (stores.length > 0) {
    await tx.query(
      `INSERT INTO address_store_summary (shop_id, address_key, store_orders, store_net_receipts_cents,
                                          first_store_order_at, first_store_day, crossover_customers, last_store_day)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[], $5::timestamptz[], $6::date[], $7::int[], $8::date[])`,
      [
        stores.map((s) => s.address_key),
        stores.map((s) => s.store_orders),
        stores.map((s) => s.store_net),
        stores.map((s) => s.first_store_at),
        stores.map((s) => s.first_store_day),
        stores.map((s) => crossoverCustomersByKey.get(s.address_key) ?? 0),
        stores.map((s) => s.last_store_day),
      ],
    );
  }

  await writeStoreDays(tx, addressKeys, storeDays);

  const days = [...dayDeltas].filter(([, d]) => d.sourced !== 0 || d.crossover !== 0);
  if (days.length > 0) {
    await tx.query(
      `INSERT INTO daily_crossover_summary AS s (shop_id, day, sourced_customers, crossover_customers)
       SELECT $1, * FROM unnest($2::date[], $3::int[], $4::int[])
       ON CONFLICT (shop_id, day) DO UPDATE SET
         sourced_customers = s.sourced_customers + excluded.sourced_customers,
         crossover_customers = s.crossover_customers + excluded.crossover_customers`,
      [days.map(([day]) => day), days.map(([, d]) => d.sourced), days.map(([, d]) => d.crossover)],
    );
  }

  const lags = [...lagDeltas].filter(([, n]) => n !== 0).map(([key, n]) => [...key.split('|'), n] as const);
  if (lags.length > 0) {
    await tx.query(
      `INSERT INTO crossover_lag_summary AS s (shop_id, first_day, crossover_day, customers)
       SELECT $1, * FROM unnest($2::date[], $3::date[], $4::int[])
       ON CONFLICT (shop_id, first_day, crossover_day) DO UPDATE SET customers = s.customers + excluded.customers`,
      [lags.map(([first]) => first), lags.map(([, crossover]) => crossover), lags.map(([, , n]) => n)],
    );
  }

  const sourcedDelta = buckets.NONE + buckets.ONE + buckets.TWO + buckets.THREE_OR_MORE;
  if (changed.length > 0 || netAfter !== netBefore) {
    await tx.query(
      `INSERT INTO shop_crossover_summary AS s (shop_id, sourced_customers, none_customers, one_customers,
                                                two_customers, three_or_more_customers, crossover_net_receipts_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (shop_id) DO UPDATE SET
         sourced_customers = s.sourced_customers + excluded.sourced_customers,
         none_customers = s.none_customers + excluded.none_customers,
         one_customers = s.one_customers + excluded.one_customers,
         two_customers = s.two_customers + excluded.two_customers,
         three_or_more_customers = s.three_or_more_customers + excluded.three_or_more_customers,
         crossover_net_receipts_cents = s.crossover_net_receipts_cents + excluded.crossover_net_receipts_cents`,
      [sourcedDelta, buckets.NONE, buckets.ONE, buckets.TWO, buckets.THREE_OR_MORE, netAfter - netBefore],
    );
  }
}

/**
 * The touched keys' store days as recounted: days no longer there are deleted and only days whose
 * figures changed are written, so a key's untouched days stay as they are (and index-only readable).
 */
async function writeStoreDays(tx: ShopTransaction, addressKeys: string[], days: KeyStoreDay[]): Promise<void> {
  const keys = days.map((d) => d.address_key);
  const dayList = days.map((d) => d.day);
  await tx.query(
    `DELETE FROM address_store_day_summary d
      WHERE d.shop_id = $1 AND d.address_key = ANY($2::text[])
        AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::date[]) AS n(address_key, day)
                         WHERE n.address_key = d.address_key AND n.day = d.day)`,
    [addressKeys, keys, dayList],
  );
  if (days.length === 0) return;
  await tx.query(
    `INSERT INTO address_store_day_summary AS d (shop_id, address_key, day, store_orders, store_net_receipts_cents)
     SELECT $1, * FROM unnest($2::text[], $3::date[], $4::int[], $5::bigint[])
     ON CONFLICT (shop_id, address_key, day) DO UPDATE SET
       store_orders = excluded.store_orders, store_net_receipts_cents = excluded.store_net_receipts_cents
     WHERE (d.store_orders, d.store_net_receipts_cents) IS DISTINCT FROM (excluded.store_orders, excluded.store_net_receipts_cents)`,
    [keys, dayList, days.map((d) => d.store_orders), days.map((d) => d.store_net)],
  );
}

/**
 * Each address key's counted store orders (in all and per day), each TikTok customer's crossover
 * state, and the crossover counts per day and per shop, from scratch. Expects the customers' counted totals
 * (first order and its day) to be current.
 */
async function fillCrossoverSummaries(tx: ShopTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO address_store_day_summary (shop_id, address_key, day, store_orders, store_net_receipts_cents)
     SELECT c.shop_id, c.address_key, o.local_day, count(*)::int, sum(o.net_receipts_cents)::bigint
       FROM customer c
       JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
      WHERE c.shop_id = $1 AND o.shop_id = $1 AND c.space = 'STORE'
      GROUP BY c.shop_id, c.address_key, o.local_day`,
  );
  await tx.query(
    `INSERT INTO address_store_summary (shop_id, address_key, store_orders, store_net_receipts_cents,
                                        first_store_order_at, first_store_day, crossover_customers, last_store_day)
     SELECT c.shop_id, c.address_key, count(*)::int, sum(o.net_receipts_cents)::bigint, min(o.placed_at), min(o.local_day), 0,
            max(o.local_day)
       FROM customer c
       JOIN sales_order o ON o.shop_id = c.shop_id AND o.customer_id = c.customer_id AND o.counted
      WHERE c.shop_id = $1 AND o.shop_id = $1 AND c.space = 'STORE'
      GROUP BY c.shop_id, c.address_key`,
  );
  // Only customers whose state differs are written (a zone change moves few of them by a day).
  await tx.query(
    `UPDATE customer t SET
       sourced_day = n.sourced_day, crossover_orders = n.crossover_orders,
       crossover_net_receipts_cents = n.crossover_net_receipts_cents,
       first_crossover_order_at = n.first_crossover_order_at, first_crossover_day = n.first_crossover_day
     FROM (
       SELECT c.shop_id, c.customer_id,
              CASE WHEN a.first_store_order_at IS NULL OR c.first_counted_order_at < a.first_store_order_at
                   THEN c.first_counted_day END AS sourced_day,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.store_orders ELSE 0 END AS crossover_orders,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.store_net_receipts_cents ELSE 0 END
                AS crossover_net_receipts_cents,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.first_store_order_at END AS first_crossover_order_at,
              CASE WHEN c.first_counted_order_at < a.first_store_order_at THEN a.first_store_day END AS first_crossover_day
         FROM customer c
         LEFT JOIN address_store_summary a ON a.shop_id = c.shop_id AND a.address_key = c.address_key
        WHERE c.shop_id = $1 AND c.space = 'TIKTOK'
     ) n
     WHERE t.shop_id = $1 AND t.shop_id = n.shop_id AND t.customer_id = n.customer_id
       AND (t.sourced_day, t.crossover_orders, t.crossover_net_receipts_cents, t.first_crossover_order_at, t.first_crossover_day)
           IS DISTINCT FROM (n.sourced_day, n.crossover_orders, n.crossover_net_receipts_cents, n.first_crossover_order_at, n.first_crossover_day)`,
  );
  await tx.query(
    `UPDATE address_store_summary a SET crossover_customers = x.n
       FROM (SELECT shop_id, address_key, count(*)::int AS n FROM customer
              WHERE shop_id = $1 AND space = 'TIKTOK' AND crossover_orders > 0 GROUP BY shop_id, address_key) x
      WHERE a.shop_id = $1 AND a.shop_id = x.shop_id AND a.address_key = x.address_key`,
  );
  await tx.query(
    `INSERT INTO daily_crossover_summary (shop_id, day, sourced_customers, crossover_customers)
     SELECT shop_id, day, sum(sourced)::int, sum(crossover)::int FROM (
       SELECT shop_id, sourced_day AS day, 1 AS sourced, 0 AS crossover FROM customer
        WHERE shop_id = $1 AND space = 'TIKTOK' AND sourced_day IS NOT NULL
       UNION ALL
       SELECT shop_id, first_crossover_day, 0, 1 FROM customer
        WHERE shop_id = $1 AND space = 'TIKTOK' AND crossover_orders > 0
     ) d GROUP BY shop_id, day`,
  );
  await tx.query(
    `INSERT INTO crossover_lag_summary (shop_id, first_day, crossover_day, customers)
     SELECT shop_id, sourced_day, first_crossover_day, count(*)::int FROM customer
      WHERE shop_id = $1 AND space = 'TIKTOK' AND crossover_orders > 0
      GROUP BY shop_id, sourced_day, first_crossover_day`,
  );
  await tx.query(
    `INSERT INTO shop_crossover_summary (shop_id, sourced_customers, none_customers, one_customers, two_customers,
                                         three_or_more_customers, crossover_net_receipts_cents)
     SELECT s.shop_id,
            count(c.customer_id) FILTER (WHERE c.sourced_day IS NOT NULL)::int,
            count(c.customer_id) FILTER (WHERE c.sourced_day IS NOT NULL AND c.crossover_orders = 0)::int,
            count(c.customer_id) FILTER (WHERE c.crossover_orders = 1)::int,
            count(c.customer_id) FILTER (WHERE c.crossover_orders = 2)::int,
            count(c.customer_id) FILTER (WHERE c.crossover_orders >= 3)::int,
            coalesce((SELECT sum(a.store_net_receipts_cents) FROM address_store_summary a
                       WHERE a.shop_id = s.shop_id AND a.crossover_customers > 0), 0)::bigint
       FROM shop s
       LEFT JOIN customer c ON c.shop_id = s.shop_id AND c.space = 'TIKTOK'
      WHERE s.shop_id = $1
      GROUP BY s.shop_id`,
  );
}

/** Reads the customers' first counted orders: it comes after the customers' totals. */
export const crossoverProjection: Projection = {
  name: 'crossover summaries',
  tables: ['address_store_summary', 'address_store_day_summary', 'daily_crossover_summary', 'shop_crossover_summary', 'crossover_lag_summary'],
  async apply(batch) {
    // The keys the changed orders' customers have now, had before this import, and the keys of
    // the updated orders' old customers.
    const touchedKeys = new Set([
      ...batch.orders.map((o) => o.customer.addressKey),
      ...batch.previousAddressKeys,
      ...batch.updated.map((e) => e.address_key),
    ]);
    await refreshCrossoverState(batch.tx, [...touchedKeys]);
  },
  rebuild: fillCrossoverSummaries,
};
