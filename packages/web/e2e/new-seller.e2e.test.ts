import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, formatMoney, weekEndOf, weekStartOf } from '@tiktok-insights/shared';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pointLabels } from '../src/features/period-charts/point-labels';
import { ApiClient } from './support/api-client.js';
import { drawnTexts, recordCanvasTexts, solidPoint, SLICE_TOOLTIP, TOOLTIP_TITLE, type DrawnText } from './support/canvas-texts.js';
import { card, CARD_SLUGS, CHART_CARDS, tileText, waitForChartsSettled, waitForFullyDrawn, type CardSlug } from './support/dashboard-page.js';
import { ADMIN_TOKEN, DESKTOP, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { fullPageScreenshot } from './support/screenshots.js';
import { addShopPerson, signInContext, type Person } from './support/sessions.js';

/*
 * The dashboard as a new seller meets it: a shop without orders, a range without sales, and the
 * charts' tooltips, with chart.js animating as it does for them (no reduced motion).
 */

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const EMPTY_RANGE = { from: '2020-01-06', to: '2020-02-09' };
const RANGE_CHARTS = ['range-net-orders', 'range-share', 'range-customers'] as const satisfies readonly CardSlug[];

/** What each card says when it has nothing to show. */
const EMPTY_NOTES: Partial<Record<CardSlug, string>> = {
  'last-7-days-net-orders': 'No TikTok orders in this period yet.',
  'range-net-orders': 'No TikTok orders in this period yet.',
  'last-7-days-share': 'No sales on any channel in this period yet.',
  'range-share': 'No sales on any channel in this period yet.',
  'last-7-days-customers': 'No TikTok customers in this period yet.',
  'range-customers': 'No TikTok customers in this period yet.',
  'range-best-hours': 'No TikTok orders in these weeks, so no best hours yet.',
  'top-products': 'No TikTok products sold in this range yet.',
  'marketing-customers': 'No TikTok customers yet. They appear here after their first order.',
  'crossover-cumulative': 'No TikTok customers yet, so no crossover either.',
  'crossover-rate': 'No TikTok customers yet, so no crossover rate either.',
  'crossover-breakdown': 'No TikTok-sourced customers yet.',
  'crossover-customers': 'No crossover customers yet. They appear when a TikTok buyer orders in your own store.',
};
/** The cards of tiles: every tile at zero. */
const ZERO_TILES: Partial<Record<CardSlug, Record<string, string>>> = {
  'all-time': { orders: '0', 'net-receipts': '$0.00', aov: '—', 'unique-customers': '0' },
  'last-7-days': { orders: '0', 'net-receipts': '$0.00', aov: '—', 'unique-customers': '0' },
  'range-summary': { orders: '0', 'net-receipts': '$0.00', aov: '—', 'unique-customers': '0', cancellations: '$0.00' },
  'crossover-summary': { sourced: '0', 'crossover-rate': '0.0%', 'crossover-customers': '0', 'crossover-net': '$0.00' },
};
/** An x axis label of a weekly or daily chart: "Mar 3", or "Jan 6, 2020". */
const DATE_LABEL = /^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/;

let env: DashboardEnvironment;
let page: Page;
/** The owner of a brand-new shop, and of the demo shop: the browser is signed in as one or the other. */
let newShopOwner: Person;
let demoOwner: Person;
/** Uncaught errors and console errors of the page, since the test began. */
const problems: string[] = [];

beforeAll(async () => {
  env = await startDashboardEnvironment();
  // A shop as the README creates one: the admin's createShop, nothing imported.
  const admin = new ApiClient(env.url, ADMIN_TOKEN);
  const created = await admin.gql<{ createShop: { shop: { id: string } } }>(
    'mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } } }',
    { input: { name: 'Juniper Thread Boutique', timezone: 'America/Chicago' } },
  );
  newShopOwner = await addShopPerson(env.dataSource, created.createShop.shop.id, 'owner@juniper-thread.example', 'owner');
  demoOwner = await addShopPerson(env.dataSource, env.shopId, 'owner@demo-boutique.example', 'owner');

  page = await env.browser.newPage();
  await recordCanvasTexts(page);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

beforeEach(() => {
  problems.length = 0;
});

afterAll(async () => {
  await env?.close();
});

/** Every card is there and done loading, and the charts there are finished drawing. */
async function waitForCardsSettled(): Promise<void> {
  await page.waitForFunction(
    (slugs) =>
      slugs.every((slug) => document.querySelector(`[data-testid="card-${slug}"]`) !== null) &&
      document.querySelector('[aria-busy="true"], .skeleton, .chart--skeleton') === null,
    CARD_SLUGS,
    { timeout: 60_000, polling: 'raf' },
  );
  await waitForChartsSettled(page);
}

/** A fresh load of the dashboard, signed in as the shop's owner. */
async function openDashboard(owner: Person, search = ''): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('about:blank');
  await signInContext(env.browser, env.url, owner);
  await page.goto(`${env.url}/insights/tiktok${search}`);
  await waitForCardsSettled();
}

/** The tooltip a canvas shows now, fully faded in: its title and lines (chart.js draws it last); null when none. */
function tooltipOf(texts: DrawnText[]): string[] | null {
  const start = texts.findIndex((t) => TOOLTIP_TITLE.test(t.text) || SLICE_TOOLTIP.test(t.text));
  if (start < 0 || texts[start]!.alpha < 0.99) return null;
  return texts.slice(start).map((t) => t.text);
}

/**
 * Moves the mouse over a chart (at `at`, CSS pixels in the canvas; by default the middle of its
 * plot, or inside a doughnut's largest slice) and waits for its tooltip.
 */
async function hoverForTooltip(canvas: Locator, at?: { x: number; y: number }): Promise<string[]> {
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  let point = at;
  if (!point) {
    if (await canvas.evaluate((c) => c.closest('.chart--doughnut') !== null)) {
      // Above the legend, which is all the text a doughnut draws.
      const legendTop = Math.min(...(await drawnTexts(canvas)).map((t) => t.y)) - 12;
      point = (await solidPoint(canvas, legendTop)) ?? undefined;
      if (!point) throw new Error('no doughnut slice found to hover');
    } else {
      point = { x: box.width / 2, y: box.height * 0.4 };
    }
  }
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await expect.poll(async () => tooltipOf(await drawnTexts(canvas)), { timeout: 10_000 }).not.toBeNull();
  return tooltipOf(await drawnTexts(canvas))!;
}

async function moveMouseAway(): Promise<void> {
  await page.mouse.move(0, 0);
}

/** The x axis labels a chart draws now, left to right, with where they are. */
async function dateLabels(slug: CardSlug): Promise<DrawnText[]> {
  const texts = await drawnTexts(card(page, slug).locator('canvas'));
  return texts.filter((t) => DATE_LABEL.test(t.text)).sort((a, b) => a.x - b.x);
}

async function expectNoNaNOrInfinity(): Promise<void> {
  expect(await page.locator('main').innerText()).not.toMatch(/NaN|Infinity/);
  for (const canvas of await page.locator('canvas').all()) {
    expect((await drawnTexts(canvas)).map((t) => t.text).join(' | ')).not.toMatch(/NaN|Infinity/);
  }
}

async function expectEmptyCard(slug: CardSlug): Promise<void> {
  const note = EMPTY_NOTES[slug];
  const tiles = ZERO_TILES[slug];
  expect(note ?? tiles, `no empty state known for ${slug}`).toBeDefined();
  if (note) await expect.poll(() => card(page, slug).getByText(note, { exact: true }).isVisible(), { message: slug }).toBe(true);
  for (const [metric, value] of Object.entries(tiles ?? {})) {
    expect(await tileText(page, `tile-${slug}-${metric}`), `${slug} ${metric}`).toBe(value);
  }
  expect(await card(page, slug).getByRole('alert').count(), `${slug} shows an error`).toBe(0);
}

/** Money axis labels of a chart: whole amounts, each once (no "$0" three times on an empty axis). */
async function expectMoneyTicks(slug: CardSlug): Promise<void> {
  const money = (await drawnTexts(card(page, slug).locator('canvas'))).map((t) => t.text).filter((t) => t.startsWith('$'));
  expect(money.length, slug).toBeGreaterThanOrEqual(2);
  expect(new Set(money).size, `${slug}: ${money.join(', ')}`).toBe(money.length);
  for (const tick of money) expect(tick, slug).toMatch(/^\$\d+(\.\d)?[KMB]?$/);
}

interface WeekAnswer {
  start: string;
  end: string;
  orders: number;
  netReceipts: { cents: number };
  tiktokShare: number | null;
  firstTimeCustomers: number;
  repeatCustomers: number;
  uniqueCustomers: number;
}

async function apiRangeWeeks(from: string, to: string): Promise<WeekAnswer[]> {
  const answer = await env.api.insights<{ dateRange: { series: WeekAnswer[] } }>(
    `dateRange(from: $from, to: $to) {
       series { start end orders netReceipts { cents } tiktokShare firstTimeCustomers repeatCustomers uniqueCustomers } }`,
    { from, to },
    '$from: Date, $to: Date',
  );
  return answer.dateRange.series;
}

/** The tooltip lines a range chart shows for a week, as the API's numbers give them. */
function expectedTooltipLines(slug: (typeof RANGE_CHARTS)[number], week: WeekAnswer): string[] {
  const count = (n: number) => n.toLocaleString('en-US');
  switch (slug) {
    case 'range-net-orders':
      return [`Net receipts: ${formatMoney(week.netReceipts.cents, 'USD')}`, `Orders: ${count(week.orders)}`];
    case 'range-customers':
      return [`First-time: ${count(week.firstTimeCustomers)}`, `Repeat: ${count(week.repeatCustomers)} (of ${count(week.uniqueCustomers)} unique)`];
    case 'range-share': {
      if (week.tiktokShare === null) return ['No sales'];
      return [`TikTok: ${Math.round(week.tiktokShare * 1000) / 10}% (${formatMoney(week.netReceipts.cents, 'USD')})`];
    }
  }
}

describe('a new seller in Chromium, with chart animations on', () => {
  it('a brand-new shop without orders is told how to import them, with a link to Import instead of empty cards', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto('about:blank');
    await signInContext(env.browser, env.url, newShopOwner);
    await page.goto(`${env.url}/insights/tiktok`);
    const welcome = page.getByTestId('no-orders-yet');
    await page.getByRole('heading', { name: /Your first TikTok orders will show up here/ }).waitFor();
    expect(await page.getByTestId('last-updated').innerText()).toBe('No data imported yet');
    expect(await welcome.innerText()).toContain('In TikTok Seller Center, open Orders, choose Export and download the CSV file.');
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    await expectNoNaNOrInfinity();
    // No charts to wait for: the page's own full-page capture.
    await page.screenshot({ path: `${ARTIFACTS}new-shop-desktop.png`, fullPage: true });
    await welcome.getByRole('link', { name: 'Import orders' }).click();
    await page.waitForURL((url) => url.pathname === '/import');
    await page.getByRole('heading', { name: 'Import orders', level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });

  it('an empty range (2020) shows its cards empty, with the year on the chart dates, and survives a reload', async () => {
    const search = `?from=${EMPTY_RANGE.from}&to=${EMPTY_RANGE.to}`;
    await openDashboard(demoOwner, search);
    const expectEmptyRange = async () => {
      for (const slug of ['range-summary', ...RANGE_CHARTS, 'range-best-hours', 'top-products'] as const) await expectEmptyCard(slug);
      expect(await card(page, 'range-summary').locator('.card__subtitle').innerText()).toContain('Jan 6 – Feb 9, 2020');
      // The rest of the page keeps its data.
      expect(await tileText(page, 'tile-all-time-orders')).not.toBe('0');
      for (const slug of RANGE_CHARTS) {
        const labels = (await dateLabels(slug)).map((t) => t.text);
        expect(labels.length, slug).toBeGreaterThanOrEqual(2);
        for (const label of labels) expect(label, slug).toMatch(/^[A-Z][a-z]{2} \d{1,2}, 2020$/);
      }
      await expectMoneyTicks('range-net-orders');
      await expectNoNaNOrInfinity();
    };
    await expectEmptyRange();
    await fullPageScreenshot(page, `${ARTIFACTS}empty-range-desktop.png`);

    const tooltip = await hoverForTooltip(card(page, 'range-net-orders').locator('canvas'));
    expect(tooltip[0]).toMatch(/^Week of [A-Z][a-z]{2} \d{1,2} – [A-Z][a-z]{2} \d{1,2}, 2020$/);
    expect(tooltip.slice(1).sort()).toEqual(['Net receipts: $0.00', 'Orders: 0']);
    await moveMouseAway();
    for (const slug of ['range-summary'] as const) {
      expect(await card(page, slug).getByTestId('tile-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
        'none',
        'none',
        'none',
        'none',
        'none',
      ]);
    }
    const share = await hoverForTooltip(card(page, 'range-share').locator('canvas'));
    expect(share.slice(1)).toEqual(['No sales']);
    await hoverForTooltip(card(page, 'range-customers').locator('canvas'));
    await moveMouseAway();

    await page.reload();
    await waitForCardsSettled();
    expect(new URL(page.url()).search).toBe(search);
    await expectEmptyRange();
    expect(problems).toEqual([]);
  });

  it('every chart shows its tooltip on hover, and after that Update redraws every range chart with the new weeks', async () => {
    await openDashboard(demoOwner);
    await waitForFullyDrawn(page);

    const canvases = await page.locator('canvas').all();
    expect(canvases.length).toBe(CHART_CARDS.length);
    for (const canvas of canvases) {
      const slug = await canvas.evaluate((c) => c.closest('[data-testid^="card-"]')?.getAttribute('data-testid'));
      const tooltip = await hoverForTooltip(canvas);
      // A title and its lines, or a doughnut slice's line.
      const [first] = tooltip;
      if (TOOLTIP_TITLE.test(first!)) expect(tooltip.length, `${slug}: ${tooltip.join(' | ')}`).toBeGreaterThanOrEqual(2);
      else expect(first, String(slug)).toMatch(SLICE_TOOLTIP);
    }
    // A picture of one, hovered.
    const netOrders = card(page, 'range-net-orders');
    await hoverForTooltip(netOrders.locator('canvas'));
    await netOrders.screenshot({ path: `${ARTIFACTS}tooltip-hover.png` });
    await moveMouseAway();
    expect(problems).toEqual([]);

    const before = new Map<string, string[]>();
    for (const slug of RANGE_CHARTS) before.set(slug, (await dateLabels(slug)).map((t) => t.text));

    // Another range, through the Date Range field and Update.
    const from = weekStartOf(addDays(env.today, -150), 'MONDAY');
    const to = weekEndOf(addDays(env.today, -80), 'MONDAY');
    await page.getByTestId('date-range').getByRole('button', { name: /Date range/ }).click();
    await page.getByLabel('Start week').fill(from);
    await page.getByLabel('End week').fill(to);
    await page.getByTestId('date-range-update').click();
    await page.waitForURL((url) => url.search === `?from=${from}&to=${to}`);
    await waitForFullyDrawn(page);

    const weeks = await apiRangeWeeks(from, to);
    expect(weeks.length).toBeGreaterThan(6);
    const { labels, titles } = pointLabels(weeks, 'week', env.today);
    for (const slug of RANGE_CHARTS) {
      const drawn = await dateLabels(slug);
      const texts = drawn.map((t) => t.text);
      expect(texts.length, slug).toBeGreaterThanOrEqual(3);
      expect(labels, slug).toEqual(expect.arrayContaining(texts));
      expect(texts.filter((t) => before.get(slug)!.includes(t)), `${slug} still draws the old weeks`).toEqual([]);
      // The first and the last week drawn say the API's numbers.
      const canvas = card(page, slug).locator('canvas');
      const box = (await canvas.boundingBox())!;
      for (const label of [drawn[0]!, drawn.at(-1)!]) {
        const i = labels.indexOf(label.text);
        const tooltip = await hoverForTooltip(canvas, { x: label.x, y: box.height * 0.4 });
        expect(tooltip[0], slug).toBe(titles[i]);
        expect(tooltip.slice(1), `${slug} ${weeks[i]!.start}`).toEqual(expect.arrayContaining(expectedTooltipLines(slug, weeks[i]!)));
      }
      await moveMouseAway();
    }
    expect(problems).toEqual([]);
  });
});
