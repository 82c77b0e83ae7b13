import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const API_PACKAGE_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the API bundle (scripts/build.mjs, ~50 ms) and starts it as `pnpm start` runs it:
 * `node dist/main.js` with NODE_ENV=production, in its own process. For the reliability tests
 * and the benchmark, which measure the process users run.
 */
export function spawnBuiltApi(env: Record<string, string | undefined>): ChildProcess {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: API_PACKAGE_DIR, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the API failed:\n${build.stdout}${build.stderr}`);
  return spawn(process.execPath, ['dist/main.js'], {
    cwd: API_PACKAGE_DIR,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
