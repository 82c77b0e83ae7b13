import type { Request } from 'express';
import { forbidden } from '../../platform/errors/app-error.js';
import type { Credentials, Viewer } from '../../modules/auth/viewer.js';

/** The credentials of an HTTP request: its Authorization header, its cookies, the client's address. */
export function credentialsOf(req: Request): Credentials {
  return { authorization: req.headers.authorization, cookie: req.headers.cookie, clientAddress: req.ip };
}

/**
 * A write authenticated by the session cookie must come from our own pages: they send
 * `X-Requested-With`, a header a page of another site cannot add without a CORS preflight,
 * which this server never allows. GraphQL has Apollo's own CSRF prevention for the same reason.
 */
export function assertOwnPage(req: Request, viewer: Viewer): void {
  if (viewer.kind !== 'person') return;
  if (!req.get('x-requested-with')) throw forbidden('This request needs the header "X-Requested-With" (it protects signed-in people from other sites).');
}
