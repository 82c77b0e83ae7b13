import type { DataSource } from 'typeorm';
import { insertMember, insertPerson } from '../modules/auth/people.js';
import type { MemberRole } from '../modules/auth/roles.js';
import { onPrimaryTransaction } from '../platform/database/replication.js';
import type { GraphQLResponse } from './api-client.js';

export const TEST_PASSWORD = 'correct horse battery';

/** A person with a password, member of the shop in the role. */
export async function addPerson(dataSource: DataSource, shopId: string, email: string, role: MemberRole, password = TEST_PASSWORD): Promise<string> {
  return onPrimaryTransaction(dataSource, async (tx) => {
    const userId = await insertPerson(tx, { name: email.split('@')[0]!, email, password });
    await insertMember(tx, shopId, userId, role);
    return userId;
  });
}

/** The cookies of a set-cookie list, as a browser would send them back. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Signs in through the auth routes, as the SPA does; the session cookie, or the refusal. */
export async function signIn(
  baseUrl: string,
  email: string,
  password = TEST_PASSWORD,
  headers: Record<string, string> = {},
): Promise<{ status: number; cookie: string | null; body: any; retryAfter: string | null }> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, ...headers },
    body: JSON.stringify({ email, password }),
  });
  const cookies = response.headers.getSetCookie();
  return {
    status: response.status,
    cookie: response.ok && cookies.length > 0 ? cookieHeader(cookies) : null,
    body: await response.json().catch(() => null),
    retryAfter: response.headers.get('retry-after'),
  };
}

/** A GraphQL request with a session cookie, as the SPA sends it. */
export async function gqlWithCookie<T = Record<string, any>>(baseUrl: string, cookie: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<T>;
}

/** A call of the authentication library's routes with a session cookie, as its browser client makes it. */
export async function authCall(
  baseUrl: string,
  path: string,
  cookie: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; cookie: string | null }> {
  const response = await fetch(`${baseUrl}/api/auth${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { origin: baseUrl, ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const cookies = response.headers.getSetCookie();
  return { status: response.status, body: await response.json().catch(() => null), cookie: cookies.length > 0 ? cookieHeader(cookies) : null };
}
