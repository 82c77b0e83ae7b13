import { createAuthClient } from 'better-auth/client';
import { organizationClient } from 'better-auth/client/plugins';

/**
 * The one better-auth client of the dashboard. The session lives in an HttpOnly cookie that the
 * browser sends by itself (same origin): nothing of it is kept in the page or in storage.
 */
export const authClient = createAuthClient({
  baseURL: window.location.origin,
  basePath: '/api/auth',
  plugins: [organizationClient()],
  // Looked up on each request rather than once at start, so that a test's stand-in is used.
  fetchOptions: { customFetchImpl: (input, init) => fetch(input, init) },
});

/** A shop role as better-auth names it (lower case); GraphQL's ShopRole is the same in upper case. */
export type MemberRole = 'owner' | 'admin' | 'viewer';

/**
 * The organization plugin's client types know better-auth's default roles (owner, admin, member);
 * the server defines `viewer` instead of `member`. Roles are passed through this one cast.
 */
export const asPluginRole = (role: MemberRole) => role as 'owner' | 'admin';

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface SignedInSession {
  user: SessionUser;
  activeShopId: string | null;
}

/** The signed-in person, or null; rejects when the server cannot be reached. */
export async function fetchSession(): Promise<SignedInSession | null> {
  const { data, error } = await authClient.getSession();
  if (error) {
    if (error.status === 401) return null;
    throw new AuthRequestError(error.status, error.code ?? null, error.message ?? null);
  }
  if (!data) return null;
  const { id, name, email } = data.user;
  const active = (data.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
  return { user: { id, name, email }, activeShopId: active };
}

/** A better-auth answer that is an error: its HTTP status, code and message. */
export class AuthRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string | null,
    /** Seconds to wait before trying again (429), from the Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message ?? `The server answered ${status}.`);
  }
}

interface BetterAuthError {
  status: number;
  code?: string | undefined;
  message?: string | undefined;
}

/** Reads the wait of a 429 (better-auth's own limiter names the header X-Retry-After). */
export function retryAfterOf(response: Response): number | null {
  const value = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
  const seconds = value === null ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/**
 * Runs a better-auth call and gives its data, or throws an AuthRequestError (with the wait of a
 * 429). A connection that fails rejects with the fetch's TypeError.
 */
export async function authCall<T>(call: (fetchOptions: { onError: (context: { response: Response }) => void }) => Promise<{ data: T | null; error: BetterAuthError | null }>): Promise<T> {
  let retryAfter: number | null = null;
  const { data, error } = await call({ onError: ({ response }) => void (retryAfter = retryAfterOf(response)) });
  if (error) throw new AuthRequestError(error.status, error.code ?? null, error.message ?? null, retryAfter);
  return data as T;
}
