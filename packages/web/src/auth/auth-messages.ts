import { AuthRequestError } from './auth-client';

/** "Too many attempts. Try again in N minutes." (at least one minute). */
export function tooManyAttempts(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return 'Too many attempts. Try again in a few minutes.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/** Why the sign-in page is shown again after the server refused the session. */
export const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

export const NETWORK_FAILURE = 'We could not reach the server. Check your connection and try again.';

/** What a failed account request means for the person, in one sentence. */
export function accountErrorMessage(error: unknown, { unauthorized }: { unauthorized?: string } = {}): string {
  if (error instanceof AuthRequestError) {
    if (error.status === 429) return tooManyAttempts(error.retryAfterSeconds);
    if (error.status === 401 && unauthorized) return unauthorized;
    return error.message;
  }
  if (error instanceof TypeError) return NETWORK_FAILURE;
  return error instanceof Error ? error.message : String(error);
}
