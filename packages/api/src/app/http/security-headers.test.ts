import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { APOLLO_SANDBOX_FRAME_ORIGIN, APOLLO_SANDBOX_SCRIPT_ORIGIN } from './security-headers.js';

/*
 * The security headers of every kind of answer, from the real server: the dashboard's pages and
 * assets (a dist folder laid out as the web build makes it), GraphiQL's page, GraphQL's JSON, the
 * import API, a 404, and Apollo's landing page on /graphql with its own CSP.
 */

let db: TestDatabase;
let api: TestApi;
let distDir: string;
let token: string;

const ASSET = '/assets/index-Cq3x8Zf1.js';

beforeAll(async () => {
  distDir = await mkdtemp(join(tmpdir(), 'security-headers-dist-'));
  await mkdir(join(distDir, 'assets'));
  await mkdir(join(distDir, 'graphiql', 'assets'), { recursive: true });
  await writeFile(
    join(distDir, 'index.html'),
    `<!doctype html><html><head><script type="module" crossorigin src="${ASSET}"></script></head><body><div id="root"></div></body></html>`,
  );
  await writeFile(join(distDir, ASSET), 'document.getElementById("root").textContent = "dashboard";\n');
  await writeFile(join(distDir, 'graphiql', 'index.html'), '<!doctype html><html><body><div id="graphiql"></div></body></html>');
  db = await createTestDatabase();
  api = await startTestApi(db.dataSource, { server: { webDistDir: distDir } });
  ({ token } = await api.createShop());
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

/** A CSP header as directive → its sources, in order. */
function parseCsp(header: string | null): Record<string, string[]> {
  expect(header, 'Content-Security-Policy').toBeTruthy();
  const directives: Record<string, string[]> = {};
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

const DASHBOARD = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};
const API = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] };

/** The headers every answer has, whatever it is. */
function expectCommonHeaders(response: Response, referrerPolicy = 'no-referrer'): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe(referrerPolicy);
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  // The server cannot tell whether it is reached over HTTPS: no HSTS.
  expect(response.headers.get('strict-transport-security')).toBeNull();
  expect(response.headers.get('x-powered-by')).toBeNull();
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.server.url}${path}`, { headers });
/** What a browser sends when it opens an address. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the dashboard', () => {
  it('serves its page with a CSP that allows its own files only', async () => {
    for (const path of ['/', '/insights/tiktok', '/import', '/settings', '/setup', '/accept-invitation/x', '/reset-password']) {
      const response = await get(path, { accept: BROWSER_ACCEPT });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<div id="root">');
      expectCommonHeaders(response);
      expect(parseCsp(response.headers.get('content-security-policy')), path).toEqual(DASHBOARD);
    }
  });

  it("serves a shared link's page so that any site may frame it, with the dashboard's CSP otherwise", async () => {
    const response = await get('/shared/tts_someToken', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(parseCsp(response.headers.get('content-security-policy'))).toEqual({ ...DASHBOARD, 'frame-ancestors': ['*'] });
  });

  it('serves a built asset with the same headers', async () => {
    const response = await get(ASSET);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript|^application\/javascript/);
    expect(await response.text()).toContain('dashboard');
    expectCommonHeaders(response);
    expect(parseCsp(response.headers.get('content-security-policy'))).toEqual(DASHBOARD);
  });
});

describe('the API', () => {
  it('answers POST /graphql with a CSP that allows nothing', async () => {
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { shop: { name: 'Test Boutique' } } });
    expectCommonHeaders(response);
    expect(parseCsp(response.headers.get('content-security-policy'))).toEqual(API);
  });

  it('answers a GET of GraphQL asking for JSON the same way', async () => {
    const response = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { accept: 'application/json', 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expectCommonHeaders(response);
    expect(parseCsp(response.headers.get('content-security-policy'))).toEqual(API);
  });

  it('answers GET /api/imports with a token, /healthz and an error the same way', async () => {
    const imports = await get('/api/imports', { authorization: `Bearer ${token}` });
    expect(imports.status).toBe(200);
    expect(imports.headers.get('content-type')).toMatch(/^application\/json/);
    await imports.json();
    const unauthenticated = await get('/api/imports');
    expect(unauthenticated.status).toBe(401);
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    for (const response of [imports, unauthenticated, health]) {
      expectCommonHeaders(response);
      expect(parseCsp(response.headers.get('content-security-policy'))).toEqual(API);
    }
  });

  it('answers an unknown path with a JSON 404 and the same headers', async () => {
    const unknownApi = await get('/api/no-such-route', { accept: BROWSER_ACCEPT });
    const unknownPost = await fetch(`${api.server.url}/no-such-page`, { method: 'POST' });
    for (const response of [unknownApi, unknownPost]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
      expectCommonHeaders(response);
    }
    expect(parseCsp(unknownApi.headers.get('content-security-policy'))).toEqual(API);
    // A path of the dashboard's: its CSP, though the answer is the 404.
    expect(parseCsp(unknownPost.headers.get('content-security-policy'))).toEqual(DASHBOARD);
  });
});

describe("Apollo's landing page on /graphql", () => {
  const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('has a CSP of its own: the embed host and its inline script and styles by hash, nothing inline besides', async () => {
    const pages: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await get('/graphql', { accept: BROWSER_ACCEPT });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      pages.push(html);
      expectCommonHeaders(response, 'strict-origin-when-cross-origin');
      const csp = parseCsp(response.headers.get('content-security-policy'));

      // The scripts the page loads: from the embed host only, which the CSP names.
      const external = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => new URL(src!).origin);
      expect(external).toEqual([APOLLO_SANDBOX_SCRIPT_ORIGIN]);
      expect(APOLLO_SANDBOX_SCRIPT_ORIGIN).toBe('https://embeddable-sandbox.cdn.apollographql.com');
      // Its inline script (the Sandbox's start) and styles, each allowed by its hash.
      const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, text]) => text!);
      expect(inlineScripts).toHaveLength(1);
      expect(inlineScripts[0]).toContain('new window.EmbeddedSandbox(');
      const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(([, text]) => text!);
      expect(inlineStyles.length).toBeGreaterThan(0);
      expect(csp['script-src']).toEqual([sha256(inlineScripts[0]!), APOLLO_SANDBOX_SCRIPT_ORIGIN]);
      expect(csp['style-src']).toEqual([...inlineStyles.map(sha256), 'https://fonts.googleapis.com']);
      for (const sources of Object.values(csp)) expect(sources).not.toContain("'unsafe-inline'");
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['frame-src']).toEqual([APOLLO_SANDBOX_FRAME_ORIGIN]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'none'"]);
    }
    // Apollo's nonce changes with every page; the hashed text does not.
    const nonce = (html: string) => /nonce="([^"]+)"/.exec(html)?.[1];
    expect(nonce(pages[0]!)).toBeTruthy();
    expect(nonce(pages[0]!)).not.toBe(nonce(pages[1]!));
  });
});

describe('GraphiQL on /graphiql', () => {
  it('has its own CSP: its own scripts and workers, inline styles for its editor', async () => {
    const response = await get('/graphiql', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="graphiql">');
    expectCommonHeaders(response);
    const csp = parseCsp(response.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
  });
});
