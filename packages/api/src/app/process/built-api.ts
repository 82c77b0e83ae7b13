import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const API_PACKAGE_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The Node options `pnpm start` runs the API with (packages/api/package.json; a test keeps the
 * two the same). V8 sizes the young generation only at start, so it cannot be set from the code
 * as the heap growing factor is (heap-growth.ts). Its two halves are capped at 8 MB each rather
 * than V8's 16: the request thread's garbage (a dashboard's answer, an upload's batch) dies young
 * either way, and the API's RSS stays lower. Measured on the full data set with the built API:
 * under eight dashboard clients the largest RSS went from 176–178 MB to 160 MB with the same
 * latency; during a 1,000,000-row upload (with the reader's young generation at 8 MB too) from
 * 302 MB to 287 MB. At 4 MB more of each answer outlived the young generation, and the largest
 * RSS under eight clients rose to 217–222 MB.
 */
export const API_NODE_OPTIONS = ['--max-semi-space-size=8'];

/**
 * Builds the API bundle (scripts/build.mjs, ~50 ms) and starts it as `pnpm start` runs it:
 * `node --max-semi-space-size=8 dist/main.js` with NODE_ENV=production, in its own process. For
 * the reliability tests and the benchmark, which measure the process users run.
 */
export function spawnBuiltApi(env: Record<string, string | undefined>): ChildProcess {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: API_PACKAGE_DIR, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the API failed:\n${build.stdout}${build.stderr}`);
  return spawn(process.execPath, [...API_NODE_OPTIONS, 'dist/main.js'], {
    cwd: API_PACKAGE_DIR,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
