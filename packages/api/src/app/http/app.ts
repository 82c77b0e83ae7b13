import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { AuthThrottle, DEFAULT_AUTH_THROTTLE_LIMITS, type AuthThrottleLimits } from '../../modules/auth/auth-throttle.js';
import { createHmac } from 'node:crypto';
import { createAuth, type Auth } from '../../modules/auth/auth.js';
import { DEFAULT_SIGN_IN_LIMITS, SignInThrottle, type SignInLimits } from '../../modules/auth/sign-in-throttle.js';
import { resolveViewer, type Viewer, type ViewerDeps } from '../../modules/auth/viewer.js';
import { keptSecret } from '../../platform/database/server-settings.js';
import { primaryPool } from '../../platform/database/replication.js';
import { NO_MAILER, type Mailer } from '../../platform/mail/mailer.js';
import { accountsRoutes } from './accounts.routes.js';
import { authRoutes, CLIENT_ADDRESS_HEADER, sessionReader } from './auth.routes.js';
import { credentialsOf } from './caller.js';
import { DEFAULT_HOST } from '../config.js';
import { createApolloServer } from '../graphql/apollo.js';
import { createRequestContext } from '../graphql/request-context.js';
import { buildAppSchema } from '../graphql/schema.js';
import { createExports } from './export.routes.js';
import { createImports, type ImportSettings } from './import.routes.js';
import { IMPORT_QUEUE, resumeWaitingImports } from '../../modules/imports/import-jobs.js';
import { shopImportsRunner } from '../../modules/imports/import-runner.js';
import { JobQueue, type JobQueueOptions, type JobQueueStop } from '../../platform/jobs/job-queue.js';
import type { ExportSettings } from '../../platform/csv-export/export-limits.js';
import { runInRequestScope } from '../../platform/database/query-observer.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits.js';
import { sendHttpError } from './error-response.js';
import { jsonBody, RequestBodyError } from './json-body.js';
import { readinessProbe } from './readiness.js';
import { apolloLandingPageCsp, securityHeaders } from './security-headers.js';

/** Large enough for a 5,000-order import of ordinary orders; anything larger is answered 413. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** The body of a request without a valid token: any query, far from an import. */
export const ANONYMOUS_MAX_BODY_BYTES = 100 * 1024;
/** Nesting of arrays and objects in a JSON body; an import nests 5 deep. */
export const MAX_BODY_DEPTH = 64;

export interface AppDeps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  webDistDir?: string | null;
  /** How long `stop()` lets requests in flight finish before it closes their connections (default 10 s). */
  stopGracePeriodMs?: number;
  /** Failed authentication allowed before 429 (default DEFAULT_AUTH_THROTTLE_LIMITS). */
  authThrottle?: AuthThrottleLimits;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client address (default none). */
  trustProxy?: boolean | number | string;
  /** Timeouts and connection caps; DEFAULT_CONNECTION_LIMITS by default. */
  connectionLimits?: ConnectionLimits;
  /** Limits of the CSV exports (defaults: DEFAULT_EXPORT_SETTINGS). */
  exports?: Partial<ExportSettings>;
  /** Where uploaded order files wait and how large one may be (defaults: DEFAULT_IMPORT_SETTINGS). */
  imports?: Partial<ImportSettings>;
  /** The background jobs' workers (defaults: 2 at once, polling every 2 s). */
  jobs?: JobQueueOptions;
  /** The address people open (PUBLIC_URL); the server's own address when unset. */
  publicUrl?: string | null;
  /** Signs session cookies (AUTH_SECRET); a random one kept in the database when unset. */
  authSecret?: string | null;
  /** Other origins allowed to call the auth routes with cookies (TRUSTED_ORIGINS). */
  trustedOrigins?: string[];
  /** Mail for invitations and password resets (SMTP_URL); none by default. */
  mailer?: Mailer;
  /** Wrong passwords allowed before a wait (default DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  dir: join(tmpdir(), 'tiktok-insights-imports'),
  maxBytes: 1024 * 1024 * 1024,
};

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000: the address it listens on (`localhost` when it listens on every interface). */
  url: string;
  port: number;
  httpServer: Server;
  /** Stops taking requests, lets the ones in flight finish (for up to the grace period), then stops the background jobs the same way. */
  stop(): Promise<void>;
  /** Only the HTTP part of stop(). */
  stopHttp(): Promise<void>;
  /** Stops taking background jobs; the running ones may finish until `deadline` (a `performance.now()` time), then are left to be retried. */
  stopJobs(deadline: number): Promise<JobQueueStop>;
  /** Requests whose connection `stop()` closed before they were answered. */
  requestsCutShort(): number;
}

