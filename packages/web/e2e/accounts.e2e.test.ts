import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { addDays, todayInZone } from '@tiktok-insights/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLogger, createTestDatabase, generateDemo, issueSetupCode, startServer, type RunningServer, type TestDatabase } from '@tiktok-insights/api/testing';
import { chooseFromCardMenu, tileText } from './support/dashboard-page.js';
import { watchCspViolations, type CspViolations } from './support/csp-violations.js';
import { CONTEXT_OPTIONS, DEMO_VOLUME, launchChromium, PHONE } from './support/environment.js';
import { pageStorage, SESSION_COOKIE } from './support/sessions.js';
import { parseCount } from './support/text.js';

/*
 * Accounts from end to end, in headless Chromium against the real API and PostgreSQL, one browser
 * context per person: the first run's setup link creates the shop and its owner; the owner
 * invites a viewer in Settings → Team and the viewer joins from the copied link in a second
 * browser; a viewer cannot import or manage; an API key is shown once, works as a Bearer key and
 * is refused once revoked; a shared link shows a third browser the dashboard without customer
 * names until it is revoked; the owner removes the viewer, whose next request is refused; the
 * sign-in page says when a password is wrong, and waits after too many. Animations stay on.
 */

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const TIMEZONE = 'America/Chicago';
const SHOP_NAME = 'Alder Lane Goods';
const OWNER = { name: 'Rosa Alvarez', email: 'rosa@alder-lane.example', password: 'plum orchard 42' };
const VIEWER = { name: 'Sam Okafor', email: 'sam@alder-lane.example', password: 'juniper hills 7' };
const NO_STORAGE = { local: {}, session: {} };
const WRONG_PASSWORD = 'That email and password do not match. Check them and try again.';
const NOT_A_MEMBER = 'You are not a member of this shop (any more).';
/** Orders per importOrders call with the API key (the API takes up to 5,000). */
const IMPORT_BATCH = 2_000;

let db: TestDatabase;
let server: RunningServer;
let browser: Browser;
let url: string;

interface Person {
  context: BrowserContext;
  page: Page;
  csp: CspViolations;
  /** Uncaught errors and console errors of the page since the last check. */
  problems: string[];
}
let owner: Person;
let viewer: Person;
/** Someone with a shared link and no account. */
let visitor: Person;

let shopId: string;
/** Every customer name and street line of the orders imported: none may reach the shared link's visitor. */
let customerNames: Set<string>;
let customerStreets: Set<string>;
let ordersImported = 0;

async function openBrowser(): Promise<Person> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, timezoneId: TIMEZONE });
  const page = await context.newPage();
  const csp = await watchCspViolations(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => void problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { context, page, csp, problems };
}

/** The problems a person's page had since the last check (and forgets them); `expected` ones are left out. */
function takeProblems(person: Person, expected: RegExp | null = null): string[] {
  const found = person.problems.splice(0).filter((problem) => !(expected && expected.test(problem)));
  return [...found, ...person.csp.all().map((violation) => `CSP: ${violation}`)];
}

/** Chromium's console line for an answer with this HTTP status. */
const statusLine = (...statuses: number[]) => new RegExp(`^console error: Failed to load resource: the server responded with a status of (${statuses.join('|')}) `);

/** GraphQL as a script sends it, with an API key. */
async function gqlWithKey(key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

/** GraphQL from a person's browser context (its session cookie, same origin). */
async function gqlAs(person: Person, query: string) {
  const response = await person.context.request.post(`${url}/graphql`, { data: { query } });
  return (await response.json()) as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const settingsTab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true });
const pageIsNoWiderThan = async (page: Page, width: number) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

/** The Insights page with its tiles and no card loading (the charts are the other e2e files' concern). */
async function waitForInsights(page: Page): Promise<void> {
  await page.getByTestId('tile-all-time-orders').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"], .skeleton, .chart--skeleton') === null, undefined, { timeout: 60_000 });
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  // A fresh database: no shop, no owner. The server waits for its first run.
  db = await createTestDatabase();
  server = await startServer({ dataSource: db.dataSource, logger: createLogger('silent'), adminToken: null, webDistDir: inject('spaDir') }, 0, '127.0.0.1');
  url = server.url;
  browser = await launchChromium();
  owner = await openBrowser();
  viewer = await openBrowser();
  visitor = await openBrowser();
});

