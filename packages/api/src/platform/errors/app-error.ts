/**
 * The one error the modules throw on purpose: a code the client can act on, a message meant for
 * people, and details that point at the problem (`orderIndex`, `field`, `parameter`, …). The edges
 * map it once each: to GraphQL's `extensions.code` (app/graphql/app-errors.plugin.ts) and to an
 * HTTP status with a JSON body (app/http/error-response.ts). Nothing here knows either protocol.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Where the problem is, for clients to point at it; sent as is. */
    readonly details: Readonly<Record<string, unknown>> = {},
    /** When trying again may succeed (TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message = 'Send a valid token as "Authorization: Bearer <token>".') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const badUserInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, details);

export const notFound = (message: string) => new AppError('NOT_FOUND', message);

export const TOO_MANY_FAILED_SIGN_INS = (retryAfterSeconds: number) =>
  `Too many failed authentication attempts; try again in ${retryAfterSeconds} s.`;

export const tooManyRequests = (retryAfterSeconds: number, message = TOO_MANY_FAILED_SIGN_INS(retryAfterSeconds)) =>
  new AppError('TOO_MANY_REQUESTS', message, { retryAfterSeconds }, retryAfterSeconds);
