import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';

/** PostgreSQL cannot store NUL in text (SQLSTATE 22021), so no string input may hold one. */
const NUL = '\u0000';

interface Visit {
  value: unknown;
  segment: string;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const segments: string[] = [];
  for (let at: Visit | null = visit; at; at = at.parent) segments.push(at.segment);
  return segments.reverse().join('');
}

/**
 * The argument path of the first string with a NUL in a JSON value (a variable's), or null. Walked
 * with a stack of its own, and the path built only for a hit: a variable may be nested 100,000 deep.
 */
function nulInJson(value: unknown, path: string): string | null {
  const stack: Visit[] = [{ value, segment: path, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return pathOf(visit);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], segment: `[${i}]`, parent: visit });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], segment: `.${entries[i]![0]}`, parent: visit });
    }
  }
  return null;
}

/** The same for a value written in the document, following variables to the values sent for them. */
function nulInValue(
  value: ValueNode,
  path: string,
  variables: Readonly<Record<string, unknown>>,
  operation: OperationDefinitionNode | undefined,
): string | null {
  switch (value.kind) {
    case Kind.STRING:
      return value.value.includes(NUL) ? path : null;
    case Kind.LIST:
      for (let i = 0; i < value.values.length; i++) {
        const found = nulInValue(value.values[i]!, `${path}[${i}]`, variables, operation);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of value.fields) {
        const found = nulInValue(field.value, `${path}.${field.name.value}`, variables, operation);
        if (found) return found;
      }
      return null;
    case Kind.VARIABLE: {
      const name = value.name.value;
      if (variables[name] !== undefined) return nulInJson(variables[name], path);
      const fallback = operation?.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
      return fallback ? nulInValue(fallback, path, variables, operation) : null;
    }
    default:
      return null;
  }
}

/** Where the first string input with a NUL character sits (`input.name`, `orders[2].customer.name`), or null. */
export function findNulInput(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  operation?: OperationDefinitionNode,
): string | null {
  let found: string | null = null;
  visit(document, {
    Argument(argument) {
      found ??= nulInValue(argument.value, argument.name.value, variables, operation);
      return false;
    },
  });
  return found;
}

/** `extensions` naming the place the way the import's own errors and the services' `field` do. */
function locationOf(inputPath: string): Record<string, unknown> {
  const order = /^orders\[(\d+)\]\.(.+)$/.exec(inputPath);
  if (order) return { inputPath, orderIndex: Number(order[1]), field: order[2] };
  return { inputPath, field: inputPath.replace(/^input\./, '') };
}

/**
 * Refuses a request with a NUL character in any string input (an argument written in the
 * document or a variable sent for one) as BAD_USER_INPUT naming its place, before any resolver
 * runs: every string input may reach PostgreSQL, which cannot store NUL in text.
 */
export function textInputPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const inputPath = findNulInput(document, request.variables ?? {}, operation);
          if (inputPath === null) return;
          throw new GraphQLError(`${inputPath} must not contain the NUL character (\\u0000).`, {
            extensions: { code: 'BAD_USER_INPUT', ...locationOf(inputPath), http: { status: 400 } },
          });
        },
      };
    },
  };
}