afterEach(() => {
  for (const person of [owner, viewer, visitor]) person?.csp.clear();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

describe('accounts in Chromium: first run, team, roles, API keys, shared links, sign-in', () => {
  it('the first run: the setup link creates the shop and its owner, signed in on the dashboard', async () => {
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ setupNeeded: true });
    // What `pnpm start` prints on a first run: a one-time link.
    const code = await issueSetupCode(db.dataSource);
    const { page } = owner;
    await page.goto(`${url}/setup?code=${encodeURIComponent(code)}`);
    await page.getByRole('heading', { name: 'Set up TikTok Insights' }).waitFor();
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByLabel('Shop name').fill(SHOP_NAME);
    // The browser's own time zone is proposed.
    expect(await page.getByLabel('Time zone').inputValue()).toBe(TIMEZONE);
    expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
    await page.screenshot({ path: `${ARTIFACTS}accounts-setup.png`, fullPage: true });
    await page.getByRole('button', { name: 'Create the shop and sign in' }).click();

    await page.waitForURL((address) => address.pathname === '/insights/tiktok');
    await page.getByTestId('no-orders-yet').waitFor();
    expect(await page.getByTestId('account-name').innerText()).toBe(OWNER.name);
    // Signed in by an HttpOnly cookie; the code left the address, nothing is kept in the page.
    const cookie = (await owner.context.cookies(url)).find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(page.url()).not.toContain(code);
    expect(await pageStorage(page)).toEqual(NO_STORAGE);

    const { data } = await gqlAs(owner, '{ shop { id name timezone } caller { kind role canImport canManage canSeeCustomers } }');
    expect(data?.shop).toMatchObject({ name: SHOP_NAME, timezone: TIMEZONE });
    expect(data?.caller).toEqual({ kind: 'PERSON', role: 'OWNER', canImport: true, canManage: true, canSeeCustomers: true });
    shopId = data!.shop.id;

    // The link is used up: the first run is over.
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ setupNeeded: false });
    const again = await owner.context.newPage();
    await again.goto(`${url}/setup?code=${encodeURIComponent(code)}`);
    await again.getByRole('heading', { name: 'TikTok Insights is already set up' }).waitFor();
    await again.close();
    expect(takeProblems(owner)).toEqual([]);
  });

  it('the owner creates an API key in Settings → API keys: shown once, it imports and reads as a Bearer key, and is refused once revoked', async () => {
    const { page } = owner;
    await mainMenu(page).getByRole('link', { name: 'Settings' }).click();
    await settingsTab(page, 'API keys').click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByTestId('api-keys-empty').waitFor();
    await page.getByLabel('Name').fill('Nightly order upload');
    await page.getByRole('radio', { name: /^Import/ }).check();
    await page.getByRole('button', { name: 'Create the key' }).click();
    const created = page.getByTestId('api-key-created');
    await created.waitFor();
    expect(await created.innerText()).toContain('it is shown only once');
    const key = await page.getByTestId('api-key-value').inputValue();
    expect(key.length).toBeGreaterThan(30);
    const row = page.getByTestId('api-key-row');
    await expect.poll(() => row.count()).toBe(1);
    const rowText = await row.innerText();
    expect(rowText).toContain('Nightly order upload');
    expect(rowText).toContain('Import');
    // Listed by its prefix, never whole.
    const prefix = /(\S+)…/.exec(rowText)?.[1];
    expect(prefix && key.startsWith(prefix) && prefix.length < key.length).toBe(true);

    // Shown once: once dismissed, and after a reload, the page no longer has it.
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await created.waitFor({ state: 'detached' });
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(key);

    // A script uses it: it reads the shop, and imports the demo boutique's orders.
    const caller = await gqlWithKey(key, '{ shop { name } caller { kind scope canImport canManage } }');
    expect(caller.body).toEqual({ data: { shop: { name: SHOP_NAME }, caller: { kind: 'API_KEY', scope: 'IMPORT', canImport: true, canManage: false } } });
    const today = todayInZone(TIMEZONE);
    const { orders } = generateDemo({ endDay: addDays(today, -1), ...DEMO_VOLUME, timeZone: TIMEZONE });
    customerNames = new Set(orders.map((order) => order.customer.name.trim()).filter((name) => name.length > 0));
    customerStreets = new Set(orders.map((order) => order.customer.address.line1.trim()).filter((line) => line.length > 0));
    for (let i = 0; i < orders.length; i += IMPORT_BATCH) {
      const batch = orders.slice(i, i + IMPORT_BATCH);
      const imported = await gqlWithKey(key, 'mutation ($orders: [OrderInput!]!) { importOrders(orders: $orders) { created } }', { orders: batch });
      expect(imported.body.errors).toBeUndefined();
      expect(imported.body.data?.importOrders.created).toBe(batch.length);
    }
    ordersImported = orders.length;
    // Its last use is shown.
    await page.reload();
    await expect.poll(() => row.innerText()).not.toContain('Last used Never');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByTestId('api-keys-empty').waitFor();
    const refused = await gqlWithKey(key, '{ shop { name } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.data ?? null).toBeNull();
    expect(takeProblems(owner)).toEqual([]);

    // The owner's dashboard has the orders, and their customer lists show names.
    await mainMenu(page).getByRole('link', { name: 'Insights' }).click();
    await waitForInsights(page);
    const { data } = await gqlAs(owner, '{ shop { tiktokInsights { allTime { totalOrders } } } }');
    expect(parseCount(await tileText(page, 'tile-all-time-orders'))).toBe(data?.shop.tiktokInsights.allTime.totalOrders);
    const firstCustomer = page.getByTestId('card-marketing-customers').locator('tbody [data-testid="row"]').first().locator('td');
    expect(customerNames.has((await firstCustomer.nth(1).innerText()).trim())).toBe(true);
    const address = (await firstCustomer.nth(2).innerText()).trim();
    expect([...customerStreets].some((street) => address.startsWith(street))).toBe(true);
  });

  it('the owner invites a viewer in Settings → Team; the viewer creates their account from the copied link in another browser and joins', async () => {
    const { page } = owner;
    await mainMenu(page).getByRole('link', { name: 'Settings' }).click();
    await settingsTab(page, 'Team').click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('team-member').count()).toBe(1);
    expect(await page.getByTestId('team-member').innerText()).toContain(`${OWNER.name} (you)`);
    expect(await page.getByTestId('invitations-empty').innerText()).toBe('No pending invitations.');

    await page.getByLabel('Email').fill(VIEWER.email);
    expect(await page.getByLabel('Role', { exact: true }).inputValue()).toBe('viewer');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    const created = page.getByTestId('invitation-created');
    await created.waitFor();
    expect(await created.innerText()).toContain(`${VIEWER.email} is invited as viewer`);
    // No mail server: the owner copies the link shown.
    const link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(new RegExp(`^${url}/accept-invitation/[0-9a-f-]{36}$`));
    const pending = page.getByTestId('team-invitation');
    await expect.poll(() => pending.count()).toBe(1);
    expect(await pending.innerText()).toContain(VIEWER.email);
    expect(takeProblems(owner)).toEqual([]);

    // The viewer, in a browser of their own, opens the link and creates their account.
    await viewer.page.goto(link);
    await viewer.page.getByRole('heading', { name: 'You are invited to a shop' }).waitFor();
    expect(await viewer.page.getByRole('button', { name: 'I am new here' }).getAttribute('aria-pressed')).toBe('true');
    await viewer.page.getByLabel('Your name').fill(VIEWER.name);
    await viewer.page.getByLabel('Email').fill(VIEWER.email);
    await viewer.page.getByLabel('Password').fill(VIEWER.password);
    await viewer.page.getByRole('button', { name: 'Create my account' }).click();
    await viewer.page.getByRole('heading', { name: `Join ${SHOP_NAME}` }).waitFor();
    expect(await viewer.page.locator('main').innerText()).toContain(`as a viewer, signed in as ${VIEWER.email}`);
    await viewer.page.getByRole('button', { name: `Join ${SHOP_NAME}` }).click();
    await viewer.page.waitForURL((address) => address.pathname === '/insights/tiktok');
    await waitForInsights(viewer.page);
    expect(await viewer.page.getByTestId('account-name').innerText()).toBe(VIEWER.name);
    expect(await pageStorage(viewer.page)).toEqual(NO_STORAGE);
    const joined = await gqlAs(viewer, '{ shop { id } caller { kind role canImport canManage canSeeCustomers } }');
    expect(joined.data).toEqual({ shop: { id: shopId }, caller: { kind: 'PERSON', role: 'VIEWER', canImport: false, canManage: false, canSeeCustomers: true } });
    expect(takeProblems(viewer)).toEqual([]);

    // The owner's team lists them, as a viewer; the invitation is no longer pending.
    await page.reload();
    await expect.poll(() => page.getByTestId('team-member').count()).toBe(2);
    const member = page.getByTestId('team-member').filter({ hasText: VIEWER.email });
    expect(await member.getByRole('combobox', { name: `Role of ${VIEWER.name}` }).inputValue()).toBe('viewer');
    await page.getByTestId('invitations-empty').waitFor();
    expect(takeProblems(owner)).toEqual([]);
  });

  it('the viewer sees the dashboard without Import; /import names the role it takes; Settings has no API keys', async () => {
    const { page } = viewer;
    expect(await mainMenu(page).getByRole('link').allInnerTexts()).toEqual([expect.stringContaining('Insights'), expect.stringContaining('Settings')]);
    // The customer lists are theirs to see (and export).
    await page.getByTestId('card-marketing-customers').locator('tbody [data-testid="row"]').first().waitFor();

    await page.goto(`${url}/import`);
    const notAllowed = page.getByTestId('import-not-allowed');
    await notAllowed.waitFor();
    expect(await notAllowed.innerText()).toContain('You need the owner or admin role to import orders');
    expect(await page.getByTestId('drop-zone').count()).toBe(0);

    for (const path of ['/settings', '/settings/api-keys', '/settings/team']) {
      await page.goto(`${url}${path}`);
      await page.getByTestId('settings-not-allowed').waitFor();
      expect(await page.getByTestId('settings-not-allowed').innerText()).toContain('You are a viewer of this shop');
      expect(await page.getByRole('navigation', { name: 'Settings' }).count(), path).toBe(0);
      expect(await page.getByRole('heading', { name: 'API keys' }).count(), path).toBe(0);
      expect(await page.getByTestId('api-key-row').count(), path).toBe(0);
      expect(await page.getByRole('button', { name: 'Create the key' }).count(), path).toBe(0);
    }
    // The API says the same.
    const keys = await gqlAs(viewer, '{ apiKeys { id } }');
    expect(keys.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(takeProblems(viewer)).toEqual([]);
  });

  it('the owner creates a shared link; a third browser sees the dashboard read-only, without customer names, until it is revoked', async () => {
    const { page } = owner;
    await page.goto(`${url}/settings/shared-links`);
    await page.getByRole('heading', { name: 'Shared links', level: 1 }).waitFor();
    await page.getByLabel('Name').fill('Our accountant');
    await page.getByRole('button', { name: 'Create the link' }).click();
    await page.getByTestId('shared-link-created').waitFor();
    const link = await page.getByTestId('shared-link-url').inputValue();
    expect(link).toMatch(new RegExp(`^${url}/shared/tts_\\S+$`));
    await expect.poll(() => page.getByTestId('shared-link-row').count()).toBe(1);

    // The visitor's answers, to look for names in.
    const answers: Promise<string>[] = [];
    visitor.page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/graphql') answers.push(response.text().catch(() => ''));
    });
    await visitor.page.goto(link);
    await waitForInsights(visitor.page);
    expect(await visitor.page.getByTestId('shared-banner').innerText()).toBe(`Read-only view of ${SHOP_NAME} shared with you`);
    // Read-only: no menu, no account, no Import or Settings.
    expect(await mainMenu(visitor.page).count()).toBe(0);
    expect(await visitor.page.getByTestId('account-name').count()).toBe(0);
    expect(await visitor.page.getByRole('link', { name: /Import|Settings/ }).count()).toBe(0);
    // The customer lists are replaced by their counts.
    const { data } = await gqlAs(owner, '{ shop { tiktokInsights { allTime { uniqueCustomers } crossover { crossoverCustomers } } } }');
    const counts = data!.shop.tiktokInsights;
    expect(await visitor.page.getByTestId('card-marketing-customers').count()).toBe(0);
    expect(await visitor.page.getByTestId('card-crossover-customers').count()).toBe(0);
    expect(await visitor.page.getByTestId('card-marketing-customers-hidden').locator('h3').innerText()).toBe(
      `All-time TikTok customers: ${counts.allTime.uniqueCustomers.toLocaleString('en-US')}`,
    );
    expect(await visitor.page.getByTestId('card-crossover-customers-hidden').locator('h3').innerText()).toBe(
      `Crossover customers: ${counts.crossover.crossoverCustomers.toLocaleString('en-US')}`,
    );
    expect(counts.crossover.crossoverCustomers).toBeGreaterThan(0);
    // No customer name or address anywhere: not on the page, not in any answer it got.
    const shown = await visitor.page.locator('body').innerText();
    const received = (await Promise.all(answers)).join('\n');
    expect(answers.length).toBeGreaterThan(0);
    const leaked = [...customerNames, ...customerStreets].filter((text) => shown.includes(text) || received.includes(text));
    expect(leaked).toEqual([]);
    // Nothing of the link is kept but its own address.
    expect(await pageStorage(visitor.page)).toEqual(NO_STORAGE);
    expect(await visitor.context.cookies(url)).toEqual([]);
    await visitor.page.screenshot({ path: `${ARTIFACTS}accounts-shared-link.png` });
    expect(takeProblems(visitor)).toEqual([]);

    const row = page.getByTestId('shared-link-row');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByTestId('shared-links-empty').waitFor();
    expect(takeProblems(owner)).toEqual([]);

    // The open view's next question is refused: it says the link no longer works.
    await chooseFromCardMenu(visitor.page, 'all-time', 'Clear cache & refresh');
    const gone = visitor.page.getByTestId('shared-link-gone');
    await gone.waitFor();
    expect(await gone.innerText()).toContain('revoked by the shop, or expired');
    // And so does opening the link again.
    await visitor.page.reload();
    await gone.waitFor();
    expect(await visitor.page.locator('[data-testid^="card-"]').count()).toBe(0);
    expect(takeProblems(visitor, statusLine(401, 404))).toEqual([]);
  });

  it('the owner removes the viewer in Settings → Team; the viewer’s next request is refused', async () => {
    // The viewer has the dashboard open.
    const { page: viewerPage } = viewer;
    await viewerPage.goto(`${url}/insights/tiktok`);
    await waitForInsights(viewerPage);

    const { page } = owner;
    await page.goto(`${url}/settings/team`);
    const member = page.getByTestId('team-member').filter({ hasText: VIEWER.email });
    await member.waitFor();
    await member.getByRole('button', { name: 'Remove' }).click();
    expect(await member.getByRole('group').getAttribute('aria-label')).toBe(`Remove ${VIEWER.name} from the shop? They lose access at once.`);
    await member.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.getByTestId('team-member').count()).toBe(1);
    expect(await page.getByTestId('team-member').innerText()).toContain(OWNER.name);
    expect(takeProblems(owner)).toEqual([]);

    // The viewer's open dashboard: the next question is refused, in the card that asked it.
    await chooseFromCardMenu(viewerPage, 'all-time', 'Clear cache & refresh');
    const refusedCard = viewerPage.getByTestId('card-all-time').getByRole('alert');
    await refusedCard.waitFor();
    expect(await refusedCard.innerText()).toContain(NOT_A_MEMBER);
    // Opened again: no figures, only why, with the way out (no other shop to open: Sign out).
    await viewerPage.reload();
    await viewerPage.getByRole('heading', { name: 'You are no longer a member of this shop' }).waitFor();
    expect(await viewerPage.getByTestId('not-a-member').innerText()).toContain(NOT_A_MEMBER);
    expect(await viewerPage.getByTestId('tile-all-time-orders').count()).toBe(0);
    expect(await viewerPage.getByRole('button').allInnerTexts()).toEqual(['Sign out']);
    await viewerPage.screenshot({ path: `${ARTIFACTS}accounts-removed-viewer.png` });
    const caller = await gqlAs(viewer, '{ caller { kind role } }');
    expect(caller.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const figures = await gqlAs(viewer, '{ shop { tiktokInsights { allTime { totalOrders } } } }');
    expect(figures.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(figures.data ?? null).toBeNull();
    await viewerPage.getByRole('button', { name: 'Sign out' }).click();
    await viewerPage.getByRole('heading', { name: 'Sign in to your shop' }).waitFor();
    expect((await viewer.context.cookies(url)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    expect(takeProblems(viewer)).toEqual([]);
  });

  it('at phone width (375 px) the sign-in page and Settings → Team fit without sideways scrolling', async () => {
    const phone = await openBrowser();
    await phone.page.setViewportSize(PHONE);
    await phone.page.goto(`${url}/insights/tiktok`);
    await phone.page.getByRole('heading', { name: 'Sign in to your shop' }).waitFor();
    await pageIsNoWiderThan(phone.page, PHONE.width);
    for (const control of await phone.page.locator('main input, main button').all()) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await phone.page.screenshot({ path: `${ARTIFACTS}accounts-sign-in-phone.png`, fullPage: true });
    expect(takeProblems(phone)).toEqual([]);
    await phone.context.close();

    const { page } = owner;
    await page.setViewportSize(PHONE);
    await page.goto(`${url}/settings/team`);
    await expect.poll(() => page.getByTestId('team-member').count()).toBe(1);
    await page.getByLabel('Email').fill('lee@alder-lane.example');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByTestId('invitation-created').waitFor();
    await expect.poll(() => page.getByTestId('team-invitation').count()).toBe(1);
    await pageIsNoWiderThan(page, PHONE.width);
    for (const id of ['invitation-link', 'team-member', 'team-invitation']) {
      const box = (await page.getByTestId(id).first().boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(PHONE.width);
    }
    await page.screenshot({ path: `${ARTIFACTS}accounts-team-phone.png`, fullPage: true });
    expect(takeProblems(owner)).toEqual([]);
  });

  it('the sign-in page: a wrong password says so; after 10 wrong passwords the 11th attempt is told to wait, even with the right one', async () => {
    const stranger = await openBrowser();
    const { page } = stranger;
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in to your shop' }).waitFor();
    const signIn = async (password: string) => {
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The form is busy until the server answered.
      await page.waitForFunction(() => document.querySelector('form[aria-busy="true"]') === null);
    };
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await signIn(`wrong password ${attempt}`);
      await expect.poll(() => page.getByText(WRONG_PASSWORD).isVisible()).toBe(true);
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    }
    await signIn('wrong password 11');
    const wait = page.getByText('Too many attempts. Try again in 15 minutes.');
    await wait.waitFor();
    expect(await page.getByText(WRONG_PASSWORD).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}accounts-sign-in-wait.png` });
    // The wait holds for the right password too (for this account, from this address).
    await signIn(OWNER.password);
    await wait.waitFor();
    expect(await page.getByTestId('account-name').count()).toBe(0);
    expect((await stranger.context.cookies(url)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    expect(takeProblems(stranger, statusLine(401, 429))).toEqual([]);
    // The owner's own session, opened earlier, is not affected.
    await owner.page.goto(`${url}/insights/tiktok`);
    await waitForInsights(owner.page);
    expect(ordersImported).toBeGreaterThan(0);
    await stranger.context.close();
  });
});
