/** A person's password: its length bounds, checked by the sign-in pages and again by the API. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The header in which the sign-up of an invited person names the invitation (its id, from the link). */
export const INVITATION_HEADER = 'x-invitation-id';
