import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/api': api },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the dashboard loads up front, in three chunks under Vite's 500 kB warning: React,
          // the other libraries (Apollo Client, the router, the table…) and our own code. Gzipped
          // they add up to no more than the one chunk they replace (bench/spa.ts measures it), and
          // a release that changes only our code leaves the libraries' chunks in the browser's
          // cache. Lazily loaded libraries (chart.js, the CSV writer) stay in their own chunks.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, tags: ['$initial'], priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
});
