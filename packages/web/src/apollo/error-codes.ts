import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** Whether the API answered with a GraphQL error of this `extensions.code`. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.['code'] === code);
}

/** The credentials were refused: the session ended, or a shared link was revoked or expired. */
export function isUnauthenticated(error: unknown): boolean {
  return hasErrorCode(error, 'UNAUTHENTICATED');
}

export function isBadUserInput(error: unknown): boolean {
  return hasErrorCode(error, 'BAD_USER_INPUT');
}
