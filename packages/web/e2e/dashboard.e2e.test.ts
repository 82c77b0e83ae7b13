import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, daysBetween, weekEndOf, weekStartOf } from '@tiktok-insights/shared';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDayRange } from '../src/format/dates';
import { drawnTexts, recordCanvasTexts } from './support/canvas-texts.js';
import {
  MARKETING_CUSTOMER,
  SUMMARY,
  TOP_PRODUCT,
  type MarketingCustomer,
  type SharePoint,
  type Summary,
  type TopProduct,
} from './support/api-client.js';
import {
  card,
  chooseFromCardMenu,
  columnWidths,
  downloadCardCsv,
  recordGraphqlOperations,
  tableHeaders,
  tableRows,
  tiktokShareOfBars,
  tileText,
  waitForChartsSettled,
  waitForDataDrawn,
  waitForFullyDrawn,
  type CardSlug,
} from './support/dashboard-page.js';
import { watchCspViolations, type CspViolations } from './support/csp-violations.js';
import { demoOwnerSignIn } from '@tiktok-insights/api/testing';
import { DESKTOP, PHONE, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { pageStorage, signInContext } from './support/sessions.js';
import { parseCount, parsePercent, parseUsdCents } from './support/text.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const TIMEZONE = 'America/Chicago';
const METRICS = ['orders', 'net-receipts', 'aov', 'unique-customers'] as const;

let env: DashboardEnvironment;
let page: Page;
/** The page's Content-Security-Policy violations: none may happen in any test. */
let csp: CspViolations;

beforeAll(async () => {
  env = await startDashboardEnvironment();
  // The demo owner, whose email and password `pnpm start` prints for a first look.
  const demoOwner = await demoOwnerSignIn(env.dataSource, env.shopId);
  if (!demoOwner) throw new Error('the demo owner has no printable password');
  await signInContext(env.browser, env.url, demoOwner);
  page = await env.browser.newPage();
  // The time-to-crossover bars' tooltip is read from what its canvas draws.
  await recordCanvasTexts(page);
  csp = await watchCspViolations(page);
});

afterEach(() => {
  const violations = csp?.all() ?? [];
  csp?.clear();
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

afterAll(async () => {
  await env?.close();
});

// ---------------------------------------------------------------------------------------------
// What the API answers
// ---------------------------------------------------------------------------------------------

interface PeriodAnswer {
  start: string;
  end: string;
  summary: Summary;
  series: SharePoint[];
  topProducts: TopProduct[];
}

const PERIOD = `start end summary { ${SUMMARY} } series { start tiktokShare } topProducts(first: 10) { ${TOP_PRODUCT} }`;

function apiRange(from: string | null = null, to: string | null = null): Promise<{ dateRange: PeriodAnswer }> {
  return env.api.insights(`dateRange(from: $from, to: $to) { ${PERIOD} }`, { from, to }, '$from: Date, $to: Date');
}

function apiTopProductsBySales(): Promise<TopProduct[]> {
  return env.api
    .insights<{ dateRange: { topProducts: TopProduct[] } }>(`dateRange { topProducts(first: 10, orderBy: TOTAL_SALES) { ${TOP_PRODUCT} } }`)
    .then((answer) => answer.dateRange.topProducts);
}

function apiCustomers(field: string, direction: 'ASC' | 'DESC', after: string | null = null) {
  return env.api.insights<{
    customers: { totalCount: number; pageInfo: { endCursor: string | null }; edges: Array<{ node: MarketingCustomer }> };
  }>(
    `customers(first: 25, after: $after, orderBy: { field: ${field}, direction: ${direction} }) {
       totalCount pageInfo { endCursor } edges { node { ${MARKETING_CUSTOMER} } } }`,
    { after },
    '$after: String',
  );
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

async function summaryTexts(cardSlug: string): Promise<string[]> {
  return Promise.all(METRICS.map((metric) => tileText(page, `tile-${cardSlug}-${metric}`)));
}

async function expectSummaryTiles(cardSlug: string, summary: Summary): Promise<void> {
  const [orders, net, aov, unique] = await summaryTexts(cardSlug);
  expect({
    orders: parseCount(orders!),
    netReceipts: parseUsdCents(net!),
    aov: parseUsdCents(aov!),
    uniqueCustomers: parseCount(unique!),
  }).toEqual({
    orders: summary.totalOrders,
    netReceipts: summary.netReceipts.cents,
    aov: summary.averageOrderValue?.cents,
    uniqueCustomers: summary.uniqueCustomers,
  });
}

/** The change column as the API's ranks give it: New without a previous rank, ▲/▼ by places moved, — unchanged. */
function rankChangeLabel(rank: number, previousRank: number | null): string {
  if (previousRank === null) return 'New';
  const moved = previousRank - rank;
  return moved > 0 ? `▲ ${moved}` : moved < 0 ? `▼ ${-moved}` : '—';
}

const productRow = (p: TopProduct) => [
  String(p.rank),
  p.product.sku ? `${p.product.name} · ${p.product.sku}` : p.product.name,
  p.unitsSold.toLocaleString('en-US'),
  p.totalSales.formatted,
  rankChangeLabel(p.rank, p.previousRank),
];

async function expectTopProducts(products: TopProduct[]): Promise<void> {
  expect(products.length).toBeGreaterThan(0);
  expect(await tableRows(page, 'top-products')).toEqual(products.map(productRow));
}

/** The stacked bars of a share chart: TikTok's part of each bar is the API's share (± 2 points). */
async function expectShareBars(slug: CardSlug, series: SharePoint[]): Promise<void> {
  const drawn = await tiktokShareOfBars(page, slug);
  const expected = series.map((p) => p.tiktokShare ?? 0);
  expect(drawn).toHaveLength(expected.length);
  drawn.forEach((share, i) => expect(Math.abs(share - expected[i]!), `bar ${i} (${series[i]!.start}): drawn ${share}, API ${expected[i]}`).toBeLessThan(0.02));
}

const dateRangeText = () => page.getByTestId('date-range').getByRole('button', { name: /Date range/ }).innerText();

async function noCardBusy(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? null);
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function openDashboard(path = '/insights/tiktok'): Promise<void> {
  await page.setViewportSize(DESKTOP);
  // A fresh load, so that each test also runs on its own (the browser is signed in once, in beforeAll).
  await page.goto('about:blank');
  await page.goto(`${env.url}${path}`);
  await waitForFullyDrawn(page);
}

// ---------------------------------------------------------------------------------------------
// Section 11: the API's answers and how the page words them
// ---------------------------------------------------------------------------------------------

interface Cancellations {
  cancelledOrders: number;
  refundedOrders: number;
  lostNetReceipts: { cents: number; formatted: string };
  rate: number | null;
}

interface MoreInsights {
  last7Days: { cancellations: Cancellations; previousCancellations: Cancellations };
  dateRange: {
    hourOfWeek: Array<{ weekday: number; hour: number; orders: number; netReceipts: { cents: number; formatted: string } }>;
    cancellations: Cancellations;
    previousCancellations: Cancellations;
    topProducts: TopProduct[];
  };
  cohorts: Array<{
    start: string;
    end: string;
    customers: number;
    periods: Array<{ index: number; start: string; end: string; activeCustomers: number; cumulativeCrossoverCustomers: number }>;
  }>;
  crossover: { medianDaysToCrossover: number | null; daysToCrossover: Array<{ bucket: LagBucket; customers: number; share: number }> };
}

type LagBucket = 'WITHIN_7_DAYS' | 'WITHIN_30_DAYS' | 'WITHIN_90_DAYS' | 'LATER';
const LAG_LABELS: Record<LagBucket, string> = { WITHIN_7_DAYS: '0–7 days', WITHIN_30_DAYS: '8–30 days', WITHIN_90_DAYS: '31–90 days', LATER: '91+ days' };
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 2026" for a month starting 2026-01-01. */
const monthText = (start: string) => `${MONTH_NAMES[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;

/** The hour on a 12-hour clock: 19 → { at: 7, half: 'pm' }. */
const clock12 = (hour: number) => ({ at: hour % 12 === 0 ? 12 : hour % 12, half: hour % 24 < 12 ? 'am' : 'pm' });

/** One hour as the tooltip words it: 19 → "7–8 pm", 11 → "11 am–12 pm", 23 → "11 pm–12 am". */
function hourRangeText(hour: number): string {
  const [from, to] = [clock12(hour), clock12(hour + 1)];
  return from.half === to.half && hour + 1 < 24 ? `${from.at}–${to.at} ${to.half}` : `${from.at} ${from.half}–${to.at} ${to.half}`;
}

/** "Tue 7–9 pm" → weekday 2, hours 19 up to 21; "Mon 11 pm–12 am" → 23 up to 24. */
function parseHourRange(text: string): { text: string; weekday: number; start: number; end: number } {
  const match = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2})(?: (am|pm))?–(\d{1,2}) (am|pm)$/.exec(text.trim());
  if (!match) throw new Error(`Not a range of hours: ${JSON.stringify(text)}`);
  const to24 = (at: number, half: string) => (at % 12) + (half === 'pm' ? 12 : 0);
  const endHalf = match[5]!;
  const start = to24(Number(match[2]), match[3] ?? endHalf);
  let end = to24(Number(match[4]), endHalf);
  // "11 pm–12 am": the end is the next day's midnight.
  if (end <= start) end += 24;
  const weekday = WEEKDAY_NAMES.findIndex((name) => name.startsWith(match[1]!)) + 1;
  return { text, weekday, start, end };
}

/**
 * Hovers the time-to-crossover bar with the given label and returns its tooltip (title and lines)
 * once chart.js has drawn it fully faded in.
 */
async function lagBarTooltip(label: string): Promise<string[]> {
  const canvas = card(page, 'crossover-lag').locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  await waitForChartsSettled(page);
  const axisLabel = (await drawnTexts(canvas)).find((t) => t.text === label);
  expect(axisLabel, `the axis label ${label}`).toBeDefined();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + axisLabel!.x, box.y + box.height * 0.5);
  const title = `${label} after the first TikTok order`;
  const tooltip = async () => {
    const texts = await drawnTexts(canvas);
    const start = texts.findIndex((t) => t.text === title);
    return start < 0 || texts[start]!.alpha < 0.99 ? null : texts.slice(start).map((t) => t.text);
  };
  await expect.poll(tooltip, { timeout: 10_000 }).not.toBeNull();
  return (await tooltip())!;
}

// ---------------------------------------------------------------------------------------------

describe('seller dashboard in Chromium against the real API and PostgreSQL', () => {
  it('draws the demo dashboard (screenshots at desktop and phone width) and measures the time to fully drawn', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await page.setViewportSize(DESKTOP);
    // First visit, signed in as the demo owner: an empty browser cache.
    await page.goto(`${env.url}/`);
    await waitForDataDrawn(page);
    const dataShownMs = await page.evaluate(() => performance.now());
    await waitForChartsSettled(page);
    const drawnMs = await page.evaluate(() => performance.now());
    // The index redirected to Insights → TikTok; no secret in the address or in the page's storage (only the HttpOnly cookie).
    expect(new URL(page.url()).pathname).toBe('/insights/tiktok');
    expect(page.url()).not.toContain('token');
    expect(await pageStorage(page)).toEqual({ local: {}, session: {} });
    console.log(
      `Time to fully drawn (${env.ordersImported.toLocaleString('en-US')} demo orders, first visit): every data set shown at ${Math.round(dataShownMs)} ms, charts finished drawing at ${Math.round(drawnMs)} ms after navigation start`,
    );
    await page.screenshot({ path: `${ARTIFACTS}dashboard-desktop.png`, fullPage: true });
    await page.screenshot({ path: `${ARTIFACTS}dashboard-desktop-top.png` });
    await card(page, 'last-7-days-share').screenshot({ path: `${ARTIFACTS}share-chart-desktop.png` });

    await page.setViewportSize(PHONE);
    await page.reload();
    await waitForFullyDrawn(page);
    const phoneDrawnMs = await page.evaluate(() => performance.now());
    console.log(`Time to fully drawn at phone width (reload): ${Math.round(phoneDrawnMs)} ms`);
    // Nothing wider than the phone, and the top bar's brand does not run into its links.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const brandRight = await page.locator('.side-menu__brand .brand').evaluate((brand) => {
      // The right edge of what is drawn: its text, also where it overflows its box, unless an ancestor clips it.
      const clipRight = (element: Element | null): number => {
        let right = Infinity;
        for (let e = element; e && e !== document.body; e = e.parentElement) {
          if (getComputedStyle(e).overflowX !== 'visible') right = Math.min(right, e.getBoundingClientRect().right);
        }
        return right;
      };
      const walker = document.createTreeWalker(brand, NodeFilter.SHOW_TEXT);
      let right = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) right = Math.max(right, Math.min(rect.right, clipRight(node.parentElement)));
      }
      return right;
    });
    const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
    expect(brandRight).toBeLessThanOrEqual(nav!.x);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone.png`, fullPage: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}dashboard-phone-top.png` });
    await page.setViewportSize(DESKTOP);
  });

  it('shows the numbers the API gives: tiles, top products, marketing list size, crossover, share bars', async () => {
    await openDashboard();
    const api = await env.api.insights<{
      allTime: Summary;
      last7Days: { start: string; end: string; summary: Summary; series: SharePoint[] };
      dateRange: PeriodAnswer;
      customers: { totalCount: number };
      crossover: { sourcedCustomers: number; crossoverCustomers: number; crossoverRate: number; crossoverNonTikTokNetReceipts: { cents: number } };
    }>(
      `allTime { ${SUMMARY} }
       last7Days { start end summary { ${SUMMARY} } series { start tiktokShare } }
       dateRange { ${PERIOD} }
       customers { totalCount }
       crossover { sourcedCustomers crossoverCustomers crossoverRate crossoverNonTikTokNetReceipts { cents } }`,
    );
    // Every data set has data.
    expect(api.allTime.totalOrders).toBeGreaterThan(0);
    expect(api.last7Days.summary.totalOrders).toBeGreaterThan(0);
    expect(api.dateRange.topProducts).toHaveLength(10);
    expect(api.customers.totalCount).toBeGreaterThan(50);
    expect(api.crossover.crossoverCustomers).toBeGreaterThan(0);

    await expectSummaryTiles('all-time', api.allTime);
    await expectSummaryTiles('last-7-days', api.last7Days.summary);
    await expectSummaryTiles('range-summary', api.dateRange.summary);
    expect(await dateRangeText()).toContain(formatDayRange(api.dateRange.start, api.dateRange.end));
    await expectTopProducts(api.dateRange.topProducts);

    const total = api.customers.totalCount.toLocaleString('en-US');
    expect(await card(page, 'marketing-customers').locator('.card__subtitle').innerText()).toBe(`${total} customers · your marketing list`);
    expect(await card(page, 'marketing-customers').locator('.pager__status').innerText()).toBe(`1–25 of ${total} customers`);
    expect(await tableRows(page, 'marketing-customers')).toHaveLength(25);

    expect(parseCount(await tileText(page, 'tile-crossover-summary-sourced'))).toBe(api.crossover.sourcedCustomers);
    expect(parseCount(await tileText(page, 'tile-crossover-summary-crossover-customers'))).toBe(api.crossover.crossoverCustomers);
    expect(parsePercent(await tileText(page, 'tile-crossover-summary-crossover-rate'))).toBeCloseTo(api.crossover.crossoverRate * 100, 1);
    expect(parseUsdCents(await tileText(page, 'tile-crossover-summary-crossover-net'))).toBe(api.crossover.crossoverNonTikTokNetReceipts.cents);

    // The TikTok share charts: TikTok's part of each stacked bar is the API's share.
    expect(api.last7Days.series.every((p) => p.tiktokShare !== null && p.tiktokShare > 0.2 && p.tiktokShare < 0.9)).toBe(true);
    await expectShareBars('last-7-days-share', api.last7Days.series);
    await expectShareBars('range-share', api.dateRange.series);
  });

  it('shows the section 11 insights the API gives: best hours, cohorts, cancellations, product trends, time to crossover', async () => {
    await openDashboard();
    const cancellations = 'cancelledOrders refundedOrders lostNetReceipts { cents formatted } rate';
    const { shop } = await env.api.gql<{ shop: { weekStartsOn: 'MONDAY' | 'SUNDAY'; tiktokInsights: MoreInsights } }>(
      `{ shop { weekStartsOn tiktokInsights {
          last7Days { cancellations { ${cancellations} } previousCancellations { ${cancellations} } }
          dateRange {
            hourOfWeek { weekday hour orders netReceipts { cents formatted } }
            cancellations { ${cancellations} } previousCancellations { ${cancellations} }
            topProducts(first: 10) { ${TOP_PRODUCT} }
          }
          cohorts { start end customers periods { index start end activeCustomers cumulativeCrossoverCustomers } }
          crossover { medianDaysToCrossover daysToCrossover { bucket customers share } }
        } } }`,
    );
    const api = shop.tiktokInsights;

    // Best time to go live: the weekdays in the shop's week order; the first hours named hold the busiest hour.
    const heatmap = card(page, 'range-best-hours');
    const weekdays = shop.weekStartsOn === 'SUNDAY' ? [7, 1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7];
    expect(await heatmap.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.getAttribute('data-weekday')))).toEqual(
      weekdays.map(String),
    );
    const peak = Math.max(...api.dateRange.hourOfWeek.map((c) => c.orders));
    expect(peak).toBeGreaterThan(1);
    const firstNamed = parseHourRange(await heatmap.getByTestId('best-hours-range').first().innerText());
    const namedCells = api.dateRange.hourOfWeek.filter((c) => c.weekday === firstNamed.weekday && c.hour >= firstNamed.start && c.hour < firstNamed.end);
    expect(namedCells.length).toBe(firstNamed.end - firstNamed.start);
    expect(Math.max(...namedCells.map((c) => c.orders)), `${firstNamed.text} holds the busiest hour (${peak} orders)`).toBe(peak);
    expect(await heatmap.getByTestId('best-hours-summary').innerText()).toMatch(/^Your best hours: /);

    // A cell's tooltip says the API's orders and net receipts of that weekday and hour.
    const top = api.dateRange.hourOfWeek.find((c) => c.orders === peak)!;
    const cell = heatmap.locator(`td[data-weekday="${top.weekday}"][data-hour="${top.hour}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.hover();
    const tip = page.getByTestId('grid-tooltip');
    expect(await tip.innerText()).toBe(
      [`${WEEKDAY_NAMES[top.weekday - 1]} ${hourRangeText(top.hour)}`, `${top.orders.toLocaleString('en-US')} orders`, `${top.netReceipts.formatted} net receipts`].join('\n'),
    );
    const quiet = api.dateRange.hourOfWeek.find((c) => c.orders > 0 && c.orders < peak)!;
    await heatmap.locator(`td[data-weekday="${quiet.weekday}"][data-hour="${quiet.hour}"]`).hover();
    expect(await tip.innerText()).toContain(`${quiet.orders.toLocaleString('en-US')} ${quiet.orders === 1 ? 'order' : 'orders'}\n${quiet.netReceipts.formatted} net receipts`);
    await page.mouse.move(0, 0);

    // Cohorts: a group's share and counts in its second month.
    const cohorts = card(page, 'cohorts');
    const rows = cohorts.getByTestId('cohort-row');
    expect(await rows.count()).toBe(api.cohorts.length);
    const g = api.cohorts.findIndex((c) => c.customers > 0 && c.periods.length > 1 && c.periods[1]!.activeCustomers > 0);
    expect(g).toBeGreaterThanOrEqual(0);
    const group = api.cohorts[g]!;
    const second = group.periods[1]!;
    const share = rows.nth(g).locator('td[data-index="1"]');
    expect(await share.innerText()).toBe(`${Math.round((second.activeCustomers / group.customers) * 100)}%`);
    expect(await rows.nth(g).locator('td.cohorts__customers').innerText()).toBe(group.customers.toLocaleString('en-US'));
    await share.scrollIntoViewIfNeeded();
    await share.hover();
    expect(await tip.innerText()).toContain(
      `${second.activeCustomers} of ${group.customers} customers ordered again on TikTok in ${monthText(second.start)}${second === group.periods.at(-1) ? ' (so far)' : ''}; ${second.cumulativeCrossoverCustomers} had shopped in your store by then`,
    );
    // A month without new customers shows dashes.
    const emptyGroup = api.cohorts.findIndex((c) => c.customers === 0);
    if (emptyGroup >= 0) expect(new Set(await rows.nth(emptyGroup).locator('td[role="gridcell"]').allInnerTexts())).toEqual(new Set(['—']));
    await page.mouse.move(0, 0);

    // Cancellations and refunds: the net receipts lost, with their counts and the change (a loss that grew is red).
    for (const [slug, period] of [['last-7-days', api.last7Days], ['range-summary', api.dateRange]] as const) {
      const tile = page.getByTestId(`tile-${slug}-cancellations`);
      const lost = period.cancellations;
      expect(parseUsdCents(await tileText(page, `tile-${slug}-cancellations`)), slug).toBe(lost.lostNetReceipts.cents);
      expect(await tile.getByTestId('tile-note').innerText(), slug).toMatch(
        new RegExp(`^Lost on ${lost.cancelledOrders} cancelled \\+ ${lost.refundedOrders} refunded orders? · `),
      );
      if (lost.rate !== null) expect(await tile.getByTestId('tile-note').innerText()).toContain(`${(lost.rate * 100).toFixed(1)}% of orders placed`);
      const before = period.previousCancellations.lostNetReceipts.cents;
      const now = lost.lostNetReceipts.cents;
      const kind = before === 0 ? (now === 0 ? 'none' : 'new') : now > before ? 'up' : now < before ? 'down' : 'flat';
      const change = tile.getByTestId('tile-change');
      expect(await change.getAttribute('data-kind'), slug).toBe(kind);
      if (kind === 'up' || kind === 'new') expect(await change.getAttribute('class')).toContain('tile__change--bad');
      if (kind === 'down') expect(await change.getAttribute('class')).toContain('tile__change--good');
    }
    expect(api.last7Days.cancellations.cancelledOrders + api.dateRange.cancellations.cancelledOrders).toBeGreaterThan(0);

    // Product trends: the change of each top product against its previous rank (the whole table is checked above too).
    const products = await tableRows(page, 'top-products');
    expect(products.map((cells) => cells[4])).toEqual(api.dateRange.topProducts.map((p) => rankChangeLabel(p.rank, p.previousRank)));
    expect(new Set(products.map((cells) => cells[4]!.charAt(0))).size, 'the demo has products that moved').toBeGreaterThan(1);

    // Time to crossover: the median in days, and one bar's customers and share in its tooltip.
    const median = api.crossover.medianDaysToCrossover;
    expect(median).not.toBeNull();
    const days = `${Number.isInteger(median) ? median!.toLocaleString('en-US') : median!.toFixed(1)} ${median === 1 ? 'day' : 'days'}`;
    expect(await tileText(page, 'tile-crossover-lag-median')).toBe(days);
    expect(await page.getByTestId('tile-crossover-lag-median').getByTestId('tile-note').innerText()).toBe(
      `Half of your crossover buyers came to your store within ${days} of their first TikTok order.`,
    );
    const bucket = [...api.crossover.daysToCrossover].sort((a, b) => b.customers - a.customers)[0]!;
    const lines = await lagBarTooltip(LAG_LABELS[bucket.bucket]);
    expect(lines).toEqual([
      `${LAG_LABELS[bucket.bucket]} after the first TikTok order`,
      `${bucket.customers} ${bucket.customers === 1 ? 'customer' : 'customers'}`,
      `${(bucket.share * 100).toFixed(1)}% of crossover customers`,
    ]);
    await page.mouse.move(0, 0);
  });

  it('Update applies another date range: only the range data sets change, the address keeps it across a reload', async () => {
    await openDashboard();
    const allTimeBefore = await summaryTexts('all-time');
    const last7Before = await summaryTexts('last-7-days');
    const defaultRange = (await apiRange()).dateRange;

    // Any day picked selects its whole (Monday) week: a Wednesday and a Friday.
    const from = weekStartOf(addDays(env.today, -150), 'MONDAY');
    const to = weekEndOf(addDays(env.today, -80), 'MONDAY');
    await page.getByTestId('date-range').getByRole('button', { name: /Date range/ }).click();
    await page.getByLabel('Start week').fill(addDays(from, 2));
    await page.getByLabel('End week').fill(addDays(to, -2));
    const weeks = (daysBetween(from, to) + 1) / 7;
    expect(await dateRangeText()).toContain(`${formatDayRange(from, to)} · ${weeks} weeks`);
    // A draft only: nothing changed yet.
    expect(new URL(page.url()).search).toBe('');
    await expectSummaryTiles('range-summary', defaultRange.summary);

    const operations = recordGraphqlOperations(page);
    await page.getByTestId('date-range-update').click();
    await page.waitForURL((url) => url.search === `?from=${from}&to=${to}`);
    await waitForFullyDrawn(page);
    operations.stop();
    expect(operations.names).toEqual(['RangeDataSets']);

    const range = (await apiRange(from, to)).dateRange;
    expect([range.start, range.end]).toEqual([from, to]);
    expect(range.summary.totalOrders).not.toBe(defaultRange.summary.totalOrders);
    await expectSummaryTiles('range-summary', range.summary);
    await expectTopProducts(range.topProducts);
    await expectShareBars('range-share', range.series);
    expect(await card(page, 'range-summary').locator('.card__subtitle').innerText()).toContain(formatDayRange(from, to));
    expect(await dateRangeText()).toContain(`${formatDayRange(from, to)} · ${weeks} weeks`);
    // The all-time and last-7-days data sets stay as they were.
    expect(await summaryTexts('all-time')).toEqual(allTimeBefore);
    expect(await summaryTexts('last-7-days')).toEqual(last7Before);

    await page.reload();
    await waitForFullyDrawn(page);
    expect(new URL(page.url()).search).toBe(`?from=${from}&to=${to}`);
    expect(await dateRangeText()).toContain(`${formatDayRange(from, to)} · ${weeks} weeks`);
    await expectSummaryTiles('range-summary', range.summary);
    await expectTopProducts(range.topProducts);
    expect(await summaryTexts('all-time')).toEqual(allTimeBefore);
  });

  it('sorts the marketing list on the server when a header is clicked, and asks the server for the top products by total sales', async () => {
    await openDashboard();
    const marketing = card(page, 'marketing-customers');
    const shownIds = async () => (await tableRows(page, 'marketing-customers')).map((cells) => cells[0]);
    const idsOf = (answer: Awaited<ReturnType<typeof apiCustomers>>) => answer.customers.edges.map((e) => e.node.tiktokCustomerId);

    expect(await shownIds()).toEqual(idsOf(await apiCustomers('NET_RECEIPTS', 'DESC')));
    expect(await marketing.locator('th[data-col="netReceipts"]').getAttribute('aria-sort')).toBe('descending');

    const byName = await apiCustomers('NAME', 'ASC');
    await marketing.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(shownIds).toEqual(idsOf(byName));
    expect(await marketing.locator('th[data-col="name"]').getAttribute('aria-sort')).toBe('ascending');
    expect((await tableRows(page, 'marketing-customers')).map((cells) => cells[1])).toEqual(byName.customers.edges.map((e) => e.node.name));

    const byOrdersDesc = await apiCustomers('ORDERS', 'DESC');
    await marketing.getByRole('button', { name: 'Orders', exact: true }).click();
    await expect.poll(shownIds).toEqual(idsOf(byOrdersDesc));
    expect(await marketing.locator('th[data-col="orders"]').getAttribute('aria-sort')).toBe('descending');
    expect((await tableRows(page, 'marketing-customers')).map((cells) => parseCount(cells[3]!))).toEqual(byOrdersDesc.customers.edges.map((e) => e.node.orders));

    // The next page follows the same order.
    const secondPage = await apiCustomers('ORDERS', 'DESC', byOrdersDesc.customers.pageInfo.endCursor);
    await marketing.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(shownIds).toEqual(idsOf(secondPage));
    expect(await marketing.locator('.pager__status').innerText()).toBe(`26–50 of ${byOrdersDesc.customers.totalCount.toLocaleString('en-US')} customers`);

    await marketing.getByRole('button', { name: 'Orders', exact: true }).click();
    await expect.poll(shownIds).toEqual(idsOf(await apiCustomers('ORDERS', 'ASC')));
    expect(await marketing.locator('th[data-col="orders"]').getAttribute('aria-sort')).toBe('ascending');

    // Top products: Total sales asks the server for the top 10 by total sales (ranked by it);
    // Product and Rank sort those ten in the browser; Number sold brings back the top 10 by units.
    const { topProducts } = (await apiRange()).dateRange;
    const bySales = await apiTopProductsBySales();
    const products = card(page, 'top-products');
    const operations = recordGraphqlOperations(page);
    await products.getByRole('button', { name: 'Total sales', exact: true }).click();
    await expect.poll(() => tableRows(page, 'top-products')).toEqual(bySales.map(productRow));
    expect(await products.locator('th[data-col="totalSales"]').getAttribute('aria-sort')).toBe('descending');
    expect(operations.names).toEqual(['TopProductsByOrder']);
    await products.getByRole('button', { name: 'Product', exact: true }).click();
    const productsByName = [...bySales].sort((a, b) => {
      const [x, y] = [a.product.name.toLowerCase(), b.product.name.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : a.rank - b.rank;
    });
    expect(await tableRows(page, 'top-products')).toEqual(productsByName.map(productRow));
    await products.getByRole('button', { name: 'Rank', exact: true }).click();
    expect(await tableRows(page, 'top-products')).toEqual(bySales.map(productRow));
    await products.getByRole('button', { name: 'Number sold', exact: true }).click();
    await expect.poll(() => tableRows(page, 'top-products')).toEqual(topProducts.map(productRow));
    operations.stop();
    expect(operations.names).toEqual(['TopProductsByOrder']);
  });

  it('resizes a column by dragging its handle; Autosize all columns and Reset all column widths from the card menu', async () => {
    await openDashboard();
    const slug = 'marketing-customers';
    const headers = await tableHeaders(page, slug);
    const nameColumn = headers.indexOf('Name');
    expect(nameColumn).toBeGreaterThan(-1);
    const initial = await columnWidths(page, slug);

    const handle = card(page, slug).locator('th[data-col="name"]').getByTestId('column-resize-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 60, y, { steps: 4 });
    await page.mouse.move(x + 120, y, { steps: 4 });
    await page.mouse.up();
    const dragged = await columnWidths(page, slug);
    expect(Math.abs(dragged[nameColumn]! - (initial[nameColumn]! + 120))).toBeLessThanOrEqual(2);
    expect(dragged.filter((_, i) => i !== nameColumn)).toEqual(initial.filter((_, i) => i !== nameColumn));
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(dragged[nameColumn]);

    await chooseFromCardMenu(page, slug, 'Autosize all columns');
    await expect.poll(() => columnWidths(page, slug)).not.toEqual(dragged);
    const autosized = await columnWidths(page, slug);
    expect(autosized).not.toEqual(initial);
    // Fitted to their content: no cell is cut off in a column under the autosize cap (480 px).
    const clipped = await card(page, slug)
      .locator('tbody td .cell-content')
      .evaluateAll((cells) =>
        cells
          .filter((cell) => (cell.closest('td')?.getBoundingClientRect().width ?? 0) < 479 && cell.scrollWidth > cell.clientWidth + 1)
          .map((cell) => cell.textContent),
      );
    expect(clipped).toEqual([]);
    // …and not needlessly wide: the name column is far narrower than after the drag.
    expect(autosized[nameColumn]!).toBeLessThan(dragged[nameColumn]!);

    await chooseFromCardMenu(page, slug, 'Reset all column widths');
    await expect.poll(() => columnWidths(page, slug)).toEqual(initial);
  });

  it('downloads CSV: "Rows shown" holds the table rows shown, "All results" every customer of the list', async () => {
    await openDashboard();
    const shown = await tableRows(page, 'marketing-customers');
    const { filename, records } = await downloadCardCsv(page, 'marketing-customers', 'Rows shown');
    expect(filename).toBe(`tiktok-customers-page-1-${env.today}.csv`);
    const [header, ...rows] = records;
    expect(header).toEqual([
      'TikTok customer ID',
      'Name',
      'Address line 1',
      'Address line 2',
      'City',
      'Region',
      'Postal code',
      'Country',
      'Orders',
      'Net receipts',
      'Currency',
      'First order',
      'Last order',
    ]);
    const day = new Intl.DateTimeFormat('en-US', { timeZone: TIMEZONE, year: 'numeric', month: 'short', day: 'numeric' });
    // The CSV neutralizes text cells that would start a formula with a leading apostrophe.
    const text = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    expect(
      rows.map((r) => [
        text(r[0]!),
        text(r[1]!),
        [r[2], r[3], r[4], `${r[5]} ${r[6]}`, r[7]].filter(Boolean).map((c) => text(c!)).join(', '),
        Number(r[8]).toLocaleString('en-US'),
        `$${Number(r[9]).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
        day.format(new Date(r[11]!)),
        day.format(new Date(r[12]!)),
      ]),
    ).toEqual(shown);
    expect(new Set(rows.map((r) => r[10]))).toEqual(new Set(['USD']));

    const all = await downloadCardCsv(page, 'marketing-customers', 'All results');
    const { customers } = await env.api.insights<{ customers: { totalCount: number } }>('customers { totalCount }');
    expect(all.records[0]![0]).toBe('TikTok customer ID');
    const allRows = all.records.slice(1);
    expect(allRows).toHaveLength(customers.totalCount);
    expect(new Set(allRows.map((r) => r[0])).size).toBe(customers.totalCount);
    // In the order of the list: its first page first.
    expect(allRows.slice(0, 25).map((r) => text(r[0]!))).toEqual(shown.map((cells) => cells[0]));

    // Top products by total sales: the CSV follows the order shown.
    await card(page, 'top-products').getByRole('button', { name: 'Total sales', exact: true }).click();
    const bySales = (await apiTopProductsBySales()).map(productRow);
    await expect.poll(() => tableRows(page, 'top-products')).toEqual(bySales);
    const products = await tableRows(page, 'top-products');
    const top = await downloadCardCsv(page, 'top-products', 'Rows shown');
    expect(top.records[0]).toEqual(['Rank', 'Product', 'SKU', 'Number sold', 'Total sales', 'Currency', 'Previous rank', 'Previous number sold']);
    expect(top.records.slice(1).map((r) => [r[0], r[2] ? `${text(r[1]!)} · ${r[2]}` : text(r[1]!), Number(r[3]).toLocaleString('en-US')])).toEqual(
      products.map((cells) => cells.slice(0, 3)),
    );
    // The previous rank written is the one the change column shows (empty: New).
    expect(top.records.slice(1).map((r) => rankChangeLabel(Number(r[0]), r[6] === '' ? null : Number(r[6])))).toEqual(products.map((cells) => cells[4]));
    const crossover = await downloadCardCsv(page, 'crossover-customers', 'All results');
    const { crossover: crossoverList } = await env.api.insights<{ crossover: { customers: { totalCount: number } } }>('crossover { customers { totalCount } }');
    expect(crossoverList.customers.totalCount).toBeGreaterThan(25);
    expect(crossover.records.slice(1)).toHaveLength(crossoverList.customers.totalCount);

    const allProducts = await downloadCardCsv(page, 'top-products', 'All results');
    const ranked = await env.api.insights<{ dateRange: { topProducts: unknown[] } }>('dateRange { topProducts(first: 500) { rank } }');
    expect(allProducts.records.slice(1)).toHaveLength(ranked.dateRange.topProducts.length);
  });

  it('View → Expand shows a card full screen; Escape brings it back', async () => {
    await openDashboard();
    const chart = card(page, 'range-net-orders');
    const normal = (await chart.boundingBox())!;
    await chooseFromCardMenu(page, 'range-net-orders', 'Expand');
    expect(await chart.getAttribute('class')).toContain('card--expanded');
    expect(await chart.getAttribute('role')).toBe('dialog');
    const expanded = (await chart.boundingBox())!;
    expect(expanded).toEqual({ x: 16, y: 16, width: DESKTOP.width - 32, height: DESKTOP.height - 32 });
    expect(await focusedText()).toBe('✕');
    // The chart grows with the card.
    await expect.poll(async () => (await chart.locator('canvas').boundingBox())!.height).toBeGreaterThan(normal.height);

    await page.keyboard.press('Escape');
    expect(await chart.getAttribute('class')).not.toContain('card--expanded');
    expect(await chart.getAttribute('role')).toBeNull();
    expect((await chart.boundingBox())!.width).toBeCloseTo(normal.width, 0);
    expect(await focusedTestId()).toBe('card-menu');
  });

  it('keyboard: a card menu opens with Enter, moves with the arrow keys, runs an item with Enter, closes with Escape', async () => {
    await openDashboard();
    const button = card(page, 'all-time').getByTestId('card-menu');
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const menu = page.getByRole('menu');
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Download data (CSV)…', 'Expand', 'Clear cache & refresh']);
    expect(await focusedText()).toBe('Download data (CSV)…');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Expand');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Clear cache & refresh');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Download data (CSV)…');
    await page.keyboard.press('ArrowUp');
    expect(await focusedText()).toBe('Clear cache & refresh');
    await page.keyboard.press('Home');
    expect(await focusedText()).toBe('Download data (CSV)…');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedTestId()).toBe('card-menu');

    // Enter on an item runs it.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await card(page, 'all-time').getAttribute('class')).toContain('card--expanded');
    await page.keyboard.press('Escape');
    expect(await card(page, 'all-time').getAttribute('class')).not.toContain('card--expanded');
  });

  it('Clear cache & refresh shows an order imported after the page loaded', async () => {
    await openDashboard();
    const before = (await env.api.insights<{ allTime: Summary }>(`allTime { ${SUMMARY} }`)).allTime;
    await expectSummaryTiles('all-time', before);

    const amountCents = 987_654;
    const imported = await env.api.gql<{ importOrders: { created: number } }>(
      `mutation ($orders: [OrderInput!]!) { importOrders(orders: $orders) { created updated unchanged } }`,
      {
        orders: [
          {
            externalId: 'e2e-late-order-1',
            channel: 'TIKTOK',
            // Noon in Chicago, yesterday.
            placedAt: `${env.yesterday}T18:00:00Z`,
            status: 'PAID',
            customer: {
              externalId: 'tt_e2e_big_spender',
              name: 'Marisol Vance',
              address: { line1: '1200 Lakeshore Dr', city: 'Chicago', region: 'IL', postalCode: '60610', country: 'US' },
            },
            lines: [{ productExternalId: 'e2e-gown', productName: 'Sequin Evening Gown', quantity: 1, unitPriceCents: amountCents }],
          },
        ],
      },
    );
    expect(imported.importOrders.created).toBe(1);
    const after = (await env.api.insights<{ allTime: Summary }>(`allTime { ${SUMMARY} }`)).allTime;
    expect(after.totalOrders).toBe(before.totalOrders + 1);

    // The page still shows what it loaded, until the seller refreshes the data set.
    await expectSummaryTiles('all-time', before);
    const operations = recordGraphqlOperations(page);
    await chooseFromCardMenu(page, 'all-time', 'Clear cache & refresh');
    await expect.poll(async () => parseCount(await tileText(page, 'tile-all-time-orders'))).toBe(before.totalOrders + 1);
    await noCardBusy();
    operations.stop();
    expect(operations.names).toEqual(['RefreshAllTime']);
    await expectSummaryTiles('all-time', after);
    expect(parseUsdCents(await tileText(page, 'tile-all-time-net-receipts'))).toBe(before.netReceipts.cents + amountCents);

    // A chart's data set on its own: only its query is sent, and the bars follow the API (the
    // order was yesterday, the last bar of the last 7 days).
    const { last7Days } = await env.api.insights<{ last7Days: { series: SharePoint[] } }>('last7Days { series { start tiktokShare } }');
    const shareOperations = recordGraphqlOperations(page);
    await chooseFromCardMenu(page, 'last-7-days-share', 'Clear cache & refresh');
    await expect.poll(() => tiktokShareOfBars(page, 'last-7-days-share').then((bars) => bars.at(-1)), { timeout: 15_000 }).toBeCloseTo(last7Days.series.at(-1)!.tiktokShare!, 1);
    await noCardBusy();
    shareOperations.stop();
    expect(shareOperations.names).toEqual(['RefreshLast7Share']);
    await expectShareBars('last-7-days-share', last7Days.series);
  });

  it('Disconnect in Settings hides the TikTok tab; Connect brings it back with the same numbers', async () => {
    await openDashboard();
    const shown = {
      allTime: await summaryTexts('all-time'),
      last7: await summaryTexts('last-7-days'),
      range: await summaryTexts('range-summary'),
      top: await tableRows(page, 'top-products'),
    };
    expect(await page.getByTestId('tab-tiktok').innerText()).toBe('TikTok');
    const mainMenu = page.getByRole('navigation', { name: 'Main' });

    await mainMenu.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Disconnect TikTok' }).click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await page.getByRole('button', { name: 'Connect TikTok' }).waitFor();
    const status = await env.api.gql<{ shop: { tiktok: { connected: boolean }; tiktokInsights: unknown } }>(
      '{ shop { tiktok { connected } tiktokInsights { asOf } } }',
    );
    expect(status.shop).toEqual({ tiktok: { connected: false }, tiktokInsights: null });

    await mainMenu.getByRole('link', { name: 'Insights' }).click();
    await page.getByRole('heading', { name: 'TikTok is disconnected' }).waitFor();
    expect(await page.getByTestId('tab-tiktok').count()).toBe(0);
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    // Also on a fresh load.
    await page.reload();
    await page.getByRole('heading', { name: 'TikTok is disconnected' }).waitFor();
    expect(await page.getByTestId('tab-tiktok').count()).toBe(0);

    await page.getByRole('link', { name: 'Go to Settings' }).click();
    await page.getByRole('button', { name: 'Connect TikTok' }).click();
    await page.getByRole('button', { name: 'Disconnect TikTok' }).waitFor();
    await mainMenu.getByRole('link', { name: 'Insights' }).click();
    await waitForFullyDrawn(page);
    expect(await page.getByTestId('tab-tiktok').innerText()).toBe('TikTok');
    expect(await summaryTexts('all-time')).toEqual(shown.allTime);
    expect(await summaryTexts('last-7-days')).toEqual(shown.last7);
    expect(await summaryTexts('range-summary')).toEqual(shown.range);
    expect(await tableRows(page, 'top-products')).toEqual(shown.top);
  });
});
