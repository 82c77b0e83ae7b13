const STORAGE_KEY = 'tiktok-insights.token';

/**
 * The shop token: taken from a `#token=` sign-in link (then removed from the address bar so it
 * is not shared by accident) or from earlier sign-in on this device.
 */
export function readToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    localStorage.setItem(STORAGE_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return localStorage.getItem(STORAGE_KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token);
}

export function signOut(): void {
  localStorage.removeItem(STORAGE_KEY);
}
