import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import { chromium, type BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_SHOP, generateDemo, startServer, type RunningServer, createLogger, importOrders, createShop, createTestDatabase, type TestDatabase } from '@tiktok-insights/api/testing';
import { ApiClient } from './api-client.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The API's admin token in these tests (createShop and the like). */
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdefghijklm';
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 375, height: 812 } as const;

/** The demo volume: every data set has data (crossover customers, a marketing list far over 50, top products). */
export const DEMO_VOLUME = { days: 200, scale: 0.4 } as const;
const IMPORT_BATCH = 5_000;

export interface DashboardEnvironment {
  url: string;
  token: string;
  shopId: string;
  /** Yesterday in the shop's time zone: the demo's last day of orders. */
  yesterday: string;
  /** Today in the shop's time zone: the dashboard's asOf. */
  today: string;
  ordersImported: number;
  api: ApiClient;
  browser: BrowserContext;
  close(): Promise<void>;
}

/**
 * A real stack for the dashboard: a fresh database with the demo boutique, the API serving the SPA
 * built by the global setup, and headless Chromium with a throwaway profile.
 */
export async function startDashboardEnvironment(): Promise<DashboardEnvironment> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());

    const today = todayInZone(DEMO_SHOP.timezone);
    const yesterday = addDays(today, -1);
    const { shop, token } = await createShop(db.dataSource, { ...DEMO_SHOP });
    const { orders } = generateDemo({ endDay: yesterday, ...DEMO_VOLUME });
    for (let i = 0; i < orders.length; i += IMPORT_BATCH) {
      await importOrders(db.dataSource, shop.id, orders.slice(i, i + IMPORT_BATCH));
    }

    const server: RunningServer = await startServer(
      { dataSource: db.dataSource, logger: createLogger('silent'), adminToken: ADMIN_TOKEN, webDistDir: inject('spaDir') },
      0,
      '127.0.0.1',
    );
    cleanups.push(() => server.stop());

    const profile = await mkdtemp(join(tmpdir(), 'tiktok-insights-e2e-chromium-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      acceptDownloads: true,
      locale: 'en-US',
    });
    cleanups.push(() => browser.close());

    return {
      url: server.url,
      token,
      shopId: shop.id,
      today,
      yesterday,
      ordersImported: orders.length,
      api: new ApiClient(server.url, token),
      browser,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
