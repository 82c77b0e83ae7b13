import type { DataSource } from 'typeorm';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import type { Logger } from '../../platform/logging/logger.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { importOrders } from '../ingest/import-pipeline.js';
import type { OrderData } from '../orders/order-input.js';
import { createShop } from '../shops/shop.service.js';
import { DEMO_SHOP, generateDemoOrders, type DemoOptions, type DemoTruth } from './demo-generator.js';

const IMPORT_BATCH = 5000;

/** Feeds generated orders to the import in calls of up to 5,000, exactly as an integrator would. */
export async function importGenerated(
  dataSource: DataSource,
  shopId: string,
  generator: Generator<OrderData[], DemoTruth>,
): Promise<{ orders: number; truth: DemoTruth }> {
  const scope = new ShopScope(dataSource, shopId);
  let pending: OrderData[] = [];
  let orders = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await importOrders(scope, pending);
    orders += pending.length;
    pending = [];
  };
  for (;;) {
    const next = generator.next();
    if (next.done) {
      await flush();
      return { orders, truth: next.value };
    }
    for (const order of next.value) {
      pending.push(order);
      if (pending.length === IMPORT_BATCH) await flush();
    }
  }
}

export interface SeededShop {
  shopId: string;
  token: string;
  orders: number;
  truth: DemoTruth;
  ms: number;
}

/** Creates a demo shop with about two years of orders ending yesterday in its time zone. */
export async function seedDemoShop(
  dataSource: DataSource,
  logger: Logger,
  options: Partial<DemoOptions> & { name?: string } = {},
): Promise<SeededShop> {
  const started = performance.now();
  const timeZone = options.timeZone ?? DEMO_SHOP.timezone;
  const { shop, token } = await createShop(dataSource, {
    ...DEMO_SHOP,
    name: options.name ?? DEMO_SHOP.name,
    timezone: timeZone,
    isDemo: true,
  });
  const endDay = options.endDay ?? addDays(todayInZone(timeZone), -1);
  const { orders, truth } = await importGenerated(
    dataSource,
    shop.id,
    generateDemoOrders({ ...options, timeZone, endDay }),
  );
  const ms = Math.round(performance.now() - started);
  logger.info({ shopId: shop.id, orders, ms }, 'demo shop seeded');
  return { shopId: shop.id, token, orders, truth, ms };
}
