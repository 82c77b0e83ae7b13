import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@tiktok-insights/shared';

/** The bounds of a password (the server checks them again). */
export const PASSWORD_MIN = PASSWORD_MIN_LENGTH;
export const PASSWORD_MAX = PASSWORD_MAX_LENGTH;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters.`;

/** Why a new password is refused here, or null. */
export function newPasswordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return null;
}
