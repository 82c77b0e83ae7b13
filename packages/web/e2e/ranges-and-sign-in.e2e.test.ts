import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, weekStartOf } from '@tiktok-insights/shared';
import { DEMO_SHOP } from '@tiktok-insights/api/testing';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay, formatDayRange } from '../src/format/dates';
import { ApiClient, SUMMARY, type SharePoint, type Summary } from './support/api-client.js';
import { card, chooseFromCardMenu, tiktokShareOfBars, tileText, waitForFullyDrawn } from './support/dashboard-page.js';
import { ADMIN_TOKEN, DESKTOP, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { pageStorage, SESSION_COOKIE, signInContext, signOutEverywhereFromElsewhere, type Person } from './support/sessions.js';
import { parseCount, parseUsdCents } from './support/text.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const METRICS = ['orders', 'net-receipts', 'aov', 'unique-customers'] as const;
const EXPLANATION = 'Your session has ended. Sign in again to continue.';
const NO_STORAGE = { local: {}, session: {} };

let env: DashboardEnvironment;
let owner: Person;
let page: Page;
/** Uncaught errors and console errors of the page since the last `openPage`. */
let pageErrors: string[] = [];

beforeAll(async () => {
  env = await startDashboardEnvironment();
  owner = await env.signIn('maya.owner@example.com');
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

/** A fresh load of a dashboard address, with the browser's session (if it still has one). */
async function openPage(path: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.goto('about:blank');
  pageErrors = [];
  await page.goto(`${env.url}${path}`);
}

/** The GraphQL requests the page sends from now on, with the Authorization header each carried. */
function recordGraphqlAuthorization(): { sent: Array<string | null>; stop: () => void } {
  const sent: Array<string | null> = [];
  const onRequest = (request: Request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') sent.push(request.headers()['authorization'] ?? null);
  };
  page.on('request', onRequest);
  return { sent, stop: () => page.off('request', onRequest) };
}

const signInHeading = () => page.getByRole('heading', { name: 'Sign in to your shop' });

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
    // The money lost to cancellations and refunds is not compared either.
    expect(await page.getByTestId('tile-range-summary-cancellations').getByTestId('tile-change').getAttribute('data-kind')).toBe('in-progress');
    const rangeSummary = await card(page, 'range-summary').innerText();
    expect(rangeSummary).not.toMatch(/[▲▼]/);
    // No change in percent: the only percentage left is the range's own cancellation rate.
    const notes = await card(page, 'range-summary').getByTestId('tile-note').allInnerTexts();
    expect(notes.join(' ')).toMatch(/% of orders placed$/);
    expect(notes.reduce((text, note) => text.replace(note, ''), rangeSummary)).not.toMatch(/\d%/);
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

  it('a bookmarked dashboard whose session ended on the server: its next request shows the sign-in page saying why; signing in there opens the bookmark', async () => {
    const bookmarkRange = await apiRange(addDays(env.today, -70), addDays(env.today, -30));
    const bookmark = `/insights/tiktok?from=${bookmarkRange.start}&to=${bookmarkRange.end}`;
    await openPage(bookmark);
    await waitForFullyDrawn(page);
    expect(await page.getByTestId('account-name').innerText()).toBe(owner.name);
    // The session is the HttpOnly cookie alone: nothing in the page's storage or in the address.
    expect(await pageStorage(page)).toEqual(NO_STORAGE);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(bookmark);
    expect(new URL(page.url()).hash).toBe('');

    // On another device the seller signs out everywhere; this tab is still open on the bookmark.
    await signOutEverywhereFromElsewhere(env.url, owner);
    await chooseFromCardMenu(page, 'all-time', 'Clear cache & refresh');
    await signInHeading().waitFor();
    expect(await page.getByTestId('sign-in-notice').innerText()).toBe(EXPLANATION);
    expect(await page.getByRole('alert').innerText()).toBe(EXPLANATION);
    // One way out: the sign-in form. No dashboard, no "Try again", no Sign out.
    expect(await page.getByRole('button').allInnerTexts()).toEqual(['Sign in']);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    expect(await pageStorage(page)).toEqual(NO_STORAGE);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(bookmark);
    await page.screenshot({ path: `${ARTIFACTS}sign-in-ended.png` });
    expect(pageErrors).toEqual([]);

    // A wrong password first: the form says so and stays.
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('That email and password do not match. Check them and try again.').isVisible()).toBe(true);
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    // Chromium logs the refused sign-in's answer; nothing else went wrong.
    expect(pageErrors).toEqual(['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    pageErrors = [];

    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForFullyDrawn(page);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(bookmark);
    await expectRangeTiles(bookmarkRange.summary);
    expect(await page.getByTestId('account-name').innerText()).toBe(owner.name);
    expect(await page.getByTestId('sign-in-notice').count()).toBe(0);
    expect(await pageStorage(page)).toEqual(NO_STORAGE);

    // And it stays signed in on the next visit.
    await page.reload();
    await waitForFullyDrawn(page);
    await expectRangeTiles(bookmarkRange.summary);
    expect(pageErrors).toEqual([]);
  });

  it('an old sign-in link (/#token=…) signs nobody in, and opened in a signed-in browser changes nothing', async () => {
    // A live key of the demo shop (shop tokens are IMPORT keys now), in the address as old links had it.
    await env.browser.clearCookies();
    const graphql = recordGraphqlAuthorization();
    await openPage(`/#token=${env.token}`);
    await signInHeading().waitFor();
    // Nor does it stay in the address (nor in this page's history entry).
    expect(page.url()).not.toContain('token');
    expect(await page.getByTestId('sign-in-notice').count()).toBe(0);
    expect(await page.locator('[data-testid^="card-"]').count()).toBe(0);
    expect(await pageStorage(page)).toEqual(NO_STORAGE);
    expect((await env.browser.cookies(env.url)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    // The page never sent the key anywhere.
    expect(graphql.sent.filter((authorization) => authorization !== null)).toEqual([]);
    graphql.stop();

    // Signed in as the demo shop's owner, a link carrying another shop's key is opened in a tab
    // (a login CSRF with the old links): the tab still shows the owner's own shop.
    const other = await new ApiClient(env.url, ADMIN_TOKEN).gql<{ createShop: { token: string } }>(
      'mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } token } }',
      { input: { name: 'Lookalike Boutique', timezone: 'America/Chicago' } },
    );
    await signInContext(env.browser, env.url, owner);
    const tab = recordGraphqlAuthorization();
    await openPage(`/insights/tiktok#token=${other.createShop.token}`);
    await waitForFullyDrawn(page);
    expect(page.url()).toBe(`${env.url}/insights/tiktok`);
    expect(await page.locator('.side-menu__shop').innerText()).toBe(DEMO_SHOP.name);
    expect(await page.getByTestId('account-name').innerText()).toBe(owner.name);
    await expectRangeTiles((await apiRange()).summary);
    expect(tab.sent.length).toBeGreaterThan(0);
    expect(tab.sent.filter((authorization) => authorization !== null)).toEqual([]);
    tab.stop();
    expect(await pageStorage(page)).toEqual(NO_STORAGE);
    expect(pageErrors).toEqual([]);
  });
});
