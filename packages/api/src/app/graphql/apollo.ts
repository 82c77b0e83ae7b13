import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { appErrorsPlugin } from './app-errors.plugin.js';
import { locateInputError } from './input-errors.js';
import { requestLogPlugin } from './request-log.plugin.js';
import { textInputPlugin } from './text-input.plugin.js';
import { armorLimitOf, armorProtection, QUERY_LIMITS, queryCostPlugin } from '../../platform/graphql/limits.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import type { RequestContext } from '../../platform/graphql/context.js';

const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** PostgreSQL's query_canceled: the statement timeout (STATEMENT_TIMEOUT_MS) stopped a statement. */
const QUERY_CANCELED = '57014';

/**
 * Errors we raise on purpose keep their message and code; anything else becomes a plain
 * INTERNAL_SERVER_ERROR (no stack, no SQL) and is logged without the request's variables.
 * A statement stopped by the statement timeout says so, with `extensions.reason: 'TIMEOUT'`.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const limit = code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' ? armorLimitOf(formatted.message) : null;
    if (limit) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'BAD_USER_INPUT', limit } };
    }
    if ((code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') && error instanceof GraphQLError) {
      // Invalid input values, as variables or inline literals, are BAD_USER_INPUT with their place named.
      const location = locateInputError(error);
      if (location) {
        return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', ...location } };
      }
    }
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (original instanceof Error && (original as { code?: unknown }).code === QUERY_CANCELED) {
      logger.warn({ err: loggableError(original), path: formatted.path }, 'a GraphQL request was stopped by the statement timeout');
      return {
        message: 'The request took too long and was stopped.',
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'TIMEOUT' },
      };
    }
    logger.error({ err: loggableError(original), path: formatted.path }, 'unexpected error while answering a GraphQL request');
    return {
      message: 'Internal server error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

export function createApolloServer(options: {
  schema: GraphQLSchema;
  logger: Logger;
  plugins?: ApolloServerPlugin<RequestContext>[];
}): ApolloServer<RequestContext> {
  const armor = armorProtection();
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    introspection: true,
    csrfPrevention: true,
    // main.ts stops the server on SIGINT/SIGTERM itself, after which the database is closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(options.logger),
    // Compact JSON: Apollo's default indents every response, which costs time and bytes.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      appErrorsPlugin<RequestContext>(),
      ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
      // No cache hints are used; the default plugin would wrap every field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      ...(armor.plugins as ApolloServerPlugin<RequestContext>[]),
      queryCostPlugin(options.schema) as ApolloServerPlugin<RequestContext>,
      textInputPlugin() as ApolloServerPlugin<RequestContext>,
      requestLogPlugin(),
      ...(options.plugins ?? []),
    ],
  });
}

