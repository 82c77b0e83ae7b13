import { retryAfterOf } from '../../auth/auth-client';

/** What a shared link's own page learns before showing the dashboard. */
export interface SharedLinkInfo {
  shopName: string;
  needsPassword: boolean;
}

/** Why a shared link cannot be opened: unknown/revoked/expired, a wrong password, or a wait. */
export class SharedLinkError extends Error {
  constructor(
    readonly reason: 'gone' | 'wrong-password' | 'throttled' | 'failed',
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<SharedLinkError> {
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ message?: string }> } | null;
  const message = body?.errors?.[0]?.message ?? `The server answered ${response.status}.`;
  if (response.status === 404) return new SharedLinkError('gone', message);
  if (response.status === 401) return new SharedLinkError('wrong-password', message);
  if (response.status === 429) return new SharedLinkError('throttled', message, retryAfterOf(response));
  return new SharedLinkError('failed', message);
}

const linkPath = (token: string) => `/api/shared-links/${encodeURIComponent(token)}`;

export async function fetchSharedLink(token: string, signal?: AbortSignal): Promise<SharedLinkInfo> {
  const response = await fetch(linkPath(token), { signal, credentials: 'omit' });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SharedLinkInfo;
}

/** The access token a link's password unlocks (kept in memory by the page, never stored). */
export async function unlockSharedLink(token: string, password: string): Promise<string> {
  const response = await fetch(`${linkPath(token)}/unlock`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ password }),
  });
  if (!response.ok) throw await failure(response);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return accessToken;
}
