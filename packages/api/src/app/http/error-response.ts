import type { Response } from 'express';
import type { AppError, ErrorCode } from '../../platform/errors/app-error.js';

/** The HTTP edge of AppError: each code's status, for the routes outside GraphQL. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** An error answer of the HTTP routes: its status, `extensions.code`, message, details and Retry-After. */
export interface HttpError {
  status: number;
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>>;
  retryAfterSeconds?: number | null;
}

export function httpErrorOf(error: AppError): HttpError {
  return {
    status: HTTP_STATUS[error.code],
    code: error.code,
    message: error.message,
    details: error.details,
    retryAfterSeconds: error.retryAfterSeconds,
  };
}

/**
 * Answers an error as every route outside GraphQL does, in GraphQL's own shape so that one client
 * reads both: `{ errors: [{ message, extensions: { code, ...details } }] }`, with Retry-After when
 * trying again later may succeed.
 */
export function sendHttpError(res: Response, error: HttpError): void {
  if (error.retryAfterSeconds != null) res.setHeader('retry-after', String(error.retryAfterSeconds));
  res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}

export const sendAppError = (res: Response, error: AppError): void => sendHttpError(res, httpErrorOf(error));
