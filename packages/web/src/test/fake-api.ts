import { vi } from 'vitest';

export interface Request {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: any;
  operationName: string | null;
}

export type Reply = { status?: number; body: unknown; headers?: Record<string, string> } | 'network-failure';

/**
 * A hand-made server behind `fetch` (better-auth's client, Apollo's HTTP link and the REST calls
 * all use it): `answer` gives the status and JSON body for each request (or a promise of them: an
 * answer held back). Returns what was asked.
 */
export function fakeApi(answer: (request: Request) => Reply | undefined | Promise<Reply | undefined>): Request[] {
  const asked: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
      const text = init?.body ? String(init.body) : '';
      const body = text ? (JSON.parse(text) as unknown) : null;
      const request: Request = {
        method: (init?.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        search: url.search,
        headers: new Headers(init?.headers),
        body,
        operationName: url.pathname === '/graphql' ? ((body as { operationName?: string } | null)?.operationName ?? null) : null,
      };
      asked.push(request);
      const reply = await answer(request);
      if (reply === 'network-failure') throw new TypeError('Failed to fetch');
      if (!reply) return new Response(JSON.stringify({ errors: [{ message: `No fake answer for ${request.method} ${request.path}` }] }), { status: 404 });
      return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'content-type': 'application/json', ...reply.headers } });
    }),
  );
  return asked;
}

export const ok = (body: unknown): Reply => ({ body });
export const graphqlData = (data: unknown): Reply => ({ body: { data } });
export const unauthenticated: Reply = { body: { data: null, errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] } };

export const USER = { id: 'user-1', name: 'Rosie Lane', email: 'rosie@example.com', emailVerified: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

/** better-auth's answer to get-session for a signed-in person. */
export const sessionBody = (activeOrganizationId: string | null = 'shop-1') => ({
  user: USER,
  session: { id: 's1', userId: USER.id, token: 'opaque', expiresAt: '2027-01-01T00:00:00.000Z', activeOrganizationId },
});
