import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_SHOP, generateDemo, startServer, type RunningServer, createLogger, importOrders, createShop, createTestDatabase, type TestDatabase } from '@tiktok-insights/api/testing';
import { ApiClient } from './api-client.js';
import { signInAsNewPerson, type Person, type ShopRole, type TestDataSource } from './sessions.js';

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
  /** The demo shop's first API key (an IMPORT key, as shop tokens were): `api` reads with it. */
  token: string;
  shopId: string;
  /** The test's database, where `signIn` adds people. */
  dataSource: TestDataSource;
  /** Yesterday in the shop's time zone: the demo's last day of orders. */
  yesterday: string;
  /** Today in the shop's time zone: the dashboard's asOf. */
  today: string;
  ordersImported: number;
  api: ApiClient;
  /** Chromium with a throwaway profile: signed in as nobody until a test signs it in. */
  browser: BrowserContext;
  /** A new person of the shop (the demo shop unless told) in the role, and the browser signed in as them. */
  signIn(email: string, options?: { role?: ShopRole; shopId?: string }): Promise<Person>;
  close(): Promise<void>;
}

/** The options every e2e browser context gets: the desktop viewport, US English, downloads kept. */
export const CONTEXT_OPTIONS: BrowserContextOptions = { viewport: DESKTOP, acceptDownloads: true, locale: 'en-US' };

/** Debian's Chromium, headless, for tests that need several contexts (one person each). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
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
    const browser = await chromium.launchPersistentContext(profile, { ...CONTEXT_OPTIONS, executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());

    return {
      url: server.url,
      token,
      shopId: shop.id,
      dataSource: db.dataSource,
      today,
      yesterday,
      ordersImported: orders.length,
      api: new ApiClient(server.url, token),
      browser,
      signIn: (email, { role = 'owner', shopId = shop.id } = {}) => signInAsNewPerson(browser, { url: server.url, dataSource: db.dataSource }, shopId, email, role),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
