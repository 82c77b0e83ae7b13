/**
 * Slow and silent clients against the API running as its own process (`node dist/main.js`), with
 * short timeouts set through the environment: headers sent a byte at a time (slowloris),
 * connections that send nothing, bodies that trickle or stop, kept-alive connections left idle and
 * a download nobody reads are all closed by the server's timeouts, while /healthz stays fast. The
 * same timeouts leave legitimate long work alone: an import the server takes longer than the
 * timeouts to answer, and a big CSV export read slowly but steadily for longer than
 * REQUEST_TIMEOUT_MS. Connections over MAX_CONNECTIONS_PER_ADDRESS or MAX_CONNECTIONS are closed
 * at once. (Any 127.x.y.z address is this machine: the tests use several as distinct clients.)
 */
import { get, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MUTATION, makeOrder } from '../test-support/order-factory.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { closedBy, openSocket, percentile, summary, timeRepeatedly } from './raw-http.js';
import { bigBatch, createShopAt, gqlAt, startApiProcess, type ApiProcess } from './support.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 3_000;
const KEEP_ALIVE_TIMEOUT_MS = 1_000;
const SOCKET_IDLE_TIMEOUT_MS = 1_500;
/** Node checks the header and request timeouts on an interval (a quarter of the headers timeout here, at most 1 s). */
const CHECK_SLACK_MS = 1_000;

const TIMEOUTS = {
  HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
  SOCKET_IDLE_TIMEOUT_MS: String(SOCKET_IDLE_TIMEOUT_MS),
};

let db: TestDatabase;
let api: ApiProcess | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

afterAll(async () => {
  if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
  await db?.drop();
});

