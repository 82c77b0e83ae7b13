import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/shared', 'packages/api', 'packages/web', 'packages/web/vitest.e2e.config.ts'],
  },
});