const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof RequestBodyError) {
    sendHttpError(res, { status: error.status, code: error.code, message: error.message });
    return;
  }
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  const message =
    status === 413
      ? `Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB (an import takes up to 5,000 orders).`
      : status === 500
        ? 'Internal server error.'
        : 'Malformed request body.';
  sendHttpError(res, { status, code, message });
};

/** Whether `webDistDir` holds the GraphiQL page (`pnpm build` makes it). */
export function hasGraphiql(webDistDir: string): boolean {
  return existsSync(join(webDistDir, 'graphiql', 'index.html'));
}

function bodyTooLarge(limit: 'anonymous' | 'authenticated'): RequestBodyError {
  const message =
    limit === 'authenticated'
      ? `Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB (an import takes up to 5,000 orders).`
      : `Request body too large: without a valid token the limit is ${ANONYMOUS_MAX_BODY_BYTES / 1024} KB. ` +
        `Send your token as "Authorization: Bearer <token>" (the limit is then ${MAX_BODY_BYTES / 1024 / 1024} MB).`;
  return new RequestBodyError(413, 'PAYLOAD_TOO_LARGE', message);
}

/** `http://host:port` for people: an IPv6 address in brackets, `localhost` for every interface. */
export function serverUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/**
 * One port for everything: the dashboard on `/`, GraphQL (and Apollo Sandbox in a browser) on
 * `/graphql`, GraphiQL on `/graphiql`, `/healthz` for the process and `/readyz` for the database.
 */
