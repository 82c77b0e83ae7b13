import type { DataSource } from 'typeorm';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import { DEMO_SHOP, generateDemoOrders } from '../packages/api/src/demo/demo-generator.js';
import { importGenerated } from '../packages/api/src/demo/demo-seed.js';
import { createShop } from '../packages/api/src/shops/shop.service.js';

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

async function ensureMarker(db: DataSource): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_dataset (scale text PRIMARY KEY, big_shop_id uuid NOT NULL,
                   ordinary_shop_ids uuid[] NOT NULL, end_day date NOT NULL, built_at timestamptz NOT NULL DEFAULT now())`);
}

/**
 * The benchmark shops: one big shop and ordinary demo shops, written through the same import
 * path as `importOrders` (batches of 5,000, summaries in the same transaction). Reused when a
 * previous run built the same scale in this database.
 */
export async function ensureDataset(db: DataSource, scale: DatasetScale, log: (line: string) => void): Promise<Dataset> {
  await ensureMarker(db);
  const [existing] = await db.query(`SELECT big_shop_id, ordinary_shop_ids, end_day::text AS end_day FROM bench_dataset WHERE scale = $1`, [scale.name]);
  if (existing) {
    log(`reusing the ${scale.name} data set built earlier (big shop ${existing.big_shop_id})`);
    return { bigShopId: existing.big_shop_id, ordinaryShopIds: existing.ordinary_shop_ids, built: false, buildSeconds: null, endDay: existing.end_day };
  }
  const started = performance.now();
  const endDay = addDays(todayInZone(DEMO_SHOP.timezone), -1);

  log(`building the ${scale.name} data set: big shop with ~${scale.big.tiktokOrders.toLocaleString()} TikTok and ~${scale.big.storeOrders.toLocaleString()} store orders…`);
  const big = await createShop(db, { ...DEMO_SHOP, name: BIG_NAME });
  const bigResult = await importGenerated(
    db,
    big.shop.id,
    generateDemoOrders({ seed: 7, endDay, timeZone: DEMO_SHOP.timezone, ...scale.big }),
  );
  log(`  big shop: ${bigResult.orders.toLocaleString()} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const ordinaryShopIds: string[] = [];
  for (let i = 0; i < scale.ordinaryShops; i++) {
    const shop = await createShop(db, { ...DEMO_SHOP, name: `Bench Boutique ${i + 1}` });
    await importGenerated(db, shop.shop.id, generateDemoOrders({ seed: 100 + i, endDay, timeZone: DEMO_SHOP.timezone }));
    ordinaryShopIds.push(shop.shop.id);
  }
  log(`  ${scale.ordinaryShops} ordinary shops done; VACUUM ANALYZE…`);
  await db.query('VACUUM ANALYZE');
  await db.query(`INSERT INTO bench_dataset (scale, big_shop_id, ordinary_shop_ids, end_day) VALUES ($1, $2, $3, $4)`, [
    scale.name,
    big.shop.id,
    ordinaryShopIds,
    endDay,
  ]);
  return { bigShopId: big.shop.id, ordinaryShopIds, built: true, buildSeconds: (performance.now() - started) / 1000, endDay };
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
