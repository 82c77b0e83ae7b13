/**
 * CSV exports against the API as its own process (`node dist/main.js`) and a real PostgreSQL,
 * over real sockets. Shop A has a marketing list of about 20 MB; the API's memory growth while it
 * prepares and sends it is printed (and stays under 50 MB).
 *
 * - Stalled downloads: A opens 12 connections to its export and reads nothing. Another shop's
 *   dashboard and `/readyz` answer as usual meanwhile (their timings are printed); past
 *   EXPORT_LIMIT_PER_SHOP the export answers 429 with Retry-After; the stalled downloads are cut
 *   off after EXPORT_STALL_TIMEOUT_MS, short of their Content-Length, and their places come back,
 *   as the place of a client that leaves in the middle of its download does at once.
 * - A slow reader (socket reads throttled to 1 MB/s, a download of about 20 s) with the statement
 *   timeout lowered to 5 s (STATEMENT_TIMEOUT_MS), which would cancel a query held open for the
 *   download, gets the whole file: the same bytes as a fast download.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderData } from '../modules/orders/order-input.js';
import { importOrdersOfShop as importOrders } from '../test-support/import-orders-of-shop.js';
import { FULL_DASHBOARD_QUERY } from '../test-support/dashboard-query.js';
import { makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { bigBatch, createShopAt, gqlAt, logLines, startApiProcess, waitFor, type ApiProcess } from './support.js';

const CUSTOMERS = 20_000;
const IMPORT_BATCH = 1_000;
const STALLED_CONNECTIONS = 12;
const PER_SHOP = 2;
const STALL_TIMEOUT_MS = 4_000;
const SLOW_READ_BYTES_PER_SECOND = 1024 * 1024;
const LOWERED_STATEMENT_TIMEOUT_MS = 5_000;
const EXPORT_PATH = '/api/exports/tiktok-customers.csv?asOf=2025-12-31';

let db: TestDatabase;
let api: ApiProcess | undefined;
let shopA: { shopId: string; token: string };
let shopB: { shopId: string; token: string };
/** A fast, complete download of A's list, to compare with. */
let reference: { bytes: number; sha256: string } | undefined;

const pad = (text: string, length: number) => (text + ' ' + 'abcdefghij'.repeat(Math.ceil(length / 10))).slice(0, length);

/** A TikTok buyer with long (valid) name and address fields: about 1 kB a CSV record. */
function wideOrder(i: number): OrderData {
  return makeOrder({
    externalId: `wide-${i}`,
    placedAt: new Date(Date.UTC(2025, 0, 1) + (i % 330) * 86_400_000).toISOString(),
    customer: {
      externalId: `tt-wide-${i}`,
      name: pad(`Customer ${i}`, 290),
      address: { line1: pad(`${i} Long Street`, 195), line2: pad(`Suite ${i}`, 195), city: pad('Chicago', 95), region: pad('Illinois', 95) },
    },
    lines: [{ productExternalId: `p-${i % 50}`, productName: `Product ${i % 50}`, sku: null, quantity: 1 + (i % 3), unitPriceCents: 1000 + (i % 700) }],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
}, 300_000);

afterAll(async () => {
  if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
  await db?.drop();
});

interface Download {
  response: IncomingMessage;
  ms: number;
}

/** GET on a connection of its own; resolves once the status and headers are in, the body left unread. */
function openDownload(url: string, token: string): Promise<Download> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (response) =>
      resolve({ response, ms: performance.now() - started }),
    );
    req.once('error', reject);
    req.end();
  });
}

/** Reads the rest of a response, at most `bytesPerSecond` when given; tells whether it ended complete. */
function readBody(response: IncomingMessage, bytesPerSecond?: number): Promise<{ body: Buffer; complete: boolean; ms: number }> {
  const started = performance.now();
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve) => {
    const done = (complete: boolean) => resolve({ body: Buffer.concat(chunks), complete, ms: performance.now() - started });
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (bytesPerSecond === undefined) return;
      // Ahead of the allowed pace: stop reading the socket for a while (TCP pushes back on the server).
      const aheadMs = (received / bytesPerSecond) * 1000 - (performance.now() - started);
      if (aheadMs > 0) {
        response.pause();
        setTimeout(() => response.resume(), aheadMs);
      }
    });
    response.once('end', () => done(response.complete));
    response.once('error', () => done(false));
    response.once('aborted', () => done(false));
  });
}

