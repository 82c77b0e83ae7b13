import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Gzipped size of the JavaScript the dashboard's index.html loads up front (entry and modulepreloads). */
function initialJsGzipBytes(): number | null {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
}

/**
 * Opens the demo shop's dashboard in headless Chromium (Debian's, driven by playwright-core) and
 * measures from navigation start until every data set shows its data.
 */
async function drawnMs(url: string, person: SignIn): Promise<{ ms: number | null; note: string }> {
  if (!existsSync(CHROMIUM)) return { ms: null, note: 'no /usr/bin/chromium' };
  if (!existsSync(join(DIST, 'index.html'))) return { ms: null, note: 'dashboard not built' };
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'tti-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  try {
    // Signed in once through the real sign-in route; the context keeps the session cookie.
    const signedIn = await context.request.post(`${url}/api/auth/sign-in/email`, { data: person, headers: { origin: url } });
    if (!signedIn.ok()) return { ms: null, note: `sign-in answered ${signedIn.status()}` };
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await context.newPage();
      await page.goto(`${url}/insights/tiktok`);
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="card-crossover-customers"] [data-testid="row"]') !== null &&
          document.querySelector('[data-testid="card-top-products"] [data-testid="row"]') !== null &&
          document.querySelectorAll('[aria-busy="true"]').length === 0 &&
          document.querySelectorAll('canvas').length >= 8,
        undefined,
        { timeout: 30_000 },
      );
      times.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    times.sort((a, b) => a - b);
    return { ms: times[1]!, note: 'median of 3 loads' };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface SignIn {
  email: string;
  password: string;
}

export async function measureSpa(url: string, person: SignIn) {
  const drawn = await drawnMs(url, person).catch((error: unknown) => ({ ms: null, note: String(error).slice(0, 200) }));
  return { initialJsGzipBytes: initialJsGzipBytes(), drawnMs: drawn.ms, note: drawn.note };
}
