import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { AppError } from '../../platform/errors/app-error.js';

const HTTP_STATUS: Partial<Record<AppError['code'], number>> = { TOO_MANY_REQUESTS: 429, SERVICE_UNAVAILABLE: 503 };

/** An AppError as GraphQL answers it: `extensions.code` and the details; 429/503 with Retry-After. */
export function graphqlExtensionsOf(error: AppError): Record<string, unknown> {
  const status = HTTP_STATUS[error.code];
  const headers = new HeaderMap(error.retryAfterSeconds === null ? [] : [['retry-after', String(error.retryAfterSeconds)]]);
  return { ...error.details, code: error.code, ...(status ? { http: { status, headers } } : {}) };
}

/**
 * The GraphQL edge of AppError, in one place: an AppError thrown by a resolver, a loader or a
 * plugin reaches the client with its code and details (and the HTTP status of a refusal), before
 * Apollo formats the errors.
 */
export function appErrorsPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.originalError instanceof AppError) Object.assign(error.extensions, graphqlExtensionsOf(error.originalError));
          }
        },
      };
    },
  };
}
