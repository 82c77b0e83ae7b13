/**
 * Shutdown has a deadline. The database vanishes under the running API without closing its
 * connections (a TCP proxy between them stops forwarding and keeps every connection open, as a
 * dead host or a network partition does), so requests in flight hold pool clients whose statements
 * never answer; SIGTERM then makes the process give up within SHUTDOWN_TIMEOUT_MS and exit 1, and
 * a second signal exits at once. The API's own embedded PostgreSQL killed under it does not make
 * the shutdown wait forever for a server that is gone.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../platform/database/free-port.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { IMPORT_MUTATION } from '../test-support/order-factory.js';
import { bigBatch, createShopAt, gqlAt, logLines, startApiProcess, waitFor, type ApiProcess } from './support.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const SHUTDOWN_TIMEOUT_MS = 4_000;
/** Time for the process to notice the signal and to exit once it decided to. */
const MARGIN_MS = 1_500;

let api: ApiProcess | undefined;

afterEach(() => {
  if (api && api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
  api = undefined;
});

/** Sends SIGTERM (or another signal) and measures how long the process takes to exit. */
async function signalAndTime(process: ApiProcess, signal: NodeJS.Signals = 'SIGTERM') {
  const sent = performance.now();
  process.child.kill(signal);
  const exit = await Promise.race([process.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
  return { exit, ms: performance.now() - sent };
}

describe('with the database gone silent under the API', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  afterEach(async () => {
    await proxy?.close();
  });

  /** The API through the proxy, with a shop and orders, then the database cut off and `requests` queries in flight. */
  async function apiWithRequestsHanging(requests: number, timeoutMs: number) {
    proxy = await startTcpProxy(db.url);
    api = await startApiProcess(proxy.url, { SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    const { token } = await createShopAt(api.url, `Silent Database Boutique ${timeoutMs}`);
    const imported = await gqlAt(api.url, IMPORT_MUTATION, { orders: bigBatch('silent', 200) }, token);
    expect(imported.errors).toBeUndefined();
    // Warm the pool: a few dashboards in parallel leave several idle clients to pick up.
    for (const answer of await Promise.all(Array.from({ length: 4 }, () => gqlAt(api!.url, '{ shop { name } }', {}, token)))) {
      expect(answer.errors).toBeUndefined();
    }

    proxy.blackHole();
    let answered = 0;
    const inFlight = Array.from({ length: requests }, () =>
      gqlAt(api!.url, '{ shop { name } }', {}, token).then(
        () => (answered += 1),
        (error: unknown) => error,
      ),
    );
    // Each request took a pooled client and sent its statement, which will never be answered.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBe(0);
    return { inFlight, answered: () => answered };
  }

  it(`gives up after SHUTDOWN_TIMEOUT_MS (${SHUTDOWN_TIMEOUT_MS} ms) and exits 1 while requests wait on dead connections`, async () => {
    const { inFlight, answered } = await apiWithRequestsHanging(3, SHUTDOWN_TIMEOUT_MS);
    const { exit, ms } = await signalAndTime(api!);
    const output = api!.output();
    expect(exit, output.slice(-3000)).toEqual({ code: 1, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + MARGIN_MS);
    // The requests were cut off, not answered.
    await Promise.all(inFlight);
    expect(answered()).toBe(0);

    const logs = logLines(output);
    const step = (name: string) => logs.find((line) => line.step === name && line.msg.startsWith('shutdown step'));
    expect(logs.some((line) => line.msg === 'shutting down: finishing requests in flight' && line.timeoutMs === SHUTDOWN_TIMEOUT_MS)).toBe(true);
    expect(step('http')).toMatchObject({ msg: 'shutdown step gave up', requestsCutShort: 3 });
    const stopped = logs.find((line) => line.msg === 'stopped' || line.msg.startsWith('shutdown deadline passed'));
    expect(stopped, output.slice(-3000)).toBeDefined();
    // The logs are JSON on stderr; stdout holds only the lines for people.
    expect(api!.stdout()).toContain('TikTok Insights is running at');
    expect(api!.stdout()).not.toContain('{');
    console.log(`shutdown with the database silent: exit code ${exit === 'still running' ? exit : exit.code} after ${Math.round(ms)} ms (SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS}); steps: ${logs.filter((l) => l.step).map((l) => `${String(l.step)} ${l.msg === 'shutdown step finished' ? 'finished' : 'gave up'} (${String(l.ms)} ms)`).join(', ')}`);
  });

  it('exits at once on a second signal during shutdown', async () => {
    await apiWithRequestsHanging(2, 120_000);
    api!.child.kill('SIGTERM');
    await waitFor(() => api!.output().includes('shutting down: finishing requests in flight'), 10_000, 'the shutdown to start');
    // The first shutdown waits on the requests (up to a minute's grace); a second signal ends it now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api!.child.exitCode).toBeNull();
    const { exit, ms } = await signalAndTime(api!, 'SIGINT');
    expect(exit, api!.output().slice(-3000)).toEqual({ code: 130, signal: null });
    expect(ms).toBeLessThan(1_000);
    expect(logLines(api!.output()).some((line) => line.msg === 'second signal during shutdown: exiting at once' && line.signal === 'SIGINT')).toBe(true);
    console.log(`second signal during shutdown: exit code 130 after ${Math.round(ms)} ms`);
  });
});

describe('with its embedded PostgreSQL killed', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tiktok-insights-shutdown-pg-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** No DATABASE_URL: the API starts and owns an embedded PostgreSQL in dataDir. */
  const startWithEmbeddedPostgres = async () =>
    startApiProcess('', { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });

  it('stops it cleanly and exits 0', async () => {
    api = await startWithEmbeddedPostgres();
    await createShopAt(api.url, 'Embedded Boutique');
    const { exit, ms } = await signalAndTime(api);
    expect(exit, api.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    const logs = logLines(api.output());
    expect(logs.find((line) => line.step === 'embedded PostgreSQL')).toMatchObject({ msg: 'shutdown step finished' });
    expect(logs.some((line) => line.msg === 'embedded PostgreSQL stopped')).toBe(true);
  });

  it('does not wait for a server that is gone, and exits 1', async () => {
    api = await startWithEmbeddedPostgres();
    const { token } = await createShopAt(api.url, 'Embedded Boutique 2');
    expect((await gqlAt(api.url, '{ shop { name } }', {}, token)).data).toEqual({ shop: { name: 'Embedded Boutique 2' } });

    // The server the API started (its postmaster, first line of postmaster.pid) is killed outright.
    const postmaster = Number((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(postmaster).toBeGreaterThan(0);
    process.kill(postmaster, 'SIGKILL');
    await waitFor(async () => (await fetch(`${api!.url}/readyz`)).status === 503, 10_000, '/readyz to report the database gone');

    const { exit, ms } = await signalAndTime(api);
    expect(exit, api.output().slice(-3000)).toEqual({ code: 1, signal: null });
    expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + MARGIN_MS);
    const logs = logLines(api.output());
    expect(logs.find((line) => line.step === 'embedded PostgreSQL')).toMatchObject({ msg: 'shutdown step gave up', outcome: 'not running' });
    console.log(`shutdown with the embedded PostgreSQL killed: exit code 1 after ${Math.round(ms)} ms`);
  });
});
