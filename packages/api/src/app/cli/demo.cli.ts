import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../../platform/database/data-source.js';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres.js';
import { createLogger } from '../../platform/logging/logger.js';
import { resolve } from 'node:path';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import { writeDemoExportFiles } from '../../modules/demo/demo-export-files.js';
import { DEMO_SHOP } from '../../modules/demo/demo-generator.js';
import { seedDemoShop } from '../../modules/demo/demo-seed.js';

const HELP = `Usage: pnpm demo -- [options]

Creates demo shops through the same import path as importOrders, in the database of
DATABASE_URL (or the embedded one in .data/).

  --shops N          how many shops (default 1)
  --scale X          multiply the default volume of about two years of orders (default 1)
  --tiktok-orders N  about this many TikTok orders per shop (overrides --scale)
  --store-orders N   about this many store orders per shop (overrides --scale)
  --products N       catalog size (default 300)
  --days N           days of history ending yesterday (default 730)
  --seed N           first random seed; shop i uses seed + i (default 1)
  --export-files DIR instead, write the orders of one demo shop as a TikTok Seller Center
                     export (DIR/tiktok-orders.csv) and a Shopify export (DIR/shopify-orders.csv),
                     times in ${DEMO_SHOP.timezone}; no database is needed
  --help`;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `pnpm demo -- --shops 3` passes the `--` on; it separates nothing here.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      shops: { type: 'string' },
      scale: { type: 'string' },
      'tiktok-orders': { type: 'string' },
      'store-orders': { type: 'string' },
      products: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'export-files': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const shops = numberOption(values.shops, 'shops') ?? 1;
  const seed = numberOption(values.seed, 'seed') ?? 1;
  if (values['export-files'] !== undefined) {
    // pnpm runs this in packages/api; INIT_CWD is where the command was typed.
    const dir = resolve(process.env.INIT_CWD ?? process.cwd(), values['export-files']);
    const written = await writeDemoExportFiles(dir, {
      seed,
      timeZone: DEMO_SHOP.timezone,
      endDay: addDays(todayInZone(DEMO_SHOP.timezone), -1),
      scale: numberOption(values.scale, 'scale'),
      tiktokOrders: numberOption(values['tiktok-orders'], 'tiktok-orders'),
      storeOrders: numberOption(values['store-orders'], 'store-orders'),
      products: numberOption(values.products, 'products'),
      days: numberOption(values.days, 'days'),
    });
    console.log(`${written.tiktokFile}: ${written.tiktokOrders} TikTok orders`);
    console.log(`${written.shopifyFile}: ${written.shopifyOrders} store orders`);
    return;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
  const { dataSource } = await openDatabase({ url: config.databaseUrl ?? embedded!.url });
  try {
    for (let i = 0; i < shops; i++) {
      const seeded = await seedDemoShop(dataSource, logger, {
        name: shops === 1 ? undefined : `Demo Boutique ${i + 1}`,
        seed: seed + i,
        scale: numberOption(values.scale, 'scale'),
        tiktokOrders: numberOption(values['tiktok-orders'], 'tiktok-orders'),
        storeOrders: numberOption(values['store-orders'], 'store-orders'),
        products: numberOption(values.products, 'products'),
        days: numberOption(values.days, 'days'),
      });
      const perSecond = Math.round((seeded.orders / seeded.ms) * 1000);
      console.log(
        `shop ${seeded.shopId}: ${seeded.orders} orders (${seeded.truth.tiktokOrders} TikTok, ${seeded.truth.storeOrders} store) ` +
          `in ${(seeded.ms / 1000).toFixed(1)} s, ${perSecond} orders/s`,
      );
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