export async function startServer(deps: AppDeps, port: number, host: string = DEFAULT_HOST): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  // The authentication library is made once the server's own address is known (after listen).
  let auth: Auth | null = null;
  const authReady = (): Auth => {
    if (!auth) throw new Error('authentication is not ready yet');
    return auth;
  };
  const secret = deps.authSecret ?? (await keptSecret(deps.dataSource, 'auth_secret'));
  const sharedLinkSecrets = { grantKey: createHmac('sha256', secret).update('shared link grants').digest('base64url') };
  const mailer = deps.mailer ?? NO_MAILER;
  const signIns = new SignInThrottle(deps.dataSource, deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS, deps.logger);
  const sessions = { personOf: (headers: Headers) => sessionReader(authReady()).personOf(headers) };
  const authDeps: ViewerDeps & Omit<AppDeps, 'authThrottle'> = {
    ...deps,
    authThrottle: new AuthThrottle(deps.dataSource, deps.authThrottle ?? DEFAULT_AUTH_THROTTLE_LIMITS, deps.logger),
    sessions,
    sharedLinkSecrets,
  };
  let baseUrl = deps.publicUrl ?? '';
  const trustedOrigins = (deps.trustedOrigins ?? []).map((origin) => new URL(origin).origin);
  const accountServices = {
    get baseUrl() {
      return baseUrl;
    },
    mailConfigured: mailer.configured,
    sharedLinkSecrets,
  };
  // Requests being answered: those still here when stop()'s grace period ends are cut short.
  const inFlight = new Set<object>();
  let cutShort = 0;
  app.use((_req, res, next) => {
    inFlight.add(res);
    res.once('finish', () => inFlight.delete(res));
    res.once('close', () => inFlight.delete(res));
    runInRequestScope(next);
  });
  const httpServer = createLimitedServer(app, deps.connectionLimits ?? DEFAULT_CONNECTION_LIMITS, deps.logger);
  const stopGracePeriodMs = deps.stopGracePeriodMs ?? 10_000;
  const apollo = createApolloServer({
    schema: await buildAppSchema(),
    logger: deps.logger,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: stopGracePeriodMs })],
  });
  await apollo.start();
  const webDist = deps.webDistDir;
  app.use(securityHeaders({ landingPage: await apolloLandingPageCsp(apollo), graphiql: !!webDist && hasGraphiql(webDist) }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = readinessProbe(deps.dataSource);
  app.get('/readyz', async (_req, res) => {
    const ready = await readiness.check();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  const exports = createExports(authDeps);
  app.use('/api/exports', exports.router);
  const jobs = new JobQueue(deps.dataSource, deps.logger, deps.jobs);
  jobs.handle(IMPORT_QUEUE, shopImportsRunner({ dataSource: deps.dataSource, logger: deps.logger }));
  await jobs.start();
  const resumed = await resumeWaitingImports(deps.dataSource, jobs);
  if (resumed > 0) deps.logger.info({ shops: resumed }, 'order file imports resumed');
  app.use('/api/auth', (req, res) => {
    if (!auth) return sendHttpError(res, { status: 503, code: 'SERVICE_UNAVAILABLE', message: 'Starting; try again in a moment.' });
    return authRoutes({ auth, signIns, dataSource: deps.dataSource, logger: deps.logger, origin: new URL(baseUrl).origin, trustedOrigins })(req, res, () => undefined);
  });
  const accountRoutes = accountsRoutes({
    get auth() {
      return authReady();
    },
    dataSource: deps.dataSource,
    logger: deps.logger,
    signIns,
    sharedLinkSecrets,
  });
  app.use('/api/setup', accountRoutes.setup);
  app.use('/api/shared-links', accountRoutes.sharedLinks);
  app.use('/api/imports', createImports({ ...authDeps, jobs, imports: { ...DEFAULT_IMPORT_SETTINGS, ...deps.imports } }));
  app.use(
    '/graphql',
    jsonBody({
      limits: { anonymousBytes: ANONYMOUS_MAX_BODY_BYTES, authenticatedBytes: MAX_BODY_BYTES, maxDepth: MAX_BODY_DEPTH },
      // Looked up only for a body over the anonymous limit; the request's context reuses the answer.
      async allowsLargeBody(req, res) {
        const viewer: Promise<Viewer> = resolveViewer(credentialsOf(req), authDeps);
        res.locals.viewer = viewer;
        try {
          const { kind } = await viewer;
          return kind === 'apiKey' || kind === 'admin' || kind === 'person';
        } catch (error) {
          deps.logger.warn({ err: loggableError(error) }, 'token lookup for a large request body failed');
          throw error;
        }
      },
      tooLarge: bodyTooLarge,
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createRequestContext({ ...authDeps, accounts: accountServices }, credentialsOf(req), res.locals.viewer as Promise<Viewer> | undefined),
    }),
  );
  // GraphiQL (packages/web/vite.graphiql.config.ts), for developers without internet access, which
  // Apollo Sandbox on /graphql needs.
  if (webDist && hasGraphiql(webDist)) {
    const page = join(webDist, 'graphiql', 'index.html');
    app.get(['/graphiql', '/graphiql/'], (_req, res) => res.sendFile(page));
    app.use('/graphiql/assets', express.static(join(webDist, 'graphiql', 'assets'), { maxAge: '1h' }));
  }
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!graphql|healthz|readyz|api\/).*/, (_req, res) => {
      res.sendFile(join(webDist, 'index.html'));
    });
  }
  app.use((_req, res) => sendHttpError(res, { status: 404, code: 'NOT_FOUND', message: 'Not found.' }));
  app.use(jsonErrors);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => resolve());
    });
  } catch (error) {
    await jobs.stop(performance.now());
    throw error;
  }
  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  baseUrl = (deps.publicUrl ?? serverUrl(host, boundPort)).replace(/\/+$/, '');
  auth = createAuth({
    pool: primaryPool(deps.dataSource),
    secret,
    baseUrl,
    trustedOrigins,
    mailer,
    logger: deps.logger,
    clientAddressHeader: CLIENT_ADDRESS_HEADER,
  });
  const stopHttp = async () => {
    // Set before Apollo's own timer for the same period, which then closes their connections.
    const graceEnds = setTimeout(() => (cutShort = inFlight.size), stopGracePeriodMs);
    try {
      await apollo.stop();
    } finally {
      clearTimeout(graceEnds);
      readiness.close();
      exports.close();
    }
  };
  return {
    url: serverUrl(host, boundPort),
    port: boundPort,
    httpServer,
    stopJobs: (deadline) => jobs.stop(deadline),
    stop: async () => {
      await stopHttp();
      await jobs.stop(performance.now() + stopGracePeriodMs);
    },
    stopHttp,
    requestsCutShort: () => cutShort,
  };
}

