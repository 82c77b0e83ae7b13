import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

/** Resolves as the API package does, so its code gets the same copies it runs with in production. */
const apiRequire = createRequire(new URL('../api/package.json', import.meta.url));

/**
 * End-to-end tests of the dashboard: headless Chromium (Debian's /usr/bin/chromium driven by
 * playwright-core) against the built SPA, served by the real API on a real PostgreSQL (the API
 * project's global setup: embedded, or DATABASE_URL).
 */
export default defineProject({
  resolve: {
    // As in the API project: graphql 16 ships CommonJS and ESM copies; the API's dependencies load
    // the CommonJS one, so the API code imported here must get the same copy.
    alias: [{ find: /^graphql$/, replacement: apiRequire.resolve('graphql') }],
  },
  test: {
    name: 'web-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    // The API project's global setup (a real PostgreSQL), then the SPA build.
    globalSetup: ['../api/src/test-support/global-setup.ts', 'e2e/support/build-spa.global-setup.ts'],
    setupFiles: [apiRequire.resolve('reflect-metadata')],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