/** Resident memory of a process (Linux). */
const rssOf = (pid: number) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function timed<T>(what: string, send: () => Promise<T>, ok: (result: T) => boolean): Promise<{ what: string; ms: number; ok: boolean; detail: string }> {
  const started = performance.now();
  try {
    const result = await send();
    return { what, ms: Math.round(performance.now() - started), ok: ok(result), detail: JSON.stringify(result).slice(0, 160) };
  } catch (error) {
    return { what, ms: Math.round(performance.now() - started), ok: false, detail: String(error) };
  }
}

it('keeps other shops and /readyz answering while one shop stalls its downloads, and answers 429 past its places', async () => {
  api = await startApiProcess(db.url, { LOG_LEVEL: 'info', EXPORT_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS) });
  const url = api.url;
  shopA = await createShopAt(url, 'Wide List Boutique');
  shopB = await createShopAt(url, 'Neighbour Boutique');
  const imported = performance.now();
  for (let from = 0; from < CUSTOMERS; from += IMPORT_BATCH) {
    await importOrders(db.dataSource, shopA.shopId, Array.from({ length: IMPORT_BATCH }, (_, i) => wideOrder(from + i)));
  }
  await importOrders(db.dataSource, shopB.shopId, bigBatch('neighbour', 400));
  console.log(`export isolation: ${CUSTOMERS} wide customers imported in ${Math.round(performance.now() - imported)} ms`);

  // The API's memory while it prepares and sends the whole list (as `pnpm bench` measures it).
  const rssBefore = rssOf(api.child.pid!);
  let rssMax = rssBefore;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssOf(api!.child.pid!))), 20);
  const fast = await openDownload(url + EXPORT_PATH, shopA.token);
  expect(fast.response.statusCode).toBe(200);
  const fastBody = await readBody(fast.response);
  clearInterval(sampler);
  expect(fastBody.complete).toBe(true);
  reference = { bytes: fastBody.body.length, sha256: sha256(fastBody.body) };
  const rssGrowth = rssMax - rssBefore;
  console.log(
    `export isolation: a fast download of A's list: ${reference.bytes} bytes in ${Math.round(fast.ms + fastBody.ms)} ms (headers after ${Math.round(fast.ms)} ms); the API's RSS grew by ${(rssGrowth / 1024 / 1024).toFixed(1)} MB`,
  );
  expect(reference.bytes).toBeGreaterThan(15 * 1024 * 1024);
  expect(rssGrowth).toBeLessThan(50 * 1024 * 1024);

  // Shop A: 12 connections to its export that read nothing.
  const stalledStarted = performance.now();
  const opened = Array.from({ length: STALLED_CONNECTIONS }, () => openDownload(url + EXPORT_PATH, shopA.token));
  const downloads = (
    await Promise.all(opened.map((download) => Promise.race([download, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000))])))
  ).filter((download): download is Download => download !== null);
  const statuses = downloads.map((download) => download.response.statusCode);
  console.log(`export isolation: ${STALLED_CONNECTIONS} stalled downloads of A: statuses ${JSON.stringify(statuses)} after ${Math.round(performance.now() - stalledStarted)} ms`);
  const refusals = await Promise.all(
    downloads.filter((download) => download.response.statusCode !== 200).map(async ({ response }) => ({
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      body: JSON.parse((await readBody(response)).body.toString('utf8')) as { errors: Array<{ extensions: { code: string } }> },
    })),
  );
  // Time for the stalled downloads to fill their sockets' buffers.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  // Meanwhile shop B's dashboard and /readyz, three rounds started 700 ms apart.
  const rounds = await Promise.all(
    [0, 700, 1_400].map(async (delay) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return Promise.all([
        timed('B { shop { name } }', () => gqlAt(url, '{ shop { name } }', {}, shopB.token), (r) => !r.errors && r.data?.shop?.name === 'Neighbour Boutique'),
        timed('B full dashboard', () => gqlAt(url, FULL_DASHBOARD_QUERY, { asOf: '2025-12-31' }, shopB.token), (r) => !r.errors && r.data?.shop?.tiktokInsights != null),
        timed('/readyz', async () => (await fetch(`${url}/readyz`)).status, (status) => status === 200),
        timed('B CSV export', async () => {
          const response = await fetch(`${url}/api/exports/tiktok-customers.csv`, { headers: { authorization: `Bearer ${shopB.token}` } });
          return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
        }, (r) => r.status === 200 && r.bytes > 0),
      ]);
    }),
  );
  for (const [round, results] of rounds.entries()) {
    console.log(`export isolation: round ${round + 1} while A stalls: ${results.map((r) => `${r.what} ${r.ok ? 'ok' : `FAILED ${r.detail}`} in ${r.ms} ms`).join('; ')}`);
  }

  expect(statuses.filter((status) => status === 200)).toHaveLength(PER_SHOP);
  expect(statuses.filter((status) => status === 429)).toHaveLength(STALLED_CONNECTIONS - PER_SHOP);
  for (const refusal of refusals) {
    expect(refusal.retryAfter).toBe('10');
    expect(refusal.body.errors[0]!.extensions.code).toBe('TOO_MANY_REQUESTS');
  }
  for (const result of rounds.flat()) {
    expect(result.ok, `${result.what}: ${result.detail}`).toBe(true);
    expect(result.ms, result.what).toBeLessThan(result.what === '/readyz' ? 1_000 : 3_000);
  }

  // The server cuts the stalled downloads off and gives their places back: A may export again.
  const stops = () => logLines(api!.output()).filter((line) => line.msg === 'csv export stopped');
  await waitFor(() => stops().length >= PER_SHOP, STALL_TIMEOUT_MS + 20_000, 'the stalled downloads to be cut off', 100);
  console.log(`export isolation: stalled downloads cut off ${Math.round(performance.now() - stalledStarted)} ms after they started (EXPORT_STALL_TIMEOUT_MS ${STALL_TIMEOUT_MS})`);
  expect(stops().map((line) => line.reason)).toEqual(['stalled', 'stalled']);
  const again = await openDownload(url + EXPORT_PATH, shopA.token);
  expect(again.response.statusCode).toBe(200);
  const againBody = await readBody(again.response);
  expect({ bytes: againBody.body.length, sha256: sha256(againBody.body) }).toEqual(reference);

  // A client that leaves in the middle of its download frees its place at once.
  const leaving = await openDownload(url + EXPORT_PATH, shopA.token);
  expect(leaving.response.statusCode).toBe(200);
  await new Promise<void>((resolve) => {
    let received = 0;
    leaving.response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received < 1024 * 1024 || leaving.response.destroyed) return;
      leaving.response.destroy();
      resolve();
    });
  });
  await waitFor(() => stops().length > PER_SHOP, 10_000, 'the server to see the client leave', 20);
  expect(stops()[PER_SHOP]!.reason).toBe('client closed');
  const next = await Promise.all([openDownload(url + EXPORT_PATH, shopA.token), openDownload(url + EXPORT_PATH, shopA.token)]);
  expect(next.map((download) => download.response.statusCode)).toEqual([200, 200]);
  for (const download of next) download.response.destroy();

  // What the stalled clients get when they read at last: less than the Content-Length, then the
  // connection's end, which every HTTP client reports as a failed download.
  const cutOff = await Promise.all(
    downloads
      .filter((download) => download.response.statusCode === 200)
      .map(async ({ response }) => {
        const { body, complete } = await readBody(response);
        return { bytes: body.length, complete, contentLength: Number(response.headers['content-length']) };
      }),
  );
  console.log(`export isolation: what the stalled clients got: ${JSON.stringify(cutOff)}`);
  for (const download of cutOff) {
    expect(download.contentLength).toBe(reference.bytes);
    expect(download.complete).toBe(false);
    expect(download.bytes).toBeLessThan(download.contentLength);
  }

  api.child.kill('SIGTERM');
  await api.exited;
  api = undefined;
});

