import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Auth } from '../../modules/auth/auth.js';
import type { SignInThrottle } from '../../modules/auth/sign-in-throttle.js';
import { completeSetup, setupNeeded } from '../../modules/setup/first-run.js';
import type { SharedLinkSecrets } from '../../modules/auth/shared-link-bearer.js';
import { describeSharedLink, unlockSharedLink } from '../../modules/shared-links/shared-links.service.js';
import { AppError, badUserInput, tooManyRequests } from '../../platform/errors/app-error.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { CLIENT_ADDRESS_HEADER } from './auth.routes.js';
import { httpErrorOf, sendHttpError } from './error-response.js';

interface Deps {
  auth: Auth;
  dataSource: DataSource;
  logger: Logger;
  signIns: SignInThrottle;
  sharedLinkSecrets: SharedLinkSecrets;
}

function answerError(res: Response, logger: Logger, error: unknown, what: string): void {
  if (res.headersSent) return;
  if (error instanceof AppError) {
    sendHttpError(res, httpErrorOf(error));
    return;
  }
  logger.error({ err: loggableError(error) }, `${what} failed`);
  sendHttpError(res, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' });
}

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string') throw badUserInput(`${field} is required.`, { field });
  return value;
};

function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badUserInput('Send a JSON object.');
  return body as Record<string, unknown>;
}

/**
 * The first-run setup (`/api/setup`) and shared links' visitors (`/api/shared-links/:token`):
 * the routes of accounts that are not the authentication library's own.
 */
export function accountsRoutes(deps: Deps): { setup: Router; sharedLinks: Router } {
  const json = express.json({ limit: '16kb' });

  const setup = Router();
  setup.get('/', async (_req, res) => {
    try {
      res.json({ setupNeeded: await setupNeeded(deps.dataSource) });
    } catch (error) {
      answerError(res, deps.logger, error, 'setup check');
    }
  });
  setup.post('/', json, async (req, res) => {
    try {
      const body = objectBody(req);
      const shop = (typeof body.shop === 'object' && body.shop !== null ? body.shop : {}) as Record<string, unknown>;
      const email = text(body.email, 'email');
      const password = text(body.password, 'password');
      const { shopId } = await completeSetup(deps.dataSource, {
        code: text(body.code, 'code'),
        name: text(body.name, 'name'),
        email,
        password,
        shop: {
          name: text(shop.name, 'shop.name'),
          timezone: text(shop.timezone, 'shop.timezone'),
          currency: typeof shop.currency === 'string' ? shop.currency : null,
          weekStartsOn: shop.weekStartsOn === 'SUNDAY' ? 'SUNDAY' : 'MONDAY',
          aovTargetCents: typeof shop.aovTargetCents === 'number' ? shop.aovTargetCents : null,
        },
      });
      deps.logger.info({ shopId }, 'first-run setup completed');
      // Signed in at once, as the library signs anyone in: its session cookie.
      const headers = new Headers();
      if (req.ip) headers.set(CLIENT_ADDRESS_HEADER, req.ip);
      const signedIn = await deps.auth.api.signInEmail({ body: { email: email.trim().toLowerCase(), password }, headers, asResponse: true });
      const cookies = signedIn.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader('set-cookie', cookies);
      res.json({ shopId });
    } catch (error) {
      answerError(res, deps.logger, error, 'first-run setup');
    }
  });

  const sharedLinks = Router();
  sharedLinks.get('/:token', async (req, res) => {
    try {
      const { shopName, needsPassword } = await describeSharedLink(deps.dataSource, req.params.token);
      res.setHeader('cache-control', 'no-store');
      res.json({ shopName, needsPassword });
    } catch (error) {
      answerError(res, deps.logger, error, 'shared link lookup');
    }
  });
  sharedLinks.post('/:token/unlock', json, async (req, res) => {
    try {
      const { linkId } = await describeSharedLink(deps.dataSource, req.params.token);
      const admission = await deps.signIns.admit(`shared-link:${linkId}`, req.ip);
      if (!admission.admitted) throw tooManyRequests(admission.retryAfterSeconds);
      let accessToken: string;
      try {
        accessToken = await unlockSharedLink(deps.dataSource, deps.sharedLinkSecrets, req.params.token, text(objectBody(req).password, 'password'));
      } catch (error) {
        await admission.settle(false);
        throw error;
      }
      await admission.settle(true);
      res.setHeader('cache-control', 'no-store');
      res.json({ accessToken });
    } catch (error) {
      answerError(res, deps.logger, error, 'shared link unlock');
    }
  });
  return { setup, sharedLinks };
}
