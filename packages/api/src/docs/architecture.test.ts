/**
 * The API's layers import one way, app → modules → platform → shared (docs/architecture.md), and
 * `pnpm lint` enforces it: these cases lint one import at a place in the tree, as the rule sees a
 * real file there, and expect the upward ones to be refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../app/config.js';

const eslint = new ESLint({ cwd: PROJECT_ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, 'packages/api/src', file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import direction is enforced by pnpm lint', () => {
  const UPWARD: Array<[file: string, code: string, why: RegExp]> = [
    ['platform/database/new-helper.ts', `import { findShop } from '../../modules/shops/shop.service.js';\nvoid findShop;\n`, /platform\/ is below modules\//],
    ['platform/logging/new-helper.ts', `import { loadConfig } from '../../app/config.js';\nvoid loadConfig;\n`, /platform\/ is below modules\//],
    ['modules/insights/new-helper.ts', `import { buildAppSchema } from '../../app/graphql/schema.js';\nvoid buildAppSchema;\n`, /modules\/ are below app\//],
    ['modules/orders/new-helper.ts', `import { GraphQLError } from 'graphql';\nvoid GraphQLError;\n`, /Throw AppError/],
    ['platform/database/new-helper.ts', `import { GraphQLError } from 'graphql';\nvoid GraphQLError;\n`, /Throw AppError/],
    ['modules/orders/new-helper.ts', `import { makeOrder } from '../../test-support/order-factory.js';\nvoid makeOrder;\n`, /Only tests import the test support/],
    ['modules/customers/new-helper.service.ts', `import { pageSize } from '../../platform/graphql/connection.js';\nvoid pageSize;\n`, /Only resolvers, GraphQL types and inputs/],
    ['modules/insights/new-helper.loader.ts', `import type { RequestContext } from '../../platform/graphql/context.js';\nexport type C = RequestContext;\n`, /Only resolvers, GraphQL types and inputs/],
  ];
  it.each(UPWARD)('refuses %s: %s', async (file, code, why) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(why);
  });

  const DOWNWARD: Array<[file: string, code: string]> = [
    ['app/graphql/new-helper.ts', `import { findShop } from '../../modules/shops/shop.service.js';\nimport { GraphQLError } from 'graphql';\nvoid findShop; void GraphQLError;\n`],
    ['modules/insights/new-helper.ts', `import { onReplica } from '../../platform/database/replication.js';\nimport { findShop } from '../shops/shop.service.js';\nvoid onReplica; void findShop;\n`],
    ['platform/graphql/new-helper.ts', `import { GraphQLError } from 'graphql';\nimport { AppError } from '../errors/app-error.js';\nvoid GraphQLError; void AppError;\n`],
    ['modules/orders/new-helper.test.ts', `import { makeOrder } from '../../test-support/order-factory.js';\nvoid makeOrder;\n`],
    ['modules/customers/new-helper.resolver.ts', `import { pageSize } from '../../platform/graphql/connection.js';\nvoid pageSize;\n`],
    ['modules/customers/new-helper.types.ts', `import { PageInfo } from '../../platform/graphql/connection.js';\nvoid PageInfo;\n`],
    ['modules/customers/new-helper.service.ts', `import { decodeCursor } from '../../platform/pagination/cursor.js';\nvoid decodeCursor;\n`],
  ];
  it.each(DOWNWARD)('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

describe('docs/architecture.md', () => {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs/architecture.md'), 'utf8');
  const folders = (layer: string) =>
    readdirSync(join(PROJECT_ROOT, 'packages/api/src', layer), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${layer}/${entry.name}`);

  it.each([...folders('modules'), ...folders('platform'), ...folders('app')])('describes %s', (folder) => {
    expect(doc).toContain(`\`${folder}/\``);
  });
});

describe('modules import one another without a cycle', () => {
  const MODULES = join(PROJECT_ROOT, 'packages/api/src/modules');

  /** module → the modules its non-test files import (`../<other>/…`). */
  function moduleGraph(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    for (const module of readdirSync(MODULES)) {
      const targets = new Set<string>();
      for (const file of readdirSync(join(MODULES, module), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const source = readFileSync(join(MODULES, module, file), 'utf8');
        for (const [, target] of source.matchAll(/from '\.\.\/([\w-]+)\//g)) if (target !== module) targets.add(target!);
      }
      graph.set(module, targets);
    }
    return graph;
  }

  /** Every cycle found by a depth-first walk, as `a → b → a`. */
  function cycles(graph: Map<string, Set<string>>): string[] {
    const found: string[] = [];
    const done = new Set<string>();
    const walk = (module: string, path: string[]) => {
      if (path.includes(module)) return void found.push([...path.slice(path.indexOf(module)), module].join(' → '));
      if (done.has(module)) return;
      for (const next of graph.get(module) ?? []) walk(next, [...path, module]);
      done.add(module);
    };
    for (const module of graph.keys()) walk(module, []);
    return found;
  }

  it('has none', () => {
    const graph = moduleGraph();
    expect(graph.get('ingest')).toContain('orders');
    expect(cycles(graph)).toEqual([]);
  });

  it('would report one', () => {
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).toEqual(['a → b → c → a']);
  });
});
