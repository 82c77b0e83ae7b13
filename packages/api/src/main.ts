import './app/process/heap-growth.js';
import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from './app/config.js';
import { closeDatabase } from './app/process/close-database.js';
import { openDatabase } from './platform/database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './platform/database/embedded-postgres.js';
import { databaseHasShop, findDemoShopId } from './modules/demo/demo-shop.js';
import { demoOwnerSignIn } from './modules/demo/demo-owner.js';
import { issueSetupCode, setupNeeded } from './modules/setup/first-run.js';
import { createMailer } from './platform/mail/mailer.js';
import { hasGraphiql, startServer } from './app/http/app.js';
import { loggableError, logger, logToFile } from './platform/logging/logger.js';
import { plannerStatisticsRefresh } from './modules/orders/planner-statistics.js';
import { FINISHED, settlesBy, stopOnSignals } from './app/process/shutdown.js';

// stdout carries only the lines people read (the links, progress); the JSON log lines go to stderr,
// or, when stderr is a terminal (someone ran `pnpm start`), to a file named in the printed lines.
const config = loadConfigOrExit();
const logFile = config.logFile ?? (process.stderr.isTTY ? join(config.dataDir, 'tiktok-insights.log') : null);
if (logFile) logToFile(logFile);

/** The settings, or a clear message and exit code 1 when one is invalid (a short ADMIN_TOKEN…). */
function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // No log file is known yet: a person at a terminal reads a sentence, a process manager a JSON line.
    if (process.stderr.isTTY) process.stderr.write(`TikTok Insights could not start: ${message}\n`);
    else logger.fatal({ reason: message }, 'failed to start: invalid configuration');
    process.exit(1);
  }
}

/** A line for the person at the terminal (stdout); logs go elsewhere. */
function say(text: string): void {
  process.stdout.write(text + '\n');
}

async function main(): Promise<void> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const { dataSource, applied } = await openDatabase({
    url: databaseUrl,
    replicaUrls: config.databaseUrl ? config.databaseReplicaUrls : [],
    statementTimeoutMs: config.statementTimeoutMs,
  });
  logger.info({ applied, embedded: embedded !== null }, 'database ready');

  if (config.seedDemo && !(await databaseHasShop(dataSource))) {
    say('No shop yet: creating the demo shop with about two years of orders…');
    // Loaded only to seed: the generator and its name tables stay out of a running server's memory.
    const { seedDemoShop } = await import('./modules/demo/demo-seed.js');
    await seedDemoShop(dataSource, logger);
  }

  const timeoutMs = config.shutdownTimeoutMs;
  const server = await startServer(
    {
      dataSource,
      logger,
      adminToken: config.adminToken,
      webDistDir: config.webDistDir,
      // Half of the shutdown's time for requests in flight; the rest closes the database.
      stopGracePeriodMs: Math.round(timeoutMs * 0.5),
      authThrottle: config.authThrottle,
      trustProxy: config.trustProxy,
      connectionLimits: config.connectionLimits,
      exports: config.exports,
      imports: config.imports,
      publicUrl: config.publicUrl,
      authSecret: config.authSecret,
      trustedOrigins: config.trustedOrigins,
      mailer: createMailer(config.smtpUrl, config.mailFrom, logger),
    },
    config.port,
    config.host,
  );
  const baseUrl = config.publicUrl ?? server.url;
  logger.info({ host: config.host, port: server.port }, 'listening');
  const demoShopId = await findDemoShopId(dataSource);
  const lines = [
    '',
    `TikTok Insights is running at ${baseUrl}`,
    `  GraphQL API and Apollo Sandbox: ${baseUrl}/graphql`,
  ];
  if (hasGraphiql(config.webDistDir)) lines.push(`  GraphiQL (works offline): ${baseUrl}/graphiql`);
  // The one place a password or the setup code is printed: the operator's terminal, never a log line.
  const demoOwner = demoShopId ? await demoOwnerSignIn(dataSource, demoShopId) : null;
  if (demoOwner) {
    lines.push(`  Demo shop: sign in at ${baseUrl}/ as ${demoOwner.email}, password ${demoOwner.password}`);
  } else if (demoShopId) {
    lines.push(`  Demo shop: sign in at ${baseUrl}/ (the demo owner's password was changed; \`pnpm reset-password <email>\` sets a new one)`);
  }
  if (await setupNeeded(dataSource)) {
    const code = await issueSetupCode(dataSource);
    lines.push(`  First run: create the owner's account and your shop at ${baseUrl}/setup?code=${code} (works once)`);
  }
  if (!config.adminToken) lines.push('  ADMIN_TOKEN is not set: creating shops through the API is off.');
  if (logFile) lines.push(`  Logs (JSON lines): ${logFile}`);
  lines.push('  Stop with Ctrl-C.');
  say(lines.join('\n') + '\n');

  stopOnSignals({
    timeoutMs,
    logger,
    onStart: () => {
      // On a new line: the terminal has just echoed ^C.
      if (logFile) say('\nStopping: finishing the requests in flight…');
    },
    onFinish: (exitCode) => {
      if (logFile) say(exitCode === 0 ? 'Stopped.' : `Stopped without finishing everything (details in ${logFile}).`);
    },
    steps: [
      {
        name: 'http',
        endsAt: 0.6,
        async run(deadline) {
          const stopped = await settlesBy(server.stopHttp(), deadline);
          const cut = server.requestsCutShort();
          return stopped && cut === 0 ? FINISHED : { finished: false, details: { requestsCutShort: cut, stopped } };
        },
      },
      {
        // A running order file import finishes, or rolls back and runs again at the next start.
        name: 'import jobs',
        endsAt: 0.65,
        async run(deadline) {
          const { finished, stopped } = await server.stopJobs(deadline);
          return finished ? FINISHED : { finished: false, details: { importJobsStopped: stopped } };
        },
      },
      {
        // An import may have started a refresh of the planner statistics (orders/planner-statistics.ts).
        name: 'background work',
        endsAt: 0.7,
        async run(deadline) {
          const refresh = plannerStatisticsRefresh();
          if (!refresh || (await settlesBy(refresh, deadline))) return FINISHED;
          return { finished: false, details: { running: 'planner statistics refresh' } };
        },
      },
      { name: 'database', endsAt: 0.85, run: (deadline) => closeDatabase(dataSource, deadline) },
      {
        name: 'embedded PostgreSQL',
        endsAt: 0.97,
        async run(deadline) {
          if (!embedded) return FINISHED;
          const outcome = await embedded.stopWithin(Math.max(0, deadline - performance.now() - 2_000));
          return outcome === 'stopped' || outcome === 'not ours' ? FINISHED : { finished: false, details: { outcome } };
        },
      },
    ],
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: loggableError(error) }, 'failed to start');
  if (logFile) process.stderr.write(`TikTok Insights could not start: ${error instanceof Error ? error.message : String(error)}\n  Details: ${logFile}\n`);
  process.exit(1);
});
