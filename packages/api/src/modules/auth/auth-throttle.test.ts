/**
 * Failed authentication is throttled per client address and per token prefix, over real sockets
 * (the client addresses are real: 127.0.0.1, 127.0.0.2… are all this machine's loopback) against
 * an API on a real PostgreSQL, with a short window so that recovery is seen.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../app/http/app.js';
import { createLogger } from '../../platform/logging/logger.js';
import { TEST_ADMIN_TOKEN } from '../../test-support/api-client.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import type { AuthThrottleLimits } from './auth-throttle.js';
import { generateShopToken } from '../../platform/access/tokens.js';

const LIMITS: AuthThrottleLimits = { failuresPerAddress: 5, failuresPerTokenPrefix: 8, windowMs: 2500 };

let db: TestDatabase;
const servers: RunningServer[] = [];
const logLines: string[] = [];
let shopToken: string;

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** An HTTP request from a chosen loopback address (a real other client address). */
function send(
  server: RunningServer,
  options: { path?: string; method?: string; token?: string | null; from?: string; body?: unknown; headers?: Record<string, string> },
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        localAddress: options.from ?? '127.0.0.1',
        path: options.path ?? '/graphql',
        method: options.method ?? 'POST',
        agent: false,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          let body: Answer['body'] = {};
          try {
            body = JSON.parse(text) as Answer['body'];
          } catch {
            // A CSV file.
          }
          resolve({ status: res.statusCode!, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const SHOP = { query: '{ shop { id } }' };
const ask = (server: RunningServer, token: string, from = '127.0.0.1') => send(server, { token, from, body: SHOP });
const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code ?? null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startApi(limits: AuthThrottleLimits = LIMITS, trustProxy?: string): Promise<RunningServer> {
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const server = await startServer(
    { dataSource: db.dataSource, logger, adminToken: TEST_ADMIN_TOKEN, webDistDir: null, authThrottle: limits, ...(trustProxy ? { trustProxy } : {}) },
    0,
    '127.0.0.1',
  );
  servers.push(server);
  return server;
}

/** Waits until the Retry-After of the last answer has passed. */
const waitOut = (answer: Answer) => sleep(Number(answer.retryAfter) * 1000 + 50);

beforeAll(async () => {
  db = await createTestDatabase();
  const setup = await startApi({ failuresPerAddress: 1000, failuresPerTokenPrefix: 1000, windowMs: 60_000 });
  const created = await send(setup, {
    token: TEST_ADMIN_TOKEN,
    body: { query: `mutation { createShop(input: { name: "Throttle Boutique", timezone: "America/Chicago" }) { token } }` },
  });
  shopToken = created.body.data!.createShop.token;
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await db?.drop();
});

describe('failed authentication', () => {
  it('answers 429 with Retry-After past the limit from one address, also to the right token; other addresses go on; the window ends it', async () => {
    const api = await startApi();
    const from = '127.0.0.11';
    expect(codeOf(await ask(api, shopToken, from))).toBeNull();

    const answers: Answer[] = [];
    for (let i = 0; i < LIMITS.failuresPerAddress + 3; i++) answers.push(await ask(api, generateShopToken(), from));
    expect(answers.slice(0, LIMITS.failuresPerAddress).map(codeOf)).toEqual(Array(LIMITS.failuresPerAddress).fill('UNAUTHENTICATED'));
    for (const throttled of answers.slice(LIMITS.failuresPerAddress)) {
      expect(throttled.status).toBe(429);
      expect(codeOf(throttled)).toBe('TOO_MANY_REQUESTS');
      expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(Math.ceil(LIMITS.windowMs / 1000));
      expect(throttled.body.errors![0]!.extensions!.retryAfterSeconds).toBe(Number(throttled.retryAfter));
    }

    // The right token from the throttled address waits too; from another address it works.
    const rightFromThrottled = await ask(api, shopToken, from);
    expect(rightFromThrottled.status).toBe(429);
    expect(codeOf(await ask(api, shopToken, '127.0.0.12'))).toBeNull();
    // The admin token from the throttled address is refused as well, with the CSV export.
    expect((await send(api, { from, token: TEST_ADMIN_TOKEN, body: { query: 'mutation { createShopToken(shopId: "00000000-0000-0000-0000-000000000000") { token } }' } })).status).toBe(429);
    const csv = await send(api, { from, method: 'GET', path: '/api/exports/tiktok-customers.csv', token: shopToken });
    expect(csv.status).toBe(429);
    expect(csv.retryAfter).toMatch(/^\d+$/);
    expect(codeOf(csv)).toBe('TOO_MANY_REQUESTS');

    await waitOut(rightFromThrottled);
    const after = await ask(api, shopToken, from);
    expect(after.status).toBe(200);
    expect(after.body.data).toEqual({ shop: { id: expect.any(String) } });
  });

  it('counts a burst of simultaneous guesses exactly: no more than the limit are verified', async () => {
    const api = await startApi();
    const from = '127.0.0.21';
    const answers = await Promise.all(Array.from({ length: 60 }, () => ask(api, generateShopToken(), from)));
    const codes = answers.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(LIMITS.failuresPerAddress);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(60 - LIMITS.failuresPerAddress);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(60 - LIMITS.failuresPerAddress);
    await waitOut(answers.find((answer) => answer.status === 429)!);
  });

  it('throttles guesses at one token spread over many addresses by the token prefix; other tokens go on', async () => {
    const api = await startApi();
    const prefix = shopToken.slice(0, 12);
    const guess = () => prefix + generateShopToken().slice(12);
    const answers: Answer[] = [];
    // One guess from each of many addresses: no address reaches its own limit.
    for (let i = 0; i < LIMITS.failuresPerTokenPrefix + 2; i++) answers.push(await ask(api, guess(), `127.0.1.${i + 1}`));
    expect(answers.slice(0, LIMITS.failuresPerTokenPrefix).map(codeOf)).toEqual(Array(LIMITS.failuresPerTokenPrefix).fill('UNAUTHENTICATED'));
    expect(answers.slice(LIMITS.failuresPerTokenPrefix).map((a) => a.status)).toEqual([429, 429]);
    // Another shop's token (another prefix) from a fresh address is not affected.
    const other = await send(api, {
      token: TEST_ADMIN_TOKEN,
      from: '127.0.2.1',
      body: { query: `mutation { createShop(input: { name: "Other", timezone: "UTC" }) { token } }` },
    });
    expect(codeOf(await ask(api, other.body.data!.createShop.token, '127.0.2.2'))).toBeNull();
    const last = await ask(api, shopToken, '127.0.2.3');
    expect(last.status).toBe(429);
    await waitOut(last);
    expect(codeOf(await ask(api, shopToken, '127.0.2.3'))).toBeNull();
  });

  it('shares the counts between API replicas on one PostgreSQL', async () => {
    const [a, b] = [await startApi(), await startApi()];
    const from = '127.0.0.31';
    const onA: Answer[] = [];
    for (let i = 0; i < LIMITS.failuresPerAddress; i++) onA.push(await ask(a, generateShopToken(), from));
    expect(onA.map(codeOf)).toEqual(Array(LIMITS.failuresPerAddress).fill('UNAUTHENTICATED'));
    // Replica B has seen no failure of this address: the shared count refuses the next one there.
    const onB = await ask(b, generateShopToken(), from);
    expect(onB.status).toBe(429);
    expect(codeOf(await ask(b, shopToken, from))).toBe('TOO_MANY_REQUESTS');
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM auth_failure WHERE key = 'address:127.0.0.31'`);
    expect(n).toBe(1);
    await waitOut(onB);
  });

  it('counts behind a trusted proxy by the X-Forwarded-For address', async () => {
    const api = await startApi(LIMITS, 'loopback');
    const via = (client: string, token: string) =>
      send(api, { token, body: SHOP, headers: { 'x-forwarded-for': client } });
    const answers: Answer[] = [];
    for (let i = 0; i <= LIMITS.failuresPerAddress; i++) answers.push(await via('203.0.113.7', generateShopToken()));
    expect(answers.at(-1)!.status).toBe(429);
    // Another client behind the same proxy is not affected.
    expect(codeOf(await via('203.0.113.8', shopToken))).toBeNull();
    // A whole IPv6 /64 is one client.
    const v6: Answer[] = [];
    for (let i = 0; i <= LIMITS.failuresPerAddress; i++) v6.push(await via(`2001:db8:1:2::${i + 1}`, generateShopToken()));
    expect(v6.at(-1)!.status).toBe(429);
    expect((await via('2001:db8:1:2:ffff::9', shopToken)).status).toBe(429);
    expect(codeOf(await via('2001:db8:1:3::1', shopToken))).toBeNull();
    await waitOut(v6.at(-1)!);
  });

  it('logs each throttling with its count and client address, never a token or its prefix', async () => {
    const throttled = logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'failed authentication throttled');
    expect(throttled).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ throttledBy: 'address', clientAddress: '127.0.0.11', failedAttempts: LIMITS.failuresPerAddress + 1, windowMs: LIMITS.windowMs }),
        expect.objectContaining({ throttledBy: 'token prefix', failedAttempts: LIMITS.failuresPerTokenPrefix + 1 }),
        expect.objectContaining({ throttledBy: 'address', clientAddress: '2001:db8:1:2::/64' }),
      ]),
    );
    const lifted = logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'failed authentication throttle lifted');
    expect(lifted).toEqual(
      expect.arrayContaining([expect.objectContaining({ throttledBy: 'address', clientAddress: '127.0.0.11', refusedWhileThrottled: 5 })]),
    );
    const all = logLines.join('\n');
    for (const secret of [shopToken, shopToken.slice(0, 12), shopToken.slice(4, 12), TEST_ADMIN_TOKEN]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/tti_/);
  });
});
