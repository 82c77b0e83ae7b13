import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@tiktok-insights/shared';
import type pg from 'pg';
import type { Logger } from '../../platform/logging/logger.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { teamRoles } from './roles.js';

export interface AuthSettings {
  pool: pg.Pool;
  /** Signs session cookies; AUTH_SECRET or a random one kept in the database (auth-secret.ts). */
  secret: string;
  /** The address people open, e.g. https://insights.example.com: links in mail, cookies' `Secure`. */
  baseUrl: string;
  /** Other origins whose pages may call the auth routes (e.g. Vite's dev server). */
  trustedOrigins: string[];
  mailer: Mailer;
  logger: Logger;
  /** The header in which the HTTP layer passes Express's `req.ip` (auth.routes.ts). */
  clientAddressHeader: string;
}

export const INVITATION_DAYS = 7;
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;
export const AUTH_BASE_PATH = '/api/auth';

/** The organization (shop) a new session starts in: the person's first shop. */
async function firstShopOf(pool: pg.Pool, userId: string): Promise<string | null> {
  const { rows } = await pool.query<{ organization_id: string }>(
    `SELECT "organizationId" AS organization_id FROM shop_member WHERE "userId" = $1 ORDER BY "createdAt", "organizationId" LIMIT 1`,
    [userId],
  );
  return rows[0]?.organization_id ?? null;
}

/**
 * People, passwords, sessions, a shop's team and its invitations, by better-auth on our
 * PostgreSQL (migration Accounts1764230000000). Passwords are hashed with scrypt (memory-hard);
 * the session cookie is HttpOnly, SameSite=Lax, and Secure when `baseUrl` is https. Sign-in
 * attempts are limited by the HTTP layer (sign-in-throttle.ts), not by the library's own limiter,
 * so that the limits follow spec section 9 and Express's idea of the client address.
 */
export function createAuth(settings: AuthSettings) {
  const { pool, mailer, logger } = settings;
  return betterAuth({
    appName: 'TikTok Insights',
    database: pool,
    secret: settings.secret,
    baseURL: settings.baseUrl,
    basePath: AUTH_BASE_PATH,
    trustedOrigins: settings.trustedOrigins,
    telemetry: { enabled: false },
    rateLimit: { enabled: false },
    logger: {
      // The library's messages may quote an email address: only their level and kind are kept.
      log(level, message) {
        const line = { source: 'auth', kind: message.split(':')[0]?.slice(0, 80) };
        if (level === 'error') logger.error(line, 'authentication library error');
        else if (level === 'warn') logger.warn(line, 'authentication library warning');
      },
    },
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'tiktok-insights',
      ipAddress: { ipAddressHeaders: [settings.clientAddressHeader] },
    },
    user: { modelName: 'app_user' },
    session: { modelName: 'user_session', expiresIn: 30 * 24 * 3600, updateAge: 24 * 3600 },
    account: { modelName: 'user_account' },
    verification: { modelName: 'auth_verification' },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3600,
      async sendResetPassword({ user, url }) {
        if (!mailer.configured) return;
        // Not awaited: how long the answer takes must not tell whether the address has an account.
        void mailer.send({
          to: user.email,
          subject: 'Reset your TikTok Insights password',
          text: `Someone asked to reset the password of ${user.email} on TikTok Insights.\n\nChoose a new one here (the link works for an hour):\n${url}\n\nIf it was not you, ignore this message.`,
        }).catch(() => undefined); // the mailer logs the failure
      },
    },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            return { data: { ...session, activeOrganizationId: await firstShopOf(pool, session.userId) } };
          },
        },
      },
    },
    plugins: [
      organization({
        roles: teamRoles,
        creatorRole: 'owner',
        // Shops are created by the first-run setup and by ADMIN_TOKEN's createShop, with their data.
        allowUserToCreateOrganization: false,
        disableOrganizationDeletion: true,
        invitationExpiresIn: INVITATION_DAYS * 24 * 3600,
        cancelPendingInvitationsOnReInvite: true,
        schema: {
          organization: { modelName: 'shop_organization' },
          member: { modelName: 'shop_member' },
          invitation: { modelName: 'shop_invitation' },
        },
        async sendInvitationEmail({ id, email, role, organization: shop, inviter }) {
          if (!mailer.configured) return;
          await mailer.send({
            to: email,
            subject: `You are invited to ${shop.name} on TikTok Insights`,
            text:
              `${inviter.user.name} invited you to see ${shop.name}'s TikTok insights as ${role === 'viewer' ? 'a viewer' : `an ${role}`}.\n\n` +
              `Accept within ${INVITATION_DAYS} days:\n${settings.baseUrl}/accept-invitation/${id}\n`,
          });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
