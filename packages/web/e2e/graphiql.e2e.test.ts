/**
 * GraphiQL on /graphiql, as the API serves it from the build (packages/web/vite.graphiql.config.ts):
 * in headless Chromium it loads, shows the schema's documentation, runs `{ shop { name } }` with
 * the shop token taken from the address's `#token=`, and shows the answer; no request leaves
 * 127.0.0.1 (it works without internet), the page raises no error and nothing breaks its
 * Content-Security-Policy.
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

const WEB_ROOT = fileURLToPath(new URL('../', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const SHOP_NAME = 'GraphiQL Boutique';

let distDir: string;
let profile: string;
let db: TestDatabase;
let server: RunningServer;
let browser: BrowserContext;
let token: string;

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
  ({ token } = await createShop(db.dataSource, { name: SHOP_NAME, timezone: 'America/Chicago' }));
  server = await startServer({ dataSource: db.dataSource, logger: createLogger('silent'), adminToken: null, webDistDir: distDir }, 0, '127.0.0.1');
  profile = await mkdtemp(join(tmpdir(), 'tiktok-insights-e2e-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: DESKTOP, locale: 'en-US' });
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

it('loads without internet, shows the schema docs, and runs a query with the token from the address', async () => {
  const requests: string[] = [];
  browser.on('request', (request) => void requests.push(request.url()));
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => void errors.push(error.message));
  const csp = await watchCspViolations(page);
  const graphqlCalls: Array<{ authorization: string | undefined; body: string }> = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') {
      graphqlCalls.push({ authorization: request.headers().authorization, body: request.postData() ?? '' });
    }
  });

  const response = await page.goto(`${server.url}/graphiql#token=${encodeURIComponent(token)}`);
  // Its own CSP: scripts and workers of its build only; inline styles for its editor.
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self';");
  expect(policy).toContain("style-src 'self' 'unsafe-inline';");
  // The editors are drawn and the schema came (introspection, without a token).
  await page.locator('.graphiql-container .graphiql-query-editor .view-lines').waitFor({ timeout: 60_000 });
  // The token left the address bar and filled the Authorization header.
  expect(new URL(page.url()).hash).toBe('');
  await expect.poll(() => editorText(page, '.graphiql-editor-tool'), { timeout: 20_000 }).toContain(`"Authorization": "Bearer ${token}"`);

  // The documentation explorer shows the schema's root types and, a click further, the shop's fields.
  await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await expect.poll(() => docs.innerText(), { timeout: 20_000 }).toMatch(/Root Types[\s\S]*query:\s*Query/);
  await docs.getByRole('link', { name: 'Query', exact: true }).click();
  await expect.poll(() => docs.innerText(), { timeout: 10_000 }).toMatch(/shop/);

  // Replace the query and run it.
  await page.locator('.graphiql-query-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{ shop { name } }');
  await expect.poll(() => editorText(page, '.graphiql-query-editor')).toBe('{ shop { name } }');
  await page.getByRole('button', { name: /Execute query/i }).click();
  const answer = async () => {
    try {
      return JSON.parse(await editorText(page, '.graphiql-response')) as unknown;
    } catch {
      return null;
    }
  };
  await expect.poll(answer, { timeout: 20_000 }).toEqual({ data: { shop: { name: SHOP_NAME } } });

  const run = graphqlCalls.find((call) => call.body.includes('shop { name }'));
  expect(run?.authorization).toBe(`Bearer ${token}`);
  // Introspection went out too (the docs) — without a token is fine, with the header as typed is too.
  expect(graphqlCalls.some((call) => call.body.includes('IntrospectionQuery'))).toBe(true);

  await page.screenshot({ path: `${ARTIFACTS}graphiql.png` });
  const elsewhere = requests.filter((url) => !/^(data:|blob:)/.test(url) && new URL(url).hostname !== '127.0.0.1');
  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
  expect(csp.all()).toEqual([]);
  console.log(`graphiql: ${requests.length} requests, all to 127.0.0.1; query answered ${JSON.stringify({ shop: { name: SHOP_NAME } })}`);
});