it('sends a slow reader the whole file although the download outlasts the statement timeout', async () => {
  expect(reference, 'the first test ran').toBeDefined();
  api = await startApiProcess(db.url, { LOG_LEVEL: 'warn', STATEMENT_TIMEOUT_MS: String(LOWERED_STATEMENT_TIMEOUT_MS) });
  const slow = await openDownload(api.url + EXPORT_PATH, shopA.token);
  expect(slow.response.statusCode).toBe(200);
  const { body, complete, ms } = await readBody(slow.response, SLOW_READ_BYTES_PER_SECOND);
  console.log(
    `export isolation: a slow reader (${SLOW_READ_BYTES_PER_SECOND / 1024} kB/s, STATEMENT_TIMEOUT_MS ${LOWERED_STATEMENT_TIMEOUT_MS}) got ${body.length} of ${reference!.bytes} bytes in ${Math.round(ms)} ms (headers after ${Math.round(slow.ms)} ms), ${complete ? 'complete' : 'INCOMPLETE'}`,
  );
  expect(slow.response.headers['content-length']).toBe(String(reference!.bytes));
  expect(ms).toBeGreaterThan(LOWERED_STATEMENT_TIMEOUT_MS * 3);
  expect(complete).toBe(true);
  expect({ bytes: body.length, sha256: sha256(body) }).toEqual(reference);
  api.child.kill('SIGTERM');
  await api.exited;
  api = undefined;
});
