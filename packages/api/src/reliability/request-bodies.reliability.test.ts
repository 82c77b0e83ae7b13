/**
 * Bodies sent to stall the server, against the API running as its own process (`node
 * dist/main.js`, as `pnpm start` runs it): first six clients sending 12 MB bodies of nested
 * arrays (`[[[…]]]`) without a token, then 21 clients mixing nested and 20 MB bodies with no
 * token, a wrong token or a shop token, chunked or not; each client sends again as soon as it is
 * answered, for 5 s. Without a valid token a body over 100 KB is refused with 413 before it is
 * read; nesting past 64 levels is refused with 400 as it streams, before anything is built.
 * Meanwhile `/healthz` is timed: the event loop stays free. Prints the refusal times and the
 * /healthz latencies.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { nestedArrays, paddedRequest, percentile, postBody, summary, timeRepeatedly, type RawAnswer, type Timings } from './raw-http.js';
import { createShopAt, gqlAt, startApiProcess, type ApiProcess } from './support.js';

const MB = 1024 * 1024;
/** How long the clients keep sending their bodies. */
const SUSTAIN_MS = 5_000;

interface Kind {
  name: string;
  send: () => Promise<RawAnswer>;
  expected: 400 | 413;
  count: number;
}

let db: TestDatabase;
let api: ApiProcess | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
  await db?.drop();
});

const healthzLine = (label: string, timings: Timings) =>
  `  /healthz ${label}: ${summary(timings.latencies)}` +
  (timings.failures.length ? `; ${timings.failures.length} failed (${[...new Set(timings.failures)].join(', ')})` : '');

/** Sends every kind's bodies at once while /healthz is timed; prints what happened, then checks it. */
async function sendAtOnce(title: string, kinds: Kind[]): Promise<void> {
  const quiet = timeRepeatedly(`${api!.url}/healthz`, 10);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const healthzQuiet = await quiet.stop();

  const busy = timeRepeatedly(`${api!.url}/healthz`, 10);
  const started = performance.now();
  // Each client sends its body again as soon as it is answered, for SUSTAIN_MS (and at least once).
  const outcomes = await Promise.all(
    kinds.map(async (kind) => ({
      kind,
      answers: (
        await Promise.all(
          Array.from({ length: kind.count }, async () => {
            const mine: Array<RawAnswer | { failed: string; ms: number }> = [];
            do {
              const sentAt = performance.now();
              mine.push(await kind.send().catch((error: NodeJS.ErrnoException) => ({ failed: error.code ?? error.message, ms: performance.now() - sentAt })));
            } while (performance.now() - started < SUSTAIN_MS);
            return mine;
          }),
        )
      ).flat(),
    })),
  );
  const allAnsweredMs = performance.now() - started;
  const healthzBusy = await busy.stop();

  const ended = api!.child.exitCode ?? api!.child.signalCode;
  console.log(
    [
      `${title}: ${kinds.reduce((n, kind) => n + kind.count, 0)} concurrent clients sending again as soon as answered for ${SUSTAIN_MS / 1000} s: ` +
        `${outcomes.reduce((n, outcome) => n + outcome.answers.length, 0)} bodies, the last answered after ${Math.round(allAnsweredMs)} ms`,
      ...outcomes.map(({ kind, answers }) => {
        const statuses = [...new Set(answers.map((answer) => ('failed' in answer ? answer.failed : answer.status)))].join('/');
        const sent = answers.flatMap((answer) => ('bytesSent' in answer ? [answer.bytesSent] : []));
        return (
          `  ${kind.count} × ${kind.name}: ${statuses} (expected ${kind.expected}), answered in ${summary(answers.map((answer) => answer.ms))}; ` +
          `at most ${Math.round(Math.max(0, ...sent) / 1024)} KB of the body written before the answer`
        );
      }),
      healthzLine('before', healthzQuiet),
      healthzLine('meanwhile', healthzBusy),
      ...(ended !== null ? [`  the API process ended: ${ended}`] : []),
    ].join('\n'),
  );

  // Soft: both rounds run and print, whatever the first one found.
  for (const { kind, answers } of outcomes) {
    for (const answer of answers) {
      if ('failed' in answer) {
        expect.soft(answer.failed, kind.name).toBe(kind.expected);
        continue;
      }
      expect.soft(answer.status, kind.name).toBe(kind.expected);
      const code = (JSON.parse(answer.body) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;
      expect.soft(code, kind.name).toBe(kind.expected === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
      expect.soft(answer.ms, `${kind.name}: refused promptly`).toBeLessThan(2_000);
    }
  }
  expect.soft(healthzBusy.failures).toEqual([]);
  expect.soft(healthzBusy.latencies.length).toBeGreaterThan(0);
  expect.soft(percentile(healthzBusy.latencies, 99), '/healthz p99 while the bodies are refused').toBeLessThan(500);
}

it('refuses concurrent nested and oversized bodies at once while /healthz stays fast', async () => {
  // Every client here shares one address; the wrong-token client would otherwise have that address
  // throttled (auth-throttle.reliability.test.ts covers that), and the shop token refused with it.
  api = await startApiProcess(db.url, { LOG_LEVEL: 'warn', AUTH_FAILURES_PER_ADDRESS: '1000000', AUTH_FAILURES_PER_TOKEN_PREFIX: '1000000' });
  const { token } = await createShopAt(api.url, 'Body Boutique');
  const graphql = `${api.url}/graphql`;
  const nested = nestedArrays(12 * MB);
  const padded = paddedRequest(20 * MB);
  const shop = { authorization: `Bearer ${token}` };

  await sendAtOnce('six nested bodies without a token', [
    { name: 'nested 12 MB, no token', send: () => postBody(graphql, nested, {}), expected: 413, count: 6 },
  ]);

  await sendAtOnce('a mix of bodies', [
    { name: 'nested 12 MB, no token', send: () => postBody(graphql, nested, {}), expected: 413, count: 6 },
    // Its size shows only as it streams, and its nesting first.
    { name: 'nested 12 MB chunked, no token', send: () => postBody(graphql, nested, {}, { chunked: true }), expected: 400, count: 3 },
    { name: 'padded 20 MB, no token', send: () => postBody(graphql, padded, {}), expected: 413, count: 3 },
    { name: 'nested 12 MB, wrong token', send: () => postBody(graphql, nested, { authorization: 'Bearer tti_not-a-token' }), expected: 413, count: 3 },
    { name: 'nested 12 MB, shop token', send: () => postBody(graphql, nested, shop), expected: 400, count: 3 },
    { name: 'nested 12 MB chunked, shop token', send: () => postBody(graphql, nested, shop, { chunked: true }), expected: 400, count: 3 },
  ]);

  // Nothing of that left the server unable to answer.
  expect((await gqlAt(api.url, '{ shop { name } }', {}, token)).data).toEqual({ shop: { name: 'Body Boutique' } });
});
