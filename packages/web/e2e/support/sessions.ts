import { addPerson, TEST_PASSWORD } from '@tiktok-insights/api/testing';
import type { BrowserContext, Page } from 'playwright-core';

/** A shop role as the authentication library names it. */
export type ShopRole = 'owner' | 'admin' | 'viewer';

/** The database a test's server runs on (addPerson's first argument). */
export type TestDataSource = Parameters<typeof addPerson>[0];

export interface Person {
  email: string;
  password: string;
  /** The name the account menu shows: addPerson names a person after their email's local part. */
  name: string;
  role: ShopRole;
  shopId: string;
}

/** The session cookie's name (`cookiePrefix` of packages/api/src/modules/auth/auth.ts; no `__Secure-` over http). */
export const SESSION_COOKIE = 'tiktok-insights.session_token';

/** A new person of the shop in the role, with the tests' password, written straight into the test's database. */
export async function addShopPerson(dataSource: TestDataSource, shopId: string, email: string, role: ShopRole): Promise<Person> {
  await addPerson(dataSource, shopId, email, role);
  return { email, password: TEST_PASSWORD, name: email.split('@')[0]!, role, shopId };
}

/**
 * Signs the browser context in through the real `/api/auth/sign-in/email`, as the sign-in page
 * does: `context.request` shares the context's cookie jar, so its pages send the HttpOnly session
 * cookie from then on. A context holds one session: signing in again replaces it.
 */
export async function signInContext(context: BrowserContext, baseUrl: string, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  const post = () =>
    context.request.post(`${baseUrl}/api/auth/sign-in/email`, {
      data: { email: person.email, password: person.password },
      headers: { origin: baseUrl },
    });
  // The request context keeps connections alive between calls; one the server closed for idling
  // just as it was reused resets. Signing in again is harmless.
  const response = await post().catch((error: unknown) => {
    if (error instanceof Error && /ECONNRESET|socket hang up/.test(error.message)) return post();
    throw error;
  });
  if (!response.ok()) throw new Error(`signing a test person in answered ${response.status()}: ${await response.text()}`);
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === SESSION_COOKIE);
  if (!cookie?.httpOnly) throw new Error('signing in set no HttpOnly session cookie');
}

/** A new person of the shop, and the context signed in as them. */
export async function signInAsNewPerson(
  context: BrowserContext,
  server: { url: string; dataSource: TestDataSource },
  shopId: string,
  email: string,
  role: ShopRole = 'owner',
): Promise<Person> {
  const person = await addShopPerson(server.dataSource, shopId, email, role);
  await signInContext(context, server.url, person);
  return person;
}

/** The context's session cookie, as a `cookie` header (to act as that browser from the test). */
export async function sessionCookieHeader(context: BrowserContext, baseUrl: string): Promise<string> {
  const cookie = (await context.cookies(baseUrl)).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('the context has no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/**
 * Ends every session of the person on the server, from another device: there they sign in and
 * choose "sign out everywhere" (better-auth's `/revoke-sessions`). The browser under test keeps
 * its cookie, which the server now refuses.
 */
export async function signOutEverywhereFromElsewhere(baseUrl: string, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  if (!signIn.ok) throw new Error(`signing in elsewhere answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const revoke = await fetch(`${baseUrl}/api/auth/revoke-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie },
    body: '{}',
  });
  if (!revoke.ok) throw new Error(`revoking the sessions answered ${revoke.status}: ${await revoke.text()}`);
}

/** What the page keeps in its own storage: with sessions in an HttpOnly cookie, nothing about signing in. */
export async function pageStorage(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string> }> {
  return page.evaluate(() => {
    const read = (storage: Storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key) ?? '']));
    return { local: read(localStorage), session: read(sessionStorage) };
  });
}
