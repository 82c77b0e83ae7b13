import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// The API's global setup runs before this one (vitest.e2e.config.ts) and provides `databaseUrl`.
import type {} from '../../../api/src/test-support/global-setup.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dashboard built for production, once for the whole run. */
    spaDir: string;
  }
}

const WEB_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the SPA with its own Vite config into a temporary folder, removed after the run. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(WEB_ROOT, 'src/gql/index.ts'))) {
    throw new Error('The typed GraphQL documents are missing: run `pnpm --filter @tiktok-insights/web codegen` first (`pnpm test` does).');
  }
  const outDir = await mkdtemp(join(tmpdir(), 'tiktok-insights-e2e-spa-'));
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which Vite would honour (React's development build): build as production does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: WEB_ROOT,
      configFile: join(WEB_ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide('spaDir', outDir);
  return async () => {
    await rm(outDir, { recursive: true, force: true });
  };
}