async function open(port: number, localAddress?: string): Promise<Socket> {
  const socket = await openSocket(port, localAddress);
  sockets.push(socket);
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeouts', () => {
  beforeAll(async () => {
    api = await startApiProcess(db.url, { LOG_LEVEL: 'warn', ...TIMEOUTS, MAX_CONNECTIONS_PER_ADDRESS: '150' });
  });

  afterAll(() => {
    api?.child.kill('SIGKILL');
  });

  it('closes 100 slowloris connections and 100 silent ones at HEADERS_TIMEOUT_MS while /healthz stays fast', async () => {
    const header = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Padding: ${'a'.repeat(200)}`;
    const healthz = timeRepeatedly(`${api!.url}/healthz`, 20);
    const started = performance.now();
    // Two client addresses, each under the cap of 150.
    const slowloris = await Promise.all(Array.from({ length: 100 }, () => open(api!.port, '127.0.0.2')));
    const silent = await Promise.all(Array.from({ length: 100 }, () => open(api!.port, '127.0.0.3')));
    let sent = 0;
    const drip = setInterval(() => {
      for (const socket of slowloris) if (!socket.destroyed && socket.writable) socket.write(header[sent % header.length]!);
      sent += 1;
    }, 100);
    const closed = await Promise.all([...slowloris, ...silent].map((socket) => closedBy(socket, started)));
    clearInterval(drip);
    const healthzTimings = await healthz.stop();

    const slowClosed = closed.slice(0, 100);
    const silentClosed = closed.slice(100);
    console.log(
      `slow clients: 100 slowloris connections closed after ${summary(slowClosed.map((c) => c.ms))} (${sent} header bytes each at most); ` +
        `100 silent ones after ${summary(silentClosed.map((c) => c.ms))}; HEADERS_TIMEOUT_MS ${HEADERS_TIMEOUT_MS}\n` +
        `  /healthz meanwhile: ${summary(healthzTimings.latencies)}`,
    );
    for (const { ms } of closed) {
      expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS);
    }
    // The server answers 408 before it closes; a client still writing may not get to read it.
    for (const { received } of silentClosed) expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(healthzTimings.failures).toEqual([]);
    expect(percentile(healthzTimings.latencies, 99)).toBeLessThan(500);
  });

  it('closes a body that trickles past REQUEST_TIMEOUT_MS, a body that stops, and a kept-alive connection left idle', async () => {
    const started = performance.now();
    const request = (length: number) =>
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

    // A byte every 100 ms: never idle, but the whole request takes too long.
    const trickling = await open(api!.port);
    trickling.write(request(1_000));
    const drip = setInterval(() => trickling.writable && trickling.write(' '), 100);
    // Ten bytes of the body, then nothing.
    const stalled = await open(api!.port);
    stalled.write(request(1_000) + '{"query":');
    // One request answered, then nothing.
    const idle = await open(api!.port);
    idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');

    const [trickled, stopped, keptAlive] = await Promise.all([closedBy(trickling, started), closedBy(stalled, started), closedBy(idle, started)]);
    clearInterval(drip);
    console.log(
      `slow clients: trickling body closed after ${Math.round(trickled.ms)} ms (REQUEST_TIMEOUT_MS ${REQUEST_TIMEOUT_MS}), ` +
        `stalled body after ${Math.round(stopped.ms)} ms (SOCKET_IDLE_TIMEOUT_MS ${SOCKET_IDLE_TIMEOUT_MS}), ` +
        `idle kept-alive connection after ${Math.round(keptAlive.ms)} ms (KEEP_ALIVE_TIMEOUT_MS ${KEEP_ALIVE_TIMEOUT_MS}, Node adds 1 s)`,
    );
    expect(trickled.received).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(trickled.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(trickled.ms).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS);
    expect(stopped.ms).toBeGreaterThanOrEqual(SOCKET_IDLE_TIMEOUT_MS - 100);
    expect(stopped.ms).toBeLessThan(SOCKET_IDLE_TIMEOUT_MS + CHECK_SLACK_MS);
    expect(keptAlive.received).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(keptAlive.ms).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
    expect(keptAlive.ms).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + 1_000 + CHECK_SLACK_MS);
  });

  it('answers an import the server works on for longer than the timeouts', async () => {
    const { token } = await createShopAt(api!.url, 'Slow Import Boutique');
    // Heavy enough that the server works on it for longer than SOCKET_IDLE_TIMEOUT_MS, sending nothing meanwhile.
    const batch = bigBatch('timeouts', 5000, 16);
    const started = performance.now();
    const result = await gqlAt(api!.url, IMPORT_MUTATION, { orders: batch }, token);
    const ms = performance.now() - started;
    console.log(`slow clients: a 5,000-order import (16 lines each) answered 200 after ${Math.round(ms)} ms (SOCKET_IDLE_TIMEOUT_MS ${SOCKET_IDLE_TIMEOUT_MS})`);
    expect(ms).toBeGreaterThan(SOCKET_IDLE_TIMEOUT_MS);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data.importOrders).toEqual({ created: 5000, updated: 0, unchanged: 0 });
  });

  describe('a big CSV export', () => {
    let token: string;
    let customers = 0;

    beforeAll(async () => {
      ({ token } = await createShopAt(api!.url, 'Big Export Boutique'));
      // One TikTok customer per order: 30,000 rows, several MB, more than the kernel's socket buffers hold.
      for (let batch = 0; batch < 6; batch++) {
        const orders = Array.from({ length: 5000 }, (_, i) => {
          const n = batch * 5000 + i;
          return makeOrder({
            externalId: `export-${n}`,
            channel: 'TIKTOK',
            placedAt: new Date(Date.UTC(2025, 0, 1) + (n % 300) * 86_400_000).toISOString(),
            customer: {
              externalId: `export-customer-${n}`,
              name: `Export Buyer Number ${n} of the Slow Download Test`,
              address: { line1: `${n} Long Export Avenue, North Wing`, line2: `Suite ${n}, Floor ${n % 40}` },
            },
          });
        });
        const result = await gqlAt(api!.url, IMPORT_MUTATION, { orders }, token);
        expect(result.errors).toBeUndefined();
        customers += 5000;
      }
    });

    const download = (onResponse: (res: IncomingMessage) => void) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = get(`${api!.url}/api/exports/tiktok-customers.csv?asOf=2025-12-31`, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
          onResponse(res);
          resolve(res);
        });
        req.on('error', reject);
      });

    it('streams to a client reading slowly but steadily for longer than REQUEST_TIMEOUT_MS', async () => {
      const started = performance.now();
      let bytes = 0;
      const chunks: Buffer[] = [];
      const res = await download((res) => res.pause());
      expect(res.statusCode).toBe(200);
      // At most 64 KB every 50 ms: about 1.3 MB/s, never idle for long.
      await new Promise<void>((resolve, reject) => {
        let window = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          bytes += chunk.length;
          window += chunk.length;
          if (window < 65_536) return;
          res.pause();
          window = 0;
          setTimeout(() => res.resume(), 50);
        });
        res.once('end', resolve);
        res.once('error', reject);
        res.resume();
      });
      const text = Buffer.concat(chunks).toString('utf8');
      const ms = performance.now() - started;
      const rows = text.split('\r\n').filter((line) => line !== '').length - 1;
      console.log(`slow clients: a CSV of ${rows} customers (${Math.round(bytes / 1024)} KB) read slowly in ${Math.round(ms)} ms (REQUEST_TIMEOUT_MS ${REQUEST_TIMEOUT_MS})`);
      expect(ms).toBeGreaterThan(REQUEST_TIMEOUT_MS);
      expect(rows).toBe(customers);
    });

    it('closes the download of a client that stopped reading, after SOCKET_IDLE_TIMEOUT_MS without progress', async () => {
      let complete = false;
      let received = 0;
      const res = await download((res) => res.pause());
      expect(res.statusCode).toBe(200);
      // Node checks twice before it calls a connection with a write pending idle.
      await sleep(2 * SOCKET_IDLE_TIMEOUT_MS + CHECK_SLACK_MS);
      const outcome = await new Promise<string>((resolve) => {
        res.on('data', (chunk: Buffer) => (received += chunk.length));
        res.once('end', () => {
          complete = res.complete;
          resolve(res.complete ? 'complete' : 'cut short');
        });
        res.once('error', () => resolve('cut short'));
        res.resume();
      });
      console.log(`slow clients: a download nobody read was ${outcome} by the server after ${Math.round(received / 1024)} KB had been buffered`);
      expect(outcome).toBe('cut short');
      expect(complete).toBe(false);
    });
  });
});

describe('connection caps', () => {
  beforeAll(async () => {
    api = await startApiProcess(db.url, { LOG_LEVEL: 'warn', HEADERS_TIMEOUT_MS: '20000', MAX_CONNECTIONS_PER_ADDRESS: '20', MAX_CONNECTIONS: '50' });
  });

  afterAll(() => {
    api?.child.kill('SIGKILL');
  });

  const healthzFrom = (localAddress: string) =>
    new Promise<number | string>((resolve) => {
      const req = get(`${api!.url}/healthz`, { agent: false, localAddress }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });

  it('closes connections over MAX_CONNECTIONS_PER_ADDRESS at once; other addresses are still served', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, () => open(api!.port, '127.0.0.10')));
    const started = performance.now();
    const extra = await open(api!.port, '127.0.0.10');
    const refused = await closedBy(extra, started);
    console.log(`connection caps: the 21st connection from one address was closed after ${Math.round(refused.ms)} ms`);
    expect(refused.ms).toBeLessThan(500);
    expect(refused.received).toBe('');
    expect(await healthzFrom('127.0.0.10')).not.toBe(200);
    expect(await healthzFrom('127.0.0.11')).toBe(200);
    expect(held.every((socket) => !socket.destroyed)).toBe(true);
    // A connection given back frees its place.
    held[0]!.destroy();
    await sleep(100);
    expect(await healthzFrom('127.0.0.10')).toBe(200);
  });

  it('closes connections over MAX_CONNECTIONS at once, whatever their address', async () => {
    for (let client = 0; client < 5; client++) {
      await Promise.all(Array.from({ length: 10 }, () => open(api!.port, `127.0.1.${client + 1}`)));
    }
    // Fifty open: the next one is dropped.
    await sleep(100);
    expect(await healthzFrom('127.0.1.99')).not.toBe(200);
    sockets.pop()!.destroy();
    await sleep(100);
    expect(await healthzFrom('127.0.1.99')).toBe(200);
  });
});
