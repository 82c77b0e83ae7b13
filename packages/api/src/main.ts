import 'reflect-metadata';
import { loadConfig } from './config.js';
import { openDatabase } from './database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres.js';
import { databaseHasShop, demoSignInToken, findDemoShopId } from './demo/demo-sign-in.js';
import { startServer } from './http/app.js';
import { logger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
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
    process.stdout.write('No shop yet: creating the demo shop with about two years of orders…\n');
    // Loaded only to seed: the generator and its name tables stay out of a running server's memory.
    const { seedDemoShop } = await import('./demo/demo-seed.js');
    await seedDemoShop(dataSource, logger);
  }

  const server = await startServer(
    { dataSource, logger, adminToken: config.adminToken, webDistDir: config.webDistDir },
    config.port,
  );
  const baseUrl = config.publicUrl ?? server.url;
  logger.info({ port: server.port }, 'listening');
  const demoShopId = await findDemoShopId(dataSource);
  const lines = [
    '',
    `TikTok Insights is running at ${baseUrl}`,
    `  GraphQL API and Apollo Sandbox: ${baseUrl}/graphql`,
  ];
  if (demoShopId) {
    // The one place a token is printed: the operator's own sign-in link, never a log line.
    const token = await demoSignInToken(dataSource, demoShopId);
    lines.push(`  Demo shop dashboard (signed in): ${baseUrl}/#token=${token}`);
  }
  if (!config.adminToken) lines.push('  ADMIN_TOKEN is not set: creating shops through the API is off.');
  process.stdout.write(lines.join('\n') + '\n\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await server.stop();
      logger.info('http stopped');
      await dataSource.destroy();
      logger.info('db closed');
      await embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: String(error) }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'failed to start');
  process.exit(1);
});
