import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printAppSchema } from '../graphql/schema-file.js';

const target = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
writeFileSync(target, await printAppSchema());
console.log(`wrote ${target}`);
