import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { SafeIntResolver } from 'graphql-scalars';
import { parseIsoDateTime, parseIsoDay } from '@tiktok-insights/shared';

// Plain errors, not GraphQLErrors: graphql-js then attaches the offending node (inline literals)
// or path (variables), which formatError turns into a BAD_USER_INPUT naming the place.
function stringLiteral(ast: ValueNode, typeName: string): string {
  if (ast.kind !== Kind.STRING) throw new TypeError(`${typeName} must be a string.`);
  return ast.value;
}

function parseOrBadInput<T>(parse: (value: string) => T, value: unknown, typeName: string): T {
  if (typeof value !== 'string') throw new TypeError(`${typeName} must be a string.`);
  return parse(value);
}

/** The last day any date argument may name: its week still ends inside year 9999. */
const LAST_DAY = '9998-12-31';

function parseDay(value: string): string {
  const day = parseIsoDay(value);
  if (day > LAST_DAY) throw new TypeError(`Invalid date "${value}": must be between 1970-01-01 and ${LAST_DAY}`);
  return day;
}

/** A calendar day `YYYY-MM-DD`, read in the shop's time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: "A calendar day, `YYYY-MM-DD`, in the shop's time zone.",
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError('Date must be serialized from a YYYY-MM-DD string');
    return value;
  },
  parseValue: (value) => parseOrBadInput(parseDay, value, 'Date'),
  parseLiteral: (ast) => parseOrBadInput(parseDay, stringLiteral(ast, 'Date'), 'Date'),
});

/** An instant, ISO 8601 with an offset. Serialized in UTC (`Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with a time-zone offset, e.g. `2025-03-09T19:30:00-05:00`. Returned in UTC.',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new TypeError('DateTime must be serialized from a valid Date');
    }
    return value.toISOString();
  },
  parseValue: (value) => parseOrBadInput(parseIsoDateTime, value, 'DateTime'),
  parseLiteral: (ast) => parseOrBadInput(parseIsoDateTime, stringLiteral(ast, 'DateTime'), 'DateTime'),
});

export const SafeIntScalar = SafeIntResolver;
