import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    // A whole app rendered in jsdom while the other projects' tests hold both cores of a small
    // machine can pass vitest's 5 s default; a limit against hangs, not a timing.
    testTimeout: 20_000,
    // Lets jsdom load on Node versions older than its HTTP client expects (see the file).
    execArgv: ['--harmony-iterator-helpers', '--require', fileURLToPath(new URL('./src/test/node-compat.cjs', import.meta.url))],
  },
});
