import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = 'Send a valid token as "Authorization: Bearer <token>".') =>
  codedError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => codedError('FORBIDDEN', message);

export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  codedError('BAD_USER_INPUT', message, extensions);

export const notFound = (message: string) => codedError('NOT_FOUND', message);

export const TOO_MANY_FAILED_SIGN_INS = (retryAfterSeconds: number) =>
  `Too many failed authentication attempts; try again in ${retryAfterSeconds} s.`;

/** Answered with HTTP 429 and `Retry-After`, as clients of a throttled API expect. */
export const tooManyRequests = (retryAfterSeconds: number) =>
  codedError('TOO_MANY_REQUESTS', TOO_MANY_FAILED_SIGN_INS(retryAfterSeconds), {
    retryAfterSeconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
  });
