import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from './exports/export-limits.js';

/** Settings read from the environment once at start; README "Environment" lists them. */
export interface AppConfig {
  /** PostgreSQL URL; when absent an embedded server keeps its data in `dataDir`. */
  databaseUrl: string | null;
  /** Read replicas of DATABASE_URL: plain reads go to them, writes to the primary. */
  databaseReplicaUrls: string[];
  port: number;
  /** Token that may create shops and their tokens; admin calls are refused when it is unset. */
  adminToken: string | null;
  dataDir: string;
  embeddedPostgresPort: number;
  /** The built dashboard to serve on `/`; missing in API-only runs. */
  webDistDir: string;
  /** Create the demo shop when the database holds no shop. */
  seedDemo: boolean;
  logLevel: string;
  /** Milliseconds after which PostgreSQL stops a statement of the API (the request gets a TIMEOUT error). */
  statementTimeoutMs: number;
  /** Public base URL for printed links, e.g. behind a proxy. */
  publicUrl: string | null;
  /** How long a SIGINT/SIGTERM may take to finish the work in flight before the process gives up and exits 1. */
  shutdownTimeoutMs: number;
  /** File for the JSON log lines; null: stderr, or `<dataDir>/tiktok-insights.log` when stderr is a terminal. */
  logFile: string | null;
  /** Limits of the CSV exports (EXPORT_*). */
  exports: ExportSettings;
}

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return value;
}

function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, unit = 'milliseconds'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of ${unit}, 1 or more, got "${raw}"`);
  }
  return value;
}

function exportSettingsFromEnv(env: NodeJS.ProcessEnv): ExportSettings {
  const defaults = DEFAULT_EXPORT_SETTINGS;
  return {
    perShop: positiveIntFromEnv(env, 'EXPORT_LIMIT_PER_SHOP', defaults.perShop, 'exports'),
    total: positiveIntFromEnv(env, 'EXPORT_LIMIT_TOTAL', defaults.total, 'exports'),
    databaseConnections: positiveIntFromEnv(env, 'EXPORT_DB_CONNECTIONS', defaults.databaseConnections, 'connections'),
    stallTimeoutMs: positiveIntFromEnv(env, 'EXPORT_STALL_TIMEOUT_MS', defaults.stallTimeoutMs),
    tempDir: env.EXPORT_TEMP_DIR ? resolve(env.EXPORT_TEMP_DIR) : defaults.tempDir,
    tempMaxBytes: positiveIntFromEnv(env, 'EXPORT_TEMP_MAX_MB', defaults.tempMaxBytes / 1024 / 1024, 'megabytes') * 1024 * 1024,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || null,
    databaseReplicaUrls: (env.DATABASE_REPLICA_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean),
    port: intFromEnv('PORT', 4000),
    adminToken: env.ADMIN_TOKEN || null,
    dataDir: resolve(env.DATA_DIR || resolve(PROJECT_ROOT, '.data')),
    embeddedPostgresPort: intFromEnv('EMBEDDED_PG_PORT', 54329),
    webDistDir: resolve(env.WEB_DIST_DIR || resolve(PROJECT_ROOT, 'packages/web/dist')),
    seedDemo: env.SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
    statementTimeoutMs: positiveIntFromEnv(env, 'STATEMENT_TIMEOUT_MS', 15_000),
    publicUrl: env.PUBLIC_URL || null,
    shutdownTimeoutMs: positiveIntFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 25_000),
    logFile: env.LOG_FILE ? resolve(env.LOG_FILE) : null,
    exports: exportSettingsFromEnv(env),
  };
}
