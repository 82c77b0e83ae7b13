import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type ErrorRequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { createApolloServer } from '../graphql/apollo.js';
import { createRequestContext } from '../graphql/context.js';
import { buildAppSchema } from '../graphql/schema.js';
import { createExports } from '../exports/export.routes.js';
import type { ExportSettings } from '../exports/export-limits.js';
import { runInRequestScope } from '../database/query-observer.js';
import type { Logger } from '../logger.js';
import { readinessProbe } from './readiness.js';

/** Large enough for a 5,000-order import of ordinary orders; anything larger is answered 413. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface AppDeps {
  dataSource: DataSource;
  logger: Logger;
  adminToken: string | null;
  webDistDir?: string | null;
  /** How long `stop()` lets requests in flight finish before it closes their connections (default 10 s). */
  stopGracePeriodMs?: number;
  /** Limits of the CSV exports (defaults: DEFAULT_EXPORT_SETTINGS). */
  exports?: Partial<ExportSettings>;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  port: number;
  httpServer: Server;
  /** Stops taking requests, lets the ones in flight finish (for up to the grace period), then resolves. */
  stop(): Promise<void>;
  /** Requests whose connection `stop()` closed before they were answered. */
  requestsCutShort(): number;
}

const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  const message =
    status === 413
      ? `Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB (an import takes up to 5,000 orders).`
      : status === 500
        ? 'Internal server error.'
        : 'Malformed request body.';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** Whether `webDistDir` holds the GraphiQL page (`pnpm build` makes it). */
export function hasGraphiql(webDistDir: string): boolean {
  return existsSync(join(webDistDir, 'graphiql', 'index.html'));
}

/**
 * One port for everything: the dashboard on `/`, GraphQL (and Apollo Sandbox in a browser) on
 * `/graphql`, GraphiQL on `/graphiql`, `/healthz` for the process and `/readyz` for the database.
 */
export async function startServer(deps: AppDeps, port: number, host?: string): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // Requests being answered: those still here when stop()'s grace period ends are cut short.
  const inFlight = new Set<object>();
  let cutShort = 0;
  app.use((_req, res, next) => {
    inFlight.add(res);
    res.once('finish', () => inFlight.delete(res));
    res.once('close', () => inFlight.delete(res));
    runInRequestScope(next);
  });
  const httpServer = createServer(app);
  const stopGracePeriodMs = deps.stopGracePeriodMs ?? 10_000;
  const apollo = createApolloServer({
    schema: await buildAppSchema(),
    logger: deps.logger,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: stopGracePeriodMs })],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = readinessProbe(deps.dataSource);
  app.get('/readyz', async (_req, res) => {
    const ready = await readiness.check();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  const exports = createExports(deps);
  app.use('/api/exports', exports.router);
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext(deps, req.headers.authorization),
    }),
  );
  const webDist = deps.webDistDir;
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
  app.use(jsonErrors);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host && host !== '0.0.0.0' ? host : 'localhost'}:${boundPort}`,
    port: boundPort,
    httpServer,
    stop: async () => {
      // Set before Apollo's own timer for the same period, which then closes their connections.
      const graceEnds = setTimeout(() => (cutShort = inFlight.size), stopGracePeriodMs);
      try {
        await apollo.stop();
      } finally {
        clearTimeout(graceEnds);
        readiness.close();
        exports.close();
      }
    },
    requestsCutShort: () => cutShort,
  };
}
