import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.js';

/** The limits of spec section 2; docs/api.md lists them for integrators. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 3000,
  maxCost: 50_000,
} as const;

/** Weight of a list field without a `first` argument (series, weeks, buckets…). */
const UNSIZED_LIST_WEIGHT = 10;

function listWeight(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const first = field.args.find((arg) => arg.name === 'first');
  if (first) {
    const given = args.first;
    if (typeof given === 'number' && (given < 0 || given > MAX_PAGE_SIZE)) {
      throw limitError('first', `first must be between 0 and ${MAX_PAGE_SIZE}, got ${given}.`);
    }
    if (typeof given === 'number') return Math.max(given, 1);
    return typeof first.defaultValue === 'number' ? first.defaultValue : DEFAULT_PAGE_SIZE;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  // A connection's edges are already weighted by the connection's `first`.
  return field.name === 'edges' ? 1 : UNSIZED_LIST_WEIGHT;
}

/**
 * Every field costs 1; a list multiplies what it holds by its `first` (or a fixed weight).
 * Introspection costs nothing, as for armor's limits: the schema is public and the token limit
 * bounds such a document, and Apollo Sandbox's and code generators' full introspection query
 * must pass.
 */
const firstWeightedEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) =>
  type.name.startsWith('__') || field.name.startsWith('__') ? 0 : listWeight(field, args) * (1 + childComplexity);

export function limitError(limit: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', limit, http: { status: 400 } } });
}

/**
 * The variables as the cost needs them: only `first` (an Int argument) changes a cost, so a list of
 * input objects, such as an import's thousands of orders, is measured as an empty list instead of
 * being coerced twice (here and again by execution, which still checks every value).
 */
function variablesForCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return variables;
  const slim = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (type && isListType(getNullableType(type)) && isInputObjectType(getNamedType(type)) && Array.isArray(slim[name])) {
      slim[name] = [];
    }
  }
  return slim;
}

/**
 * Query cost with `first` weights. graphql-armor's own cost limit only reads `first` written in
 * the query; clients pass it as a variable, so the cost is measured again once the variables
 * are known, still before any resolver (and any SQL) runs.
 */
export function queryCostPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            // Throws a limit error itself for a `first` over the page cap.
            cost = getComplexity({
              schema,
              query: document,
              variables: variablesForCost(schema, document, request.operationName ?? undefined, request.variables ?? {}),
              operationName: request.operationName ?? undefined,
              estimators: [firstWeightedEstimator],
            });
          } catch (error) {
            if (error instanceof GraphQLError && error.extensions.limit) throw error;
            // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT
            // naming the place, before any resolver runs.
            return;
          }
          if (cost > QUERY_LIMITS.maxCost) {
            throw limitError('cost', `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}. Ask for smaller pages.`);
          }
        },
      };
    },
  };
}

/**
 * graphql-armor: depth, aliases, directives, a literal-`first` cost gate and no field suggestions.
 * The token limit is graphql-js's own parser option (`parseOptions.maxTokens`), which stops
 * parsing at the limit instead of parsing the whole document first.
 */
export function armorProtection() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    // Linear and fragment-flattened, this counts like our own cost below but sees only `first`
    // written in the query, so it never refuses what the variable-aware check accepts.
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
    },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** Armor's refusals, recognised by their messages, so they can carry BAD_USER_INPUT and the limit's name. */
const ARMOR_LIMITS: Array<[RegExp, string]> = [
  [/Query depth limit of \d+ exceeded/, 'depth'],
  [/Aliases limit of \d+ exceeded/, 'aliases'],
  [/Directives limit of \d+ exceeded/, 'directives'],
  [/Document contains more that \d+ tokens/, 'tokens'],
  [/Query Cost limit of \d+ exceeded/, 'cost'],
];

export function armorLimitOf(message: string): string | null {
  return ARMOR_LIMITS.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

