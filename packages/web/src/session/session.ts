const STORAGE_KEY = 'tiktok-insights.token';

/** Why the sign-in page is shown again after the API refused the stored token. */
export const SIGN_IN_EXPIRED = 'Your sign-in link has expired or was revoked — paste a new link or token.';

/**
 * The token of a `#token=` sign-in link in the address, if any: saved for later visits and then
 * removed from the address bar so it is not shared by accident.
 */
export function tokenFromLink(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return null;
  const token = decodeURIComponent(match[1]);
  localStorage.setItem(STORAGE_KEY, token);
  history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

/** The shop token: from a sign-in link, or from earlier sign-in on this device. */
export function readToken(): string | null {
  return tokenFromLink() ?? localStorage.getItem(STORAGE_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token);
}

export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** Forgets a token the API refused, unless this device has signed in with another one since. */
export function forgetToken(token: string): void {
  if (localStorage.getItem(STORAGE_KEY) === token) localStorage.removeItem(STORAGE_KEY);
}

/** The token in what the seller pasted: the token itself, or a whole sign-in link (`…#token=…`). */
export function tokenFromInput(text: string): string {
  const trimmed = text.trim();
  const match = /[#&?]token=([^&\s]+)/.exec(trimmed);
  if (!match?.[1]) return trimmed;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
