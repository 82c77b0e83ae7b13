import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * `pnpm test:reliability`: faults (PostgreSQL stopped and started again, a connection killed in
 * the middle of an import, SIGTERM during a request) and a minute of load, against real
 * PostgreSQL servers. One file at a time, so that the load has the machine to itself.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    name: 'api-reliability',
    include: ['src/**/*.reliability.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
