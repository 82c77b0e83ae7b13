/**
 * GraphiQL on /graphiql, as the API serves it from the build (packages/web/vite.graphiql.config.ts):
 * in headless Chromium it loads, shows the schema's documentation, runs `{ shop { name } }` with
 * the session cookie of a person signed in to the dashboard in the same browser (same origin, no
 * Authorization header), and with an API key typed in its Headers tab in a browser signed in as
 * nobody; an old `#token=` in the address fills nothing. No request leaves 127.0.0.1 (it works
 * without internet), the page raises no error and nothing breaks its Content-Security-Policy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer, createLogger, createShop, createTestDatabase, type TestDatabase } from '@tiktok-insights/api/testing';
import { watchCspViolations } from './support/csp-violations.js';
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP } from './support/environment.js';
import { signInAsNewPerson } from './support/sessions.js';

const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const SHOP_NAME = 'GraphiQL Boutique';

let distDir: string;
let profile: string;
let db: TestDatabase;
let server: RunningServer;
let browser: BrowserContext;
/** The shop's first API key (an IMPORT key). */
let token: string;
/** Every request the browser made. */
const requests: string[] = [];

/** Builds GraphiQL's page as `pnpm build` does, into a folder of its own (`<dir>/graphiql/`). */
async function buildGraphiql(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which Vite would honour (React's development build): build as production does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.graphiql.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'tiktok-insights-e2e-graphiql-'));
  await buildGraphiql(distDir);
  db = await createTestDatabase();
  let shopId: string;
  ({ token, shop: { id: shopId } } = await createShop(db.dataSource, { name: SHOP_NAME, timezone: 'America/Chicago' }));
  server = await startServer({ dataSource: db.dataSource, logger: createLogger('silent'), adminToken: null, webDistDir: distDir }, 0, '127.0.0.1');
  profile = await mkdtemp(join(tmpdir(), 'tiktok-insights-e2e-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: DESKTOP, locale: 'en-US' });
  browser.on('request', (request) => void requests.push(request.url()));
  await signInAsNewPerson(browser, { url: server.url, dataSource: db.dataSource }, shopId, 'viewer@graphiql.example', 'viewer');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
  for (const dir of [profile, distDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** The text of a Monaco editor inside `selector` (Monaco draws spaces as no-break spaces). */
async function editorText(page: Page, selector: string): Promise<string> {
  return (await page.locator(`${selector} .view-lines:visible`).first().innerText()).replaceAll('\u00a0', ' ');
}

/** Replaces the text of a Monaco editor. */
async function replaceEditorText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} .view-lines:visible`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await expect.poll(() => editorText(page, selector)).toBe(text);
}

/** The answer GraphiQL shows, as JSON (null while there is none). */
async function answer(page: Page): Promise<unknown> {
  try {
    return JSON.parse(await editorText(page, '.graphiql-response')) as unknown;
  } catch {
    return null;
  }
}

interface GraphqlCall {
  authorization: string | undefined;
  cookie: string | undefined;
  body: string;
}

/** Opens GraphiQL in a new tab of the browser, watching its errors, CSP and GraphQL requests. */
async function openGraphiql(path = '/graphiql') {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => void errors.push(error.message));
  const csp = await watchCspViolations(page);
  const calls: GraphqlCall[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/graphql' || request.method() !== 'POST') return;
    const call: GraphqlCall = { authorization: request.headers().authorization, cookie: undefined, body: request.postData() ?? '' };
    calls.push(call);
    // The headers as sent, with the cookie the browser added.
    void request.allHeaders().then((headers) => (call.cookie = headers.cookie));
  });
  const response = await page.goto(`${server.url}${path}`);
  // The editors are drawn and the schema came (introspection).
  await page.locator('.graphiql-container .graphiql-query-editor .view-lines').waitFor({ timeout: 60_000 });
  return { page, response, errors, csp, calls };
}

const SHOP_QUERY = '{ shop { name } }';

it('loads without internet, shows the schema docs, and runs a query with the session cookie of the dashboard', async () => {
  const { page, response, errors, csp, calls } = await openGraphiql();
  // Its own CSP: scripts and workers of its build only; inline styles for its editor.
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self';");
  expect(policy).toContain("style-src 'self' 'unsafe-inline';");
  // Nothing to fill in: the cookie goes by itself.
  expect(await editorText(page, '.graphiql-editor-tool')).toBe('{}');

  // The documentation explorer shows the schema's root types and, a click further, the shop's fields.
  await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await expect.poll(() => docs.innerText(), { timeout: 20_000 }).toMatch(/Root Types[\s\S]*query:\s*Query/);
  await docs.getByRole('link', { name: 'Query', exact: true }).click();
  await expect.poll(() => docs.innerText(), { timeout: 10_000 }).toMatch(/shop/);

  // Replace the query and run it.
  await replaceEditorText(page, '.graphiql-query-editor', SHOP_QUERY);
  await page.getByRole('button', { name: /Execute query/i }).click();
  await expect.poll(() => answer(page), { timeout: 20_000 }).toEqual({ data: { shop: { name: SHOP_NAME } } });

  const run = calls.find((call) => call.body.includes('shop { name }'));
  expect(run?.authorization).toBeUndefined();
  await expect.poll(() => run?.cookie).toMatch(/tiktok-insights\.session_token=/);
  expect(calls.some((call) => call.body.includes('IntrospectionQuery'))).toBe(true);

  await page.screenshot({ path: `${ARTIFACTS}graphiql.png` });
  const elsewhere = requests.filter((url) => !/^(data:|blob:)/.test(url) && new URL(url).hostname !== '127.0.0.1');
  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
  expect(csp.all()).toEqual([]);
  console.log(`graphiql: ${requests.length} requests, all to 127.0.0.1; query answered ${JSON.stringify({ shop: { name: SHOP_NAME } })}`);
  await page.close();
});

it('signed in as nobody: an old #token= fills nothing and is refused; the API key typed in the Headers tab runs the query', async () => {
  await browser.clearCookies();
  const { page, errors, csp, calls } = await openGraphiql(`/graphiql#token=${encodeURIComponent(token)}`);
  expect(await editorText(page, '.graphiql-editor-tool')).toBe('{}');
  await replaceEditorText(page, '.graphiql-query-editor', SHOP_QUERY);
  await page.getByRole('button', { name: /Execute query/i }).click();
  await expect.poll(() => editorText(page, '.graphiql-response'), { timeout: 20_000 }).toContain('"UNAUTHENTICATED"');
  expect(calls.every((call) => call.authorization === undefined)).toBe(true);

  await replaceEditorText(page, '.graphiql-editor-tool', `{ "Authorization": "Bearer ${token}" }`);
  await page.getByRole('button', { name: /Execute query/i }).click();
  await expect.poll(() => answer(page), { timeout: 20_000 }).toEqual({ data: { shop: { name: SHOP_NAME } } });
  expect(calls.at(-1)?.authorization).toBe(`Bearer ${token}`);
  expect(calls.at(-1)?.cookie).toBeUndefined();
  expect(errors).toEqual([]);
  expect(csp.all()).toEqual([]);
  await page.close();
});
