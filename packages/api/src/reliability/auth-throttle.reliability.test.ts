/**
 * The built API (`node dist/main.js`, as `pnpm start` runs it) over real sockets: a flood of wrong
 * tokens from one client address is throttled (429 with Retry-After) after the limit, the right
 * token waits out the window from that address and works at once from another, and the API
 * refuses to start with an ADMIN_TOKEN shorter than 32 characters. Prints what it measured.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { generateShopToken } from '../platform/access/tokens.js';
import { freePort } from '../platform/database/free-port.js';
import { spawnBuiltApi } from '../app/process/built-api.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { API_PACKAGE_DIR, createShopAt, logLines, startApiProcess, waitFor, type ApiProcess } from './support.js';

const WINDOW_MS = 5_000;
const LIMIT = 20; // the default AUTH_FAILURES_PER_ADDRESS

let db: TestDatabase;
let api: ApiProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterEach(() => {
  if (api && api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
});

afterAll(async () => {
  await db?.drop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | null;
}

/** A request from a chosen loopback address: 127.0.0.0/8 is all this machine, so each is a real other client. */
function send(port: number, from: string, token: string, path = '/graphql'): Promise<Answer> {
  const body = path === '/graphql' ? JSON.stringify({ query: '{ shop { id } }' }) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        path,
        method: body ? 'POST' : 'GET',
        agent: false,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let code: string | null;
          try {
            code = (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code ?? null;
          } catch {
            code = null;
          }
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode!, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, code });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('throttles 300 wrong tokens from one address after the limit; the right token works from elsewhere at once and from there after the window', async () => {
  api = await startApiProcess(db.url, { AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS) });
  const { token } = await createShopAt(api.url, 'Flooded Boutique');
  const attacker = '127.0.0.5';

  // 300 wrong tokens, 30 at a time, as fast as the API answers.
  const wrong = Array.from({ length: 300 }, () => generateShopToken());
  const answers: Answer[] = [];
  const started = performance.now();
  let firstThrottledAt = 0;
  for (let i = 0; i < wrong.length; i += 30) {
    const batch = await Promise.all(wrong.slice(i, i + 30).map((guess) => send(api!.port, attacker, guess)));
    for (const answer of batch) if (answer.status === 429 && firstThrottledAt === 0) firstThrottledAt = performance.now();
    answers.push(...batch);
  }
  const floodMs = performance.now() - started;
  const unauthenticated = answers.filter((a) => a.code === 'UNAUTHENTICATED').length;
  const throttled = answers.filter((a) => a.status === 429 && a.code === 'TOO_MANY_REQUESTS' && /^\d+$/.test(a.retryAfter ?? ''));
  expect(unauthenticated).toBe(LIMIT);
  expect(throttled).toHaveLength(300 - LIMIT);

  // The right token: refused from the flooding address, served from another at once.
  const fromAttacker = await send(api.port, attacker, token);
  expect(fromAttacker).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
  expect(await send(api.port, '127.0.0.6', token)).toMatchObject({ status: 200, code: null });
  expect((await send(api.port, attacker, token, '/api/exports/tiktok-customers.csv')).status).toBe(429);

  // Back once the window has passed.
  const recovered = await waitFor(async () => (await send(api!.port, attacker, token)).status === 200, WINDOW_MS + 5_000, 'the right token to work again', 100);
  const recoveryMs = performance.now() - firstThrottledAt;
  expect(recovered).toBe(true);
  expect(recoveryMs).toBeLessThanOrEqual(WINDOW_MS + 1_500);

  api.child.kill('SIGTERM');
  expect(await api.exited).toEqual({ code: 0, signal: null });
  const lines = logLines(api.stderr());
  expect(lines.filter((line) => line.msg === 'failed authentication throttled')).toEqual([
    expect.objectContaining({ throttledBy: 'address', clientAddress: attacker, failedAttempts: LIMIT + 1, windowMs: WINDOW_MS }),
  ]);
  const lifted = lines.find((line) => line.msg === 'failed authentication throttle lifted');
  expect(lifted).toMatchObject({ throttledBy: 'address', clientAddress: attacker });
  const output = api.output();
  for (const secret of [token, token.slice(0, 12), ...wrong.map((guess) => guess.slice(4, 16))]) expect(output).not.toContain(secret);
  console.log(
    `300 wrong tokens in ${Math.round(floodMs)} ms: ${unauthenticated} answered UNAUTHENTICATED, ${throttled.length} answered 429 ` +
      `(Retry-After ${throttled[0]!.retryAfter} s); right token from another address: 200 at once; from the flooding address: ` +
      `429 until ${Math.round(recoveryMs)} ms after the first 429 (window ${WINDOW_MS} ms); refused while throttled: ${String(lifted!.refusedWhileThrottled)}`,
  );
});

it('refuses to start with an ADMIN_TOKEN shorter than 32 characters: exit code 1 and a message that says why', async () => {
  const child = spawnBuiltApi({
    DATABASE_URL: db.url,
    PORT: String(await freePort()),
    SEED_DEMO: 'false',
    ADMIN_TOKEN: 'short-admin-token-123',
    WEB_DIST_DIR: `${API_PACKAGE_DIR}/no-dashboard`,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(logLines(stderr)).toEqual([
    expect.objectContaining({
      level: 60,
      msg: 'failed to start: invalid configuration',
      reason: expect.stringContaining('ADMIN_TOKEN must be at least 32 characters long, got 21'),
    }),
  ]);
  expect(stderr).not.toContain('short-admin-token-123');

  // At a terminal: one plain sentence.
  const terminal = spawn('script', ['--quiet', '--return', '--command', `exec ${process.execPath} dist/main.js`, '/dev/null'], {
    cwd: API_PACKAGE_DIR,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: db.url, SEED_DEMO: 'false', ADMIN_TOKEN: 'short-admin-token-123' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let shown = '';
  terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => (shown += chunk));
  const terminalCode = await new Promise<number | null>((resolve) => terminal.once('exit', (exitCode) => resolve(exitCode)));
  expect(terminalCode).toBe(1);
  expect(shown.trim()).toBe(
    'TikTok Insights could not start: ADMIN_TOKEN must be at least 32 characters long, got 21; generate one with ' +
      '`openssl rand -hex 32`, or leave ADMIN_TOKEN unset to turn the admin calls off',
  );
});
