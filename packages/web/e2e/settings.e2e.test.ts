import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dayOfWeek, formatMoney } from '@tiktok-insights/shared';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDayRange } from '../src/format/dates';
import { SUMMARY, type Summary } from './support/api-client.js';
import { card, tileText, waitForFullyDrawn } from './support/dashboard-page.js';
import { watchCspViolations, type CspViolations } from './support/csp-violations.js';
import { DESKTOP, PHONE, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';
import { parseUsdCents } from './support/text.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

let env: DashboardEnvironment;
let page: Page;
/** The page's Content-Security-Policy violations: none may happen in any test. */
let csp: CspViolations;

beforeAll(async () => {
  env = await startDashboardEnvironment();
  await env.signIn('owner@juniper.example');
  page = await env.browser.newPage();
  csp = await watchCspViolations(page);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterEach(() => {
  const violations = csp?.all() ?? [];
  csp?.clear();
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
});

afterAll(async () => {
  await env?.close();
});

interface Answer {
  shop: { weekStartsOn: string; aovTarget: { cents: number; formatted: string } };
}

async function apiFigures() {
  const { shop } = await env.api.gql<Answer & { shop: { tiktokInsights: { allTime: Summary & { aovBelowTarget: boolean }; dateRange: { start: string; end: string } } } }>(
    `{ shop { weekStartsOn aovTarget { cents formatted } tiktokInsights { allTime { ${SUMMARY} aovBelowTarget } dateRange { start end } } } }`,
  );
  return shop;
}

const aovWarning = () => card(page, 'all-time').getByTestId('tile-all-time-aov').locator('.tile__warning');
const rangeSubtitle = () => card(page, 'range-summary').locator('.card__subtitle').innerText();

describe('Settings', () => {
  it('saves a new AOV target and week start from the form, and the dashboard follows at once', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(`${env.url}/insights/tiktok`);
    await waitForFullyDrawn(page);
    const before = await apiFigures();
    expect(before.weekStartsOn).toBe('MONDAY');
    expect(before.tiktokInsights.allTime.aovBelowTarget).toBe(false);
    expect(await aovWarning().count()).toBe(0);
    expect(dayOfWeek(before.tiktokInsights.dateRange.start)).toBe(1);
    expect(await rangeSubtitle()).toContain(formatDayRange(before.tiktokInsights.dateRange.start, before.tiktokInsights.dateRange.end));

    // A target a dollar above the all-time AOV: the tile must turn to "below target".
    const aovCents = parseUsdCents(await tileText(page, 'tile-all-time-aov'));
    expect(aovCents).toBe(before.tiktokInsights.allTime.averageOrderValue!.cents);
    const targetCents = Math.ceil(aovCents / 100) * 100 + 100;
    const target = formatMoney(targetCents, 'USD');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const aovField = page.getByLabel('Average order value target (USD)');
    await aovField.waitFor();
    expect(await aovField.inputValue()).toBe('40.00');
    expect(await page.getByRole('radio', { name: 'Monday' }).isChecked()).toBe(true);
    await aovField.fill(String(targetCents / 100));
    await page.getByRole('radio', { name: 'Sunday' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Settings saved.');
    expect(await aovField.inputValue()).toBe((targetCents / 100).toFixed(2));
    await page.screenshot({ path: `${ARTIFACTS}settings-saved-desktop.png`, fullPage: true });

    const after = await apiFigures();
    expect(after.weekStartsOn).toBe('SUNDAY');
    expect(after.aovTarget).toEqual({ cents: targetCents, formatted: target });
    expect(after.tiktokInsights.allTime.aovBelowTarget).toBe(true);
    expect(dayOfWeek(after.tiktokInsights.dateRange.start)).toBe(0);

    // Back to the dashboard without reloading: the tiles and weeks are the new settings'.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await waitForFullyDrawn(page);
    await expect.poll(() => aovWarning().innerText()).toBe(`Below your ${target} target`);
    expect(await rangeSubtitle()).toContain(formatDayRange(after.tiktokInsights.dateRange.start, after.tiktokInsights.dateRange.end));
    expect(parseUsdCents(await tileText(page, 'tile-all-time-aov'))).toBe(after.tiktokInsights.allTime.averageOrderValue!.cents);

    // And on a fresh load.
    await page.reload();
    await waitForFullyDrawn(page);
    expect(await aovWarning().innerText()).toBe(`Below your ${target} target`);
    expect(await rangeSubtitle()).toContain(formatDayRange(after.tiktokInsights.dateRange.start, after.tiktokInsights.dateRange.end));
  });

  it('marks an invalid amount at phone width, sends nothing, and fits the screen', async () => {
    await page.setViewportSize(PHONE);
    await page.goto('about:blank');
    await page.goto(`${env.url}/settings`);
    const aovField = page.getByLabel(/^Average order value target/);
    await aovField.waitFor();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') sent.push((request.postDataJSON() as { operationName?: string }).operationName ?? '');
    });
    await aovField.fill('12.345');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await aovField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Enter an amount, 0 or more, with at most 2 decimals, such as 40.00.').isVisible()).toBe(true);
    expect(sent).toEqual([]);

    // Nothing wider than the phone; every control at least 44 px tall to tap.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const control of await page.locator('.settings-form input:not([type=radio]), .settings-form select, .settings-form button').all()) {
      const box = (await control.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.screenshot({ path: `${ARTIFACTS}settings-phone.png`, fullPage: true });
  });
});
