import { GraphQLError, Kind, parse, visit, type ValueNode } from 'graphql';

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

const MISSING_FIELD = /Field "(\w+)" of required type "[^"]+" was not provided/;

function withMissingField(path: string, message: string): string {
  const missing = MISSING_FIELD.exec(message);
  return missing ? `${path}.${missing[1]}` : path;
}

/** `orders[3].placedAt` from graphql-js's variable coercion message. */
function variablePath(message: string): string | null {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (!variable) return null;
  const at = / at "([A-Za-z_][\w.[\]]*)"; /.exec(message);
  return withMissingField(at?.[1] ?? variable[1]!, message);
}

/** The argument path of an inline literal value, found by its position in the document. */
function literalPath(error: GraphQLError): string | null {
  const node = error.nodes?.[0];
  if (!node || !VALUE_KINDS.has(node.kind) || !node.loc || !error.source) return null;
  const target = node.loc.start;
  let found: string | null = null;
  const walk = (value: ValueNode, path: string): void => {
    if (found) return;
    if (value.loc?.start === target && value.kind === node.kind) {
      found = path;
      return;
    }
    if (value.kind === Kind.LIST) value.values.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (value.kind === Kind.OBJECT) value.fields.forEach((field) => walk(field.value, `${path}.${field.name.value}`));
  };
  try {
    visit(parse(error.source.body), {
      Argument(argument) {
        walk(argument.value, argument.name.value);
      },
    });
  } catch {
    return null;
  }
  return found === null ? null : withMissingField(found, error.message);
}

export interface InputErrorLocation {
  inputPath: string;
  orderIndex?: number;
  field?: string;
}

/**
 * Where in the request's input an invalid value sits, for errors about input values (variables
 * or inline literals); null for every other error.
 */
export function locateInputError(error: GraphQLError): InputErrorLocation | null {
  const inputPath = variablePath(error.message) ?? literalPath(error);
  if (!inputPath) return null;
  const order = /^orders\[(\d+)\](?:\.(.+))?$/.exec(inputPath);
  if (!order) return { inputPath };
  return { inputPath, orderIndex: Number(order[1]), field: order[2] ?? 'order' };
}

