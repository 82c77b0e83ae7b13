import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_CARDS, waitForFullyDrawn } from './support/dashboard-page.js';
import { isCspConsoleMessage, watchCspViolations, type CspViolations } from './support/csp-violations.js';
import { DESKTOP, startDashboardEnvironment, type DashboardEnvironment } from './support/environment.js';

/*
 * The dashboard in Chromium under the Content-Security-Policy the API sends (no third-party or
 * inline script, no inline style): it loads and draws its charts, the Import page imports a file,
 * Settings opens, and nothing is refused. An inline script slipped into the page is refused, and
 * shows both as a `securitypolicyviolation` event and as the console error the other e2e files
 * fail on. Apollo's landing page on /graphql runs its inline script and asks Apollo's embed host
 * for its script under its own CSP.
 */

const TEMPLATE_HEADER =
  'order_id,channel,placed_at,status,customer_id,customer_name,email,address_line1,address_line2,city,region,postal_code,country,product_id,product_name,sku,quantity,unit_price,tax,shipping,discount,credit';

let env: DashboardEnvironment;
let page: Page;
let csp: CspViolations;
const pageErrors: string[] = [];

beforeAll(async () => {
  env = await startDashboardEnvironment();
  await env.signIn('owner@juniper.example');
  page = await env.browser.newPage();
  csp = await watchCspViolations(page);
  page.on('pageerror', (error) => void pageErrors.push(error.message));
});

afterAll(async () => {
  await env?.close();
});

/** The CSP header of a document's answer, as directive → sources. */
function cspOf(response: Response | null): Record<string, string[]> {
  const header = response?.headers()['content-security-policy'];
  expect(header, 'Content-Security-Policy of the page').toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the dashboard under its CSP', () => {
  it('loads and draws every chart with no CSP violation', async () => {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(`${env.url}/insights/tiktok`);
    const policy = cspOf(response);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');

    await waitForFullyDrawn(page);
    // Every chart card drew on its canvas.
    for (const slug of CHART_CARDS) {
      const size = await page.getByTestId(`card-${slug}`).locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => canvas.width * canvas.height);
      expect(size, slug).toBeGreaterThan(0);
    }
    // The stylesheet applied (a built file, not inline): the side menu is laid out by it.
    expect(await page.locator('.side-menu__nav').evaluate((nav) => getComputedStyle(nav).display)).not.toBe('inline');
    expect(csp.all()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('imports a file on the Import page with no CSP violation', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import orders', level: 1 }).waitFor();
    // The template download is made in the page (a Blob) and saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-link').click()]);
    expect(download.suggestedFilename()).toBe('orders-template.csv');

    const rows = [TEMPLATE_HEADER];
    for (let i = 0; i < 2; i += 1) {
      rows.push(
        `csp-${i},WEBSITE,2025-01-0${i + 1}T12:00:00-07:00,DELIVERED,csp-buyer-${i},Buyer ${i},buyer${i}@example.com,${100 + i} Pine Street,,Boulder,CO,80302,US,p-csp,Handmade product,SKU-CSP,1,12.25,1.10,3.00,0,0`,
      );
    }
    await page.getByTestId('import-file-input').setInputFiles({ name: 'csp-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
    await expect.poll(() => page.getByTestId('import-file-counts').innerText()).toBe('2 orders, 2 lines');
    await page.getByTestId('import-upload').click();
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    await expect.poll(() => outcome.getAttribute('data-status')).toBe('done');
    expect((await page.getByTestId('import-outcome-created').innerText()).trim()).toBe('2');
    expect(csp.all()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('opens Settings with no CSP violation', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const aovField = page.getByLabel('Average order value target (USD)');
    await aovField.waitFor();
    expect(await aovField.inputValue()).toMatch(/^\d+\.\d{2}$/);
    expect(await page.getByRole('button', { name: 'Save settings' }).isEnabled()).toBe(true);
    expect(csp.all()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('refuses an inline script, handler and style slipped into the page, and each refusal is counted', async () => {
    // On a page of the dashboard, as served (this test also runs on its own).
    await page.goto(`${env.url}/settings`);
    await page.getByLabel('Average order value target (USD)').waitFor();
    csp.clear();
    const refused = page.waitForEvent('console', { predicate: (message) => isCspConsoleMessage(message.text()) && /inline script/.test(message.text()) });
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__cspInjected = "script";';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img alt="" src="data:image/png;base64,AAAA" onload="window.__cspInjected = \'handler\'" onerror="window.__cspInjected = \'handler\'">';
      document.body.append(holder);
      const style = document.createElement('style');
      style.textContent = 'body { outline: 5px solid red; }';
      document.head.append(style);
    });
    // Chromium's console error, of type "error", as the other e2e files count them.
    expect((await refused).type()).toBe('error');
    await expect.poll(() => csp.events.length).toBeGreaterThanOrEqual(3);
    const events = [...csp.events];
    expect(events.some((v) => v.startsWith('script-src-elem blocked inline'))).toBe(true);
    expect(events.some((v) => v.startsWith('script-src-attr blocked inline'))).toBe(true);
    expect(events.some((v) => v.startsWith('style-src-elem blocked inline'))).toBe(true);
    await expect.poll(() => csp.console.length).toBeGreaterThanOrEqual(3);
    // Nothing of it took effect.
    expect(await page.evaluate(() => (window as { __cspInjected?: string }).__cspInjected ?? null)).toBeNull();
    expect(await page.evaluate(() => getComputedStyle(document.body).outlineStyle)).toBe('none');
    csp.clear();
  });
});

describe("Apollo's landing page under its own CSP", () => {
  it('runs its inline script and asks the embed host for Sandbox, with no CSP violation', async () => {
    csp.clear();
    pageErrors.length = 0;
    const requested: string[] = [];
    page.on('request', (request) => void requested.push(request.url()));
    const response = await page.goto(`${env.url}/graphql`, { waitUntil: 'load', timeout: 60_000 });
    const policy = cspOf(response);
    expect(policy['script-src']).toContain('https://embeddable-sandbox.cdn.apollographql.com');
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    // The embed script was asked for (the CSP let it through); without internet it cannot come.
    expect(requested.some((url) => new URL(url).origin === 'https://embeddable-sandbox.cdn.apollographql.com')).toBe(true);
    // The inline script ran (allowed by its hash): offline, it finds no EmbeddedSandbox to start;
    // online, Sandbox's frame is in the page.
    await expect
      .poll(async () => pageErrors.some((message) => /EmbeddedSandbox is not a constructor/.test(message)) || (await page.locator('#embeddableSandbox iframe').count()) > 0, {
        timeout: 30_000,
      })
      .toBe(true);
    expect(csp.all()).toEqual([]);
  });
});
