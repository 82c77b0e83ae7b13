import { GraphQLError } from 'graphql';

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR';

export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = 'Send a valid token as "Authorization: Bearer <token>".') =>
  codedError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => codedError('FORBIDDEN', message);

export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  codedError('BAD_USER_INPUT', message, extensions);

export const notFound = (message: string) => codedError('NOT_FOUND', message);
