import type { Request, RequestHandler, Response } from 'express';
import { INVITATION_HEADER } from '@tiktok-insights/shared';
import type { DataSource } from 'typeorm';
import type { Auth } from '../../modules/auth/auth.js';
import { hasPendingInvitation } from '../../modules/auth/invitations.js';
import type { SignInThrottle } from '../../modules/auth/sign-in-throttle.js';
import { onPrimary } from '../../platform/database/replication.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';

/** The header that carries Express's `req.ip` to the authentication library (any sent by a client is replaced). */
export const CLIENT_ADDRESS_HEADER = 'x-tiktok-insights-client-address';

/** Sign-in, sign-up and the other auth bodies are small JSON objects. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

interface Deps {
  auth: Auth;
  signIns: SignInThrottle;
  dataSource: DataSource;
  logger: Logger;
  /** The server's own origin, e.g. http://127.0.0.1:4000 (the Request's URL). */
  origin: string;
  /** Other origins whose pages may call these routes (TRUSTED_ORIGINS). */
  trustedOrigins: readonly string[];
}

/**
 * A write from a page of another site: its Origin names another site. The library checks origins
 * only for requests that carry its cookie, so a page elsewhere could sign a visitor in to the
 * page's own account (login CSRF); every write is checked here. A client that is not a browser
 * sends no Origin and is let through: it has no visitor to trick.
 */
function fromAnotherSite(req: Request, allowed: readonly string[]): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const origin = req.get('origin');
  if (origin === undefined) return req.get('sec-fetch-site') === 'cross-site';
  return !allowed.includes(origin);
}

class BodyTooLarge extends Error {}

async function bodyOf(req: Request): Promise<Buffer | null> {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_AUTH_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function emailOf(body: Buffer | null): string | null {
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const email = (parsed as { email?: unknown } | null)?.email;
    return typeof email === 'string' ? email : null;
  } catch {
    return null;
  }
}

/** Answers in the library's own error shape, which its client reads: `{ code, message }`. */
function refuse(res: Response, status: number, code: string, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
  res.status(status).json({ code, message });
}

async function send(res: Response, answer: globalThis.Response): Promise<void> {
  res.status(answer.status);
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(Buffer.from(await answer.arrayBuffer()));
}

/**
 * `/api/auth/*`: the authentication library's routes (sign-in, sign-out, sessions, password
 * reset, the shop's team and invitations), behind two checks of ours: wrong passwords are
 * limited (sign-in-throttle.ts), and only someone invited may create an account (the first
 * owner is created by the first-run setup, setup.routes.ts).
 */
export function authRoutes(deps: Deps): RequestHandler {
  return async (req, res) => {
    try {
      if (fromAnotherSite(req, [deps.origin, ...deps.trustedOrigins])) {
        refuse(res, 403, 'FORBIDDEN', 'This request came from a page of another site.');
        return;
      }
      const body = await bodyOf(req);
      const path = req.path;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name === CLIENT_ADDRESS_HEADER) continue;
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      if (req.ip) headers.set(CLIENT_ADDRESS_HEADER, req.ip);
      const email = emailOf(body);
      let settle: ((succeeded: boolean) => Promise<void>) | null = null;
      if (req.method === 'POST' && path === '/sign-in/email' && email !== null) {
        const admission = await deps.signIns.admit(email, req.ip);
        if (!admission.admitted) {
          const minutes = Math.ceil(admission.retryAfterSeconds / 60);
          refuse(res, 429, 'TOO_MANY_REQUESTS', `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, admission.retryAfterSeconds);
          return;
        }
        settle = admission.settle;
      }
      if (req.method === 'POST' && path === '/sign-up/email' && (email === null || !(await hasPendingInvitation(deps.dataSource, email, req.get(INVITATION_HEADER))))) {
        refuse(res, 403, 'NO_INVITATION', "Accounts are created from an invitation: open the invitation's link and use the address it was sent to.");
        return;
      }
      const request = new Request(new URL(req.originalUrl, deps.origin), {
        method: req.method,
        headers,
        body: body && body.length > 0 ? new Uint8Array(body) : null,
      });
      const answer = await deps.auth.handler(request);
      if (settle) await settle(answer.status === 200);
      await send(res, answer);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'Request body too large.');
        return;
      }
      deps.logger.error({ err: loggableError(error) }, 'authentication route failed');
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
    }
  };
}

/** The people of a session cookie, for GraphQL and the other routes (modules/auth/viewer.ts). */
export function sessionReader(auth: Auth) {
  return {
    async personOf(headers: Headers) {
      const found = await auth.api.getSession({ headers, query: { disableRefresh: false } });
      if (!found) return null;
      const active = (found.session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null;
      return { userId: found.user.id, activeShopId: active };
    },
  };
}

/** Ends every session of a person (after a password reset from the CLI, say). */
export async function endSessionsOf(dataSource: DataSource, userId: string): Promise<void> {
  await onPrimary(dataSource, `DELETE FROM user_session WHERE "userId" = $1`, [userId]);
}
