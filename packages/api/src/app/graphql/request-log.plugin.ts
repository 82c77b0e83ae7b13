import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../platform/graphql/context.js';

/**
 * One structured line per GraphQL request: operation, duration and error codes. Never the
 * query text's values, the variables or the token (they may hold customers' data).
 */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operation }) {
          const body = response.body;
          const resultErrors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          const codes = resultErrors.map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
          contextValue.logger.info(
            {
              operation: request.operationName ?? operation?.name?.value ?? null,
              type: operation?.operation ?? null,
              ms: Math.round(performance.now() - started),
              ...(codes.length > 0 ? { errors: [...new Set(codes)] } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
