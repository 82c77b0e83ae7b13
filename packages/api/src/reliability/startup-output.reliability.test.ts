/**
 * What `pnpm start` prints: the lines for people on stdout and nothing else there; the JSON log
 * lines on stderr when it is a pipe or a file (an operator collecting logs), or in a log file
 * when stderr is a terminal (a seller at a shell), so that the terminal shows only the lines for
 * people. The built API (`node dist/main.js`) runs against the test's PostgreSQL (DATABASE_URL),
 * without the demo seed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { freePort } from '../platform/database/free-port.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { API_PACKAGE_DIR, connectionRefused, createShopAt, gqlAt, logLines, RELIABILITY_ADMIN_TOKEN, startApiProcess, waitFor, type ApiProcess } from './support.js';

/** The lines for people, as main.ts prints them (with a dashboard and GraphiQL built or not). */
const HUMAN_LINE = [
  /^TikTok Insights is running at http:\/\/127\.0\.0\.1:\d+$/,
  /^ {2}GraphQL API and Apollo Sandbox: http:\/\/127\.0\.0\.1:\d+\/graphql$/,
  /^ {2}GraphiQL \(works offline\): http:\/\/127\.0\.0\.1:\d+\/graphiql$/,
  /^ {2}First run: create the owner's account and your shop at http:\/\/127\.0\.0\.1:\d+\/setup\?code=[A-Za-z0-9_-]+ \(works once\)$/,
  /^ {2}Logs \(JSON lines\): \S+$/,
  /^ {2}Stop with Ctrl-C\.$/,
  /^Stopping: finishing the requests in flight…$/,
  /^Stopped\.$/,
];
const isHumanLine = (line: string) => HUMAN_LINE.some((pattern) => pattern.test(line));
const nonEmptyLines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');

let db: TestDatabase;
let dataDir: string;
let api: ApiProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'tiktok-insights-startup-output-'));
});

afterEach(() => {
  if (api && api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
});

afterAll(async () => {
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it('with stdout and stderr piped: only the lines for people on stdout, one JSON object a line on stderr', async () => {
  api = await startApiProcess(db.url, { DATA_DIR: dataDir });
  const { token } = await createShopAt(api.url, 'Output Boutique');
  expect((await gqlAt(api.url, '{ shop { name } }', {}, token)).data).toEqual({ shop: { name: 'Output Boutique' } });
  api.child.kill('SIGTERM');
  expect(await api.exited).toEqual({ code: 0, signal: null });

  const stdout = nonEmptyLines(api.stdout());
  expect(stdout[0]).toMatch(HUMAN_LINE[0]!);
  // It listens where it says: 127.0.0.1 (HOST's default), not the machine's other addresses.
  expect(stdout[0]).toBe(`TikTok Insights is running at http://127.0.0.1:${api.port}`);
  for (const address of Object.values(networkInterfaces()).flat()) {
    if (address && !address.internal && address.family === 'IPv4') expect(await connectionRefused(api.port, address.address), address.address).toBe(true);
  }
  expect(stdout.filter((line) => !isHumanLine(line))).toEqual([]);

  const stderr = nonEmptyLines(api.stderr());
  const notJson = stderr.filter((line) => {
    try {
      return typeof (JSON.parse(line) as { msg?: unknown }).msg !== 'string';
    } catch {
      return true;
    }
  });
  expect(notJson).toEqual([]);
  const messages = logLines(api.stderr()).map((line) => line.msg);
  expect(messages).toEqual(expect.arrayContaining(['database ready', 'listening', 'shop created', 'graphql request', 'stopped']));
  // Piped stderr: no log file.
  expect(existsSync(join(dataDir, 'tiktok-insights.log'))).toBe(false);
});

it('in a terminal: the terminal shows only the lines for people; the JSON lines go to the log file it names', async () => {
  // `script` runs the API on a pseudo-terminal, as a shell would: stdout and stderr are that terminal.
  const port = await freePort();
  const child = spawn('script', ['--quiet', '--return', '--command', `exec ${process.execPath} dist/main.js`, '/dev/null'], {
    cwd: API_PACKAGE_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      PORT: String(port),
      SEED_DEMO: 'false',
      ADMIN_TOKEN: RELIABILITY_ADMIN_TOKEN,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      WEB_DIST_DIR: join(API_PACKAGE_DIR, 'no-dashboard'),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let terminal = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (terminal += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor(() => terminal.includes('Stop with Ctrl-C.'), 60_000, 'the API to start on the terminal', 50);
    const { token } = await createShopAt(`http://127.0.0.1:${port}`, 'Terminal Boutique');
    expect((await gqlAt(`http://127.0.0.1:${port}`, '{ shop { name } }', {}, token)).errors).toBeUndefined();
    // Ctrl-C at the terminal.
    child.stdin.write('\x03');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  const logFile = join(dataDir, 'tiktok-insights.log');
  // The terminal echoes the Ctrl-C as "^C".
  const shown = nonEmptyLines(terminal).filter((line) => line !== '^C');
  expect(shown.filter((line) => !isHumanLine(line))).toEqual([]);
  expect(shown).toContain(`  Logs (JSON lines): ${logFile}`);
  expect(shown.slice(-2)).toEqual(['Stopping: finishing the requests in flight…', 'Stopped.']);
  const messages = logLines(await readFile(logFile, 'utf8')).map((line) => line.msg);
  expect(messages).toEqual(expect.arrayContaining(['listening', 'shop created', 'graphql request', 'shutting down: finishing requests in flight', 'stopped']));
  console.log(`terminal: ${shown.length} lines, all for people; ${messages.length} JSON log lines in the log file`);
});
