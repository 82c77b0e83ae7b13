import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  findBreakingChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printAppSchema } from './schema-file.js';
import { buildAppSchema } from './schema.js';

const committedPath = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
// The public contract, kept in the repository; the product's shared copy (next to the project, as
// ../shared/contract.graphql) is compared with it when present.
const contractPath = fileURLToPath(new URL('../../../../../docs/contract/contract.graphql', import.meta.url));
const sharedContractPath = fileURLToPath(new URL('../../../../../../shared/contract.graphql', import.meta.url));

describe('the published schema', () => {
  it('matches packages/api/schema.graphql (run `pnpm --filter @tiktok-insights/api schema` after changing the API)', async () => {
    expect(await printAppSchema()).toBe(readFileSync(committedPath, 'utf8'));
  });

  it.runIf(existsSync(sharedContractPath))('keeps its copy of the contract equal to the shared one', () => {
    expect(readFileSync(contractPath, 'utf8')).toBe(readFileSync(sharedContractPath, 'utf8'));
  });

  it('has no breaking change against the public contract', () => {
    const contract = buildSchema(readFileSync(contractPath, 'utf8'));
    const served = buildSchema(readFileSync(committedPath, 'utf8'));
    expect(findBreakingChanges(contract, served).map((change) => change.description)).toEqual([]);
  });

  it('describes every type, field, argument and enum value, so Apollo Sandbox documents itself', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
