import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * GraphiQL, served by the API on /graphiql: a page of its own, built after the dashboard into
 * dist/graphiql/ (`pnpm build`), so that nothing of it reaches the dashboard's bundle. Everything
 * it needs, its editor's web workers included, is bundled here: the page loads nothing from
 * another host and works offline.
 */
export default defineConfig({
  plugins: [react()],
  // Its ~200 files (Monaco's languages and workers) are not listed in `pnpm start`'s output; warnings and errors are.
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    // The dashboard's build (run first) empties dist/; this one only adds graphiql/.
    emptyOutDir: false,
    assetsDir: 'graphiql/assets',
    sourcemap: false,
    // GraphiQL's editor, Monaco, is one 2.8 MB chunk that the page loads lazily once it is drawn,
    // and the page's own chunk holds React and GraphiQL's UI (~860 kB). It is a developer's page
    // served by their own API, with no loading target; cutting Monaco into 500 kB pieces takes
    // ~200 chunks and strict-execution-order wrappers (tried) for nothing. The dashboard's build
    // (vite.config.ts) keeps Vite's 500 kB warning.
    chunkSizeWarningLimit: 3_000,
    rolldownOptions: {
      input: 'graphiql/index.html',
      onLog(level, log, handler) {
        // GraphiQL's packages are compiled by the React Compiler, whose "use no memo" directives
        // have no meaning once bundled.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('use no memo')) return;
        handler(level, log);
      },
    },
  },
});
