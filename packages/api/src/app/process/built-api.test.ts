import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NODE_OPTIONS, API_PACKAGE_DIR } from './built-api.js';

describe('the built API as the tests and the benchmark start it', () => {
  it('runs with the Node options `pnpm start` gives it', () => {
    const manifest = JSON.parse(readFileSync(join(API_PACKAGE_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(API_NODE_OPTIONS.length).toBeGreaterThan(0);
    expect(manifest.scripts.start).toContain(`NODE_ENV=production node ${API_NODE_OPTIONS.join(' ')} dist/main.js`);
  });
});
