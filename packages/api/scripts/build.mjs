// Bundles the API into dist/ with esbuild for `pnpm start`: one ES module (plus a lazily loaded
// chunk for the demo seed, and the order file reader's thread) that Node runs as is, without a TypeScript loader in the process.
// Packages from npm stay external; the workspace's own (shared) are bundled, as they ship source.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The order file reader runs on its own thread (modules/imports/order-file-thread.ts).
  entryPoints: { main: 'src/main.ts', 'order-file.worker': 'src/modules/imports/order-file.worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@tiktok-insights/')),
  logLevel: 'warning',
});
