import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, weekStartOf } from '@tiktok-insights/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay, formatDayRange } from '../src/format/dates';
import { SUMMARY, type SharePoint, type Summary } from './support/api-client.js';
import { card, tiktokShareOfBars, tileText, waitForFullyDrawn } from './support/dashboard-page.js';
import { DESKTOP, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { issueShopToken, revokeShopToken } from './support/shop-tokens.js';
import { parseCount, parseUsdCents } from './support/text.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const METRICS = ['orders', 'net-receipts', 'aov', 'unique-customers'] as const;
const STORAGE_KEY = 'tiktok-insights.token';
const EXPLANATION = 'Your sign-in link has expired or was revoked — paste a new link or token.';

let env: DashboardEnvironment;
let page: Page;
/** Uncaught errors and console errors of the page since the last `openPage`. */
let pageErrors: string[] = [];

beforeAll(async () => {
  env = await startDashboardEnvironment();
  await mkdir(ARTIFACTS, { recursive: true });
  page = await env.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
});

afterAll(async () => {
  await env?.close();
});

interface RangeAnswer {
  start: string;
  end: string;
  summary: Summary;
  series: Array<SharePoint & { end: string }>;
}

async function apiRange(from: string | null = null, to: string | null = null): Promise<RangeAnswer> {
  const answer = await env.api.insights<{ dateRange: RangeAnswer }>(
    `dateRange(from: $from, to: $to) { start end summary { ${SUMMARY} } series { start end tiktokShare } }`,
    { from, to },
    '$from: Date, $to: Date',
  );
  return answer.dateRange;
}

/** A fresh load of a dashboard address (with the sign-in link's token unless told otherwise). */
async function openPage(path: string, token: string | null = env.token): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('about:blank');
  pageErrors = [];
  await page.goto(`${env.url}${path}${token ? `#token=${token}` : ''}`);
}

async function expectRangeTiles(summary: Summary): Promise<void> {
  const [orders, net, aov, unique] = await Promise.all(METRICS.map((metric) => tileText(page, `tile-range-summary-${metric}`)));
  expect({ orders: parseCount(orders!), net: parseUsdCents(net!), aov: parseUsdCents(aov!), unique: parseCount(unique!) }).toEqual({
    orders: summary.totalOrders,
    net: summary.netReceipts.cents,
    aov: summary.averageOrderValue?.cents,
    unique: summary.uniqueCustomers,
  });
}

const dateRange = () => page.getByTestId('date-range');
const dateRangeToggle = () => dateRange().getByRole('button', { name: /Date range/ });
const picker = () => page.getByRole('group', { name: 'Choose whole weeks' });
const preset = (weeks: number) => picker().getByRole('button', { name: `Last ${weeks} weeks` });
const pressedPresets = () => picker().locator('button[aria-pressed="true"]').allInnerTexts();
const focusIsOnDateRangeToggle = () =>
  page.evaluate(() => {
    const focused = document.activeElement;
    return focused?.classList.contains('date-range__toggle') === true && focused.closest('[data-testid="date-range"]') !== null;
  });

describe('date ranges and signing in again, in Chromium against the real API and PostgreSQL', () => {
  it('a range reaching past today is labelled in progress: no ▼ percentage, figures through today, the weeks to come not drawn', async () => {
    const thisWeek = weekStartOf(env.today, 'MONDAY');
    // Four full weeks, this week (under way), and twelve weeks to come: 17 weeks.
    const from = addDays(thisWeek, -28);
    const to = addDays(thisWeek, 7 * 12 + 6);
    await openPage(`/insights/tiktok?from=${from}&to=${to}`);
    await waitForFullyDrawn(page);
    const range = await apiRange(from, to);
    expect([range.start, range.end]).toEqual([from, to]);

    expect(await dateRangeToggle().innerText()).toContain(`${formatDayRange(from, to)} · 17 weeks · in progress`);
    // The figures are the API's (it counts up to the end of today).
    await expectRangeTiles(range.summary);
    for (const metric of METRICS) {
      const change = page.getByTestId(`tile-range-summary-${metric}`).getByTestId('tile-change');
      expect(await change.getAttribute('data-kind')).toBe('in-progress');
      expect(await change.innerText()).toBe('In progress');
      expect(await change.getAttribute('aria-label')).toBe(
        `In progress: counted through ${formatDay(env.today)}; the change against the previous 17 weeks shows once the range is over`,
      );
    }
    const rangeSummary = await card(page, 'range-summary').innerText();
    expect(rangeSummary).not.toMatch(/[▲▼]|\d%/);
    expect(rangeSummary).toContain(`through ${formatDay(env.today)}`);
    // The last 7 days are over: they are still compared.
    expect(['up', 'down', 'flat']).toContain(await page.getByTestId('tile-last-7-days-orders').getByTestId('tile-change').getAttribute('data-kind'));

    // The charts stop at this week (named as under way); the twelve weeks to come are named, not drawn as zeros.
    const note = `The week of ${formatDay(thisWeek)} is still under way (counted through ${formatDay(env.today)}); the 12 weeks from ${formatDay(addDays(thisWeek, 7))} have not started yet.`;
    for (const slug of ['range-net-orders', 'range-share', 'range-customers'] as const) {
      expect(await card(page, slug).getByTestId('series-progress').innerText()).toBe(note);
    }
    const started = range.series.filter((p) => p.start <= env.today);
    expect(started).toHaveLength(5);
    const withSales = started.filter((p) => p.tiktokShare !== null);
    const drawn = await tiktokShareOfBars(page, 'range-share');
    expect(drawn).toHaveLength(withSales.length);
    drawn.forEach((share, i) => expect(Math.abs(share - withSales[i]!.tiktokShare!)).toBeLessThan(0.02));
    await card(page, 'range-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}range-in-progress.png` });
    await card(page, 'range-net-orders').screenshot({ path: `${ARTIFACTS}range-in-progress-chart.png` });

    // The picker says the same, and Update is allowed for it.
    await dateRangeToggle().click();
    expect(await page.getByTestId('date-range-progress').innerText()).toContain(`its figures run through today, ${formatDay(env.today)}`);
    await page.screenshot({ path: `${ARTIFACTS}range-in-progress-picker.png` });
    expect(pageErrors).toEqual([]);
  });

  it('the picker refuses an end before the start and a start that has not begun, with Update disabled', async () => {
    await openPage('/insights/tiktok');
    await waitForFullyDrawn(page);
    const defaultRange = await apiRange();
    await dateRangeToggle().click();
    const update = page.getByTestId('date-range-update');

    await page.getByLabel('End week').fill(addDays(defaultRange.start, -20));
    const alert = picker().getByRole('alert');
    expect(await alert.innerText()).toMatch(/^The end week \(Week of .+\) is before the start week \(Week of .+\)\. Choose an end week on or after the start week\.$/);
    // Not silently made one week: the start is unchanged.
    expect(await page.getByLabel('Start week').inputValue()).toBe(defaultRange.start);
    expect(await update.isDisabled()).toBe(true);
    expect(await dateRangeToggle().innerText()).toContain('end before start');
    await page.screenshot({ path: `${ARTIFACTS}range-end-before-start.png` });

    await page.getByLabel('End week').fill(addDays(env.today, 30));
    await page.getByLabel('Start week').fill(addDays(weekStartOf(env.today, 'MONDAY'), 9));
    expect(await alert.innerText()).toContain('The start week has not begun yet.');
    expect(await update.isDisabled()).toBe(true);

    await page.getByLabel('Start week').fill(defaultRange.start);
    expect(await alert.count()).toBe(0);
    expect(await update.isDisabled()).toBe(false);
    expect(new URL(page.url()).search).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('the picker closes on Update and on Escape (focus back on the field), and highlights the default, then the chosen, preset', async () => {
    await openPage('/insights/tiktok');
    await waitForFullyDrawn(page);
    await dateRangeToggle().click();
    expect(await pressedPresets()).toEqual(['Last 6 weeks']);

    await preset(12).click();
    expect(await pressedPresets()).toEqual(['Last 12 weeks']);
    await page.keyboard.press('Escape');
    await picker().waitFor({ state: 'detached' });
    expect(await dateRangeToggle().getAttribute('aria-expanded')).toBe('false');
    expect(await focusIsOnDateRangeToggle()).toBe(true);

    // Reopened with the keyboard: the draft is kept; Update applies it and closes the panel.
    await page.keyboard.press('Enter');
    expect(await pressedPresets()).toEqual(['Last 12 weeks']);
    await page.getByTestId('date-range-update').click();
    await picker().waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.searchParams.has('from'));
    await waitForFullyDrawn(page);
    const from = new URL(page.url()).searchParams.get('from');
    const to = new URL(page.url()).searchParams.get('to');
    const range = await apiRange(from, to);
    const defaultRange = await apiRange();
    expect(range.end).toBe(defaultRange.end);
    expect(range.series).toHaveLength(12);
    await expectRangeTiles(range.summary);
    expect(await dateRangeToggle().innerText()).toContain(`${formatDayRange(range.start, range.end)} · 12 weeks`);

    await dateRangeToggle().click();
    expect(await pressedPresets()).toEqual(['Last 12 weeks']);
    // A click outside closes it too.
    await page.getByRole('heading', { name: 'Insights', level: 1 }).click();
    await picker().waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });

  it('a range in the address that cannot be shown gets a notice and the default range: end before start, not a date, over 520 weeks', async () => {
    const defaultRange = await apiRange();
    const cases = [
      { search: `?from=${defaultRange.end}&to=${defaultRange.start}`, says: `it ends on` },
      { search: `?from=last-monday&to=${defaultRange.end}`, says: '“last-monday” is not a date (YYYY-MM-DD)' },
      // The API refuses this one (BAD_USER_INPUT): its own words are shown.
      { search: `?from=2010-01-04&to=${defaultRange.end}`, says: 'at most 520 are allowed' },
    ];
    for (const { search, says } of cases) {
      await openPage(`/insights/tiktok${search}`);
      await waitForFullyDrawn(page);
      const notice = page.getByTestId('range-notice');
      const text = await notice.innerText();
      expect(text).toContain('The date range in this address can’t be shown: ');
      expect(text).toContain(says);
      expect(text).toContain('Showing the default range (the last 6 full weeks) instead.');
      expect(await dateRangeToggle().innerText()).toContain(`${formatDayRange(defaultRange.start, defaultRange.end)} · 6 weeks`);
      await expectRangeTiles(defaultRange.summary);
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    }
    await page.screenshot({ path: `${ARTIFACTS}range-notice.png` });
    await page.getByTestId('range-notice').getByRole('button', { name: 'Dismiss' }).click();
    // The notice goes once the router has taken the range out of the address.
    await page.getByTestId('range-notice').waitFor({ state: 'detached' });
    expect(new URL(page.url()).search).toBe('');
  });

  it('a bookmarked dashboard with an old token lands on the sign-in page with why; pasting the new sign-in link opens the bookmark', async () => {
    const bookmarkRange = await apiRange(addDays(env.today, -70), addDays(env.today, -30));
    const bookmark = `/insights/tiktok?from=${bookmarkRange.start}&to=${bookmarkRange.end}`;
    // Yesterday's start printed this link; the seller signed in with it and bookmarked a range.
    const old = await issueShopToken(env, 'e2e old sign-in link');
    await openPage(bookmark, old.token);
    await waitForFullyDrawn(page);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(old.token);

    // Today's start revokes it and prints a new link.
    await revokeShopToken(env, old.tokenId);
    const fresh = await issueShopToken(env, 'e2e new sign-in link');
    await openPage(bookmark, null);
    await page.getByRole('heading', { name: 'Sign in to your shop' }).waitFor();
    expect(await page.getByTestId('sign-in-notice').innerText()).toBe(EXPLANATION);
    expect(await page.getByRole('alert').innerText()).toBe(EXPLANATION);
    // One way out: the sign-in form. No dashboard, no "Try again", no Sign out.
    expect(await page.getByRole('button').allInnerTexts()).toEqual(['Sign in']);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBeNull();
    await page.screenshot({ path: `${ARTIFACTS}sign-in-expired.png` });
    expect(pageErrors).toEqual([]);

    // The seller pastes the whole link `pnpm start` printed.
    await page.getByLabel('Shop API token').fill(`${env.url}/#token=${fresh.token}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForFullyDrawn(page);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(bookmark);
    await expectRangeTiles(bookmarkRange.summary);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    expect(await page.getByTestId('sign-in-notice').count()).toBe(0);
    expect(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)).toBe(fresh.token);

    // And it stays signed in on the next visit.
    await page.reload();
    await waitForFullyDrawn(page);
    await expectRangeTiles(bookmarkRange.summary);
    expect(pageErrors).toEqual([]);
  });
});
