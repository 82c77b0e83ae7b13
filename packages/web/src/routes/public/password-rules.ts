/** better-auth's default bounds for a password (the server checks them again). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Why a new password is refused here, or null. */
export function newPasswordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return null;
}
