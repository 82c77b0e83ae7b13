import type { DataSource } from 'typeorm';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import { DEMO_SHOP, generateDemoOrders, type DemoOptions, importGenerated, createShop } from '@tiktok-insights/api/testing';

export interface DatasetScale {
  name: 'small' | 'full';
  big: { tiktokOrders: number; storeOrders: number; days: number; products: number; largeBaskets: boolean };
  ordinaryShops: number;
}

export const SCALES: Record<'small' | 'full', DatasetScale> = {
  full: { name: 'full', big: { tiktokOrders: 2_000_000, storeOrders: 1_000_000, days: 1095, products: 5000, largeBaskets: true }, ordinaryShops: 20 },
  small: { name: 'small', big: { tiktokOrders: 20_000, storeOrders: 10_000, days: 365, products: 500, largeBaskets: true }, ordinaryShops: 2 },
};

export interface Dataset {
  bigShopId: string;
  ordinaryShopIds: string[];
  built: boolean;
  buildSeconds: number | null;
  endDay: string;
}

const BIG_NAME = 'Bench Big Boutique';

async function ensureMarkers(db: DataSource): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_dataset (scale text PRIMARY KEY, big_shop_id uuid NOT NULL,
                   ordinary_shop_ids uuid[] NOT NULL, end_day date NOT NULL, built_at timestamptz NOT NULL DEFAULT now())`);
  // Each shop is marked when its import is complete, so an interrupted build resumes where it stopped.
  await db.query(`CREATE TABLE IF NOT EXISTS bench_shop (scale text NOT NULL, name text NOT NULL, shop_id uuid NOT NULL,
                   end_day date NOT NULL, PRIMARY KEY (scale, name))`);
}

/** A shop of the data set: reused when an earlier run completed it, else (re)built from scratch. */
async function ensureShop(
  db: DataSource,
  scale: DatasetScale,
  name: string,
  endDay: string,
  options: Partial<DemoOptions>,
): Promise<{ shopId: string; endDay: string; built: boolean }> {
  const [done] = await db.query(`SELECT shop_id, end_day::text AS end_day FROM bench_shop WHERE scale = $1 AND name = $2`, [scale.name, name]);
  if (done) return { shopId: done.shop_id, endDay: done.end_day, built: false };
  // A shop of that name without a mark is what an interrupted run left half imported.
  await db.query(`DELETE FROM shop WHERE name = $1`, [name]);
  const created = await createShop(db, { ...DEMO_SHOP, name });
  await importGenerated(db, created.shop.id, generateDemoOrders({ endDay, timeZone: DEMO_SHOP.timezone, ...options }));
  await db.query(`INSERT INTO bench_shop (scale, name, shop_id, end_day) VALUES ($1, $2, $3, $4)`, [scale.name, name, created.shop.id, endDay]);
  return { shopId: created.shop.id, endDay, built: true };
}

/**
 * The benchmark shops: one big shop and ordinary demo shops, written through the same import
 * path as `importOrders` (batches of 5,000, summaries in the same transaction). Reused when a
 * previous run built the same scale in this database; an interrupted build resumes.
 */
export async function ensureDataset(db: DataSource, scale: DatasetScale, log: (line: string) => void): Promise<Dataset> {
  await ensureMarkers(db);
  const [existing] = await db.query(`SELECT big_shop_id, ordinary_shop_ids, end_day::text AS end_day FROM bench_dataset WHERE scale = $1`, [scale.name]);
  if (existing) {
    log(`reusing the ${scale.name} data set built earlier (big shop ${existing.big_shop_id})`);
    return { bigShopId: existing.big_shop_id, ordinaryShopIds: existing.ordinary_shop_ids, built: false, buildSeconds: null, endDay: existing.end_day };
  }
  const started = performance.now();
  const today = addDays(todayInZone(DEMO_SHOP.timezone), -1);

  log(`building the ${scale.name} data set: big shop with ~${scale.big.tiktokOrders.toLocaleString()} TikTok and ~${scale.big.storeOrders.toLocaleString()} store orders…`);
  const big = await ensureShop(db, scale, BIG_NAME, today, { seed: 7, ...scale.big });
  log(`  big shop ${big.built ? `built in ${((performance.now() - started) / 1000).toFixed(0)} s` : 'reused'}`);

  const ordinaryShopIds: string[] = [];
  for (let i = 0; i < scale.ordinaryShops; i++) {
    const shop = await ensureShop(db, scale, `Bench Boutique ${i + 1}`, big.endDay, { seed: 100 + i });
    ordinaryShopIds.push(shop.shopId);
  }
  log(`  ${scale.ordinaryShops} ordinary shops ready; VACUUM ANALYZE…`);
  await db.query('VACUUM ANALYZE');
  await db.query(`INSERT INTO bench_dataset (scale, big_shop_id, ordinary_shop_ids, end_day) VALUES ($1, $2, $3, $4)`, [
    scale.name,
    big.shopId,
    ordinaryShopIds,
    big.endDay,
  ]);
  return { bigShopId: big.shopId, ordinaryShopIds, built: true, buildSeconds: (performance.now() - started) / 1000, endDay: big.endDay };
}

export async function datasetFacts(db: DataSource, shopId: string) {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM sales_order WHERE shop_id = $1 AND channel = 'TIKTOK')::int AS tiktok_orders,
            (SELECT count(*) FROM sales_order WHERE shop_id = $1 AND channel <> 'TIKTOK')::int AS store_orders,
            (SELECT count(*) FROM customer WHERE shop_id = $1 AND space = 'TIKTOK')::int AS tiktok_customers,
            (SELECT count(*) FROM product WHERE shop_id = $1)::int AS products,
            (SELECT count(*) FROM order_line WHERE shop_id = $1)::int AS lines,
            (SELECT min(local_day)::text FROM sales_order WHERE shop_id = $1) AS first_day,
            (SELECT max(local_day)::text FROM sales_order WHERE shop_id = $1) AS last_day`,
    [shopId],
  );
  return row as {
    tiktok_orders: number;
    store_orders: number;
    tiktok_customers: number;
    products: number;
    lines: number;
    first_day: string;
    last_day: string;
  };
}
