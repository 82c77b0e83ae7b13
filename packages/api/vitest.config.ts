import { createRequire } from 'node:module';
import { configDefaults, defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) copies without an exports map; Node
    // loads the CommonJS one for our dependencies, so our code must get the same copy.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    // Faults and load run on their own: `pnpm test:reliability` (vitest.reliability.config.ts).
    exclude: [...configDefaults.exclude, 'src/**/*.reliability.test.ts'],
    globalSetup: ['src/test-support/global-setup.ts'],
    setupFiles: ['reflect-metadata', 'src/test-support/shop-filter-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
