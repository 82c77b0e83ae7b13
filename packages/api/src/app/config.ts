import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_AUTH_THROTTLE_LIMITS, type AuthThrottleLimits } from '../modules/auth/auth-throttle.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './http/connection-limits.js';
import type { ImportSettings } from './http/import.routes.js';

/** Where the server listens unless HOST says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from '../platform/csv-export/export-limits.js';

/** Settings read from the environment once at start; README "Environment" lists them. */
export interface AppConfig {
  /** PostgreSQL URL; when absent an embedded server keeps its data in `dataDir`. */
  databaseUrl: string | null;
  /** Read replicas of DATABASE_URL: plain reads go to them, writes to the primary. */
  databaseReplicaUrls: string[];
  port: number;
  /** Address the HTTP server listens on: 127.0.0.1 (this machine only) unless HOST says otherwise, e.g. 0.0.0.0 in a container. */
  host: string;
  /** Timeouts and connection caps of the HTTP server. */
  connectionLimits: ConnectionLimits;
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
  /** Failed authentication attempts allowed per client address and per token prefix in a window, before 429. */
  authThrottle: AuthThrottleLimits;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For gives the client address; false: the socket's address. */
  trustProxy: boolean | number | string;
  /** Limits of the CSV exports (EXPORT_*). */
  exports: ExportSettings;
  /** Uploaded order files: where they wait for their job (IMPORT_DIR) and how large one may be (IMPORT_MAX_BYTES). */
  imports: ImportSettings;
  /** Signs session cookies (AUTH_SECRET); null: a random secret kept in the database. */
  authSecret: string | null;
  /** Other origins whose pages may call the auth routes (TRUSTED_ORIGINS, comma-separated). */
  trustedOrigins: string[];
  /** SMTP server for invitations and password resets (SMTP_URL, e.g. smtps://user:pass@mail.example.com); null: links are shown to copy. */
  smtpUrl: string | null;
  /** The sender of that mail (MAIL_FROM). */
  mailFrom: string;
}

/** The admin token can create shops and their tokens: it must be long enough not to be guessed. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** The repository's root: the nearest folder up with pnpm-workspace.yaml (from src/app in development, dist/ when built). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '../../..');
  }
}

export const PROJECT_ROOT = findProjectRoot(fileURLToPath(new URL('.', import.meta.url)));

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

function adminTokenFromEnv(env: NodeJS.ProcessEnv): string | null {
  const token = env.ADMIN_TOKEN;
  if (!token) return null;
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long, got ${token.length}; ` +
        'generate one with `openssl rand -hex 32`, or leave ADMIN_TOKEN unset to turn the admin calls off',
    );
  }
  if (/\s/.test(token)) throw new Error('ADMIN_TOKEN must not contain spaces (it is sent as "Authorization: Bearer <token>")');
  return token;
}

function authSecretFromEnv(env: NodeJS.ProcessEnv): string | null {
  const secret = env.AUTH_SECRET;
  if (!secret) return null;
  if (secret.length < 32) throw new Error(`AUTH_SECRET must be at least 32 characters long, got ${secret.length}; generate one with \`openssl rand -hex 32\``);
  return secret;
}

/** TRUST_PROXY as Express takes it: true, a number of proxies, or addresses and subnets ("loopback, 10.0.0.0/8"). */
function trustProxyFromEnv(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function countFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number, ${min} or more, got "${raw}"`);
  }
  return value;
}

function connectionLimitsFromEnv(env: NodeJS.ProcessEnv): ConnectionLimits {
  const defaults = DEFAULT_CONNECTION_LIMITS;
  const limits: ConnectionLimits = {
    headersTimeoutMs: positiveIntFromEnv(env, 'HEADERS_TIMEOUT_MS', defaults.headersTimeoutMs),
    requestTimeoutMs: positiveIntFromEnv(env, 'REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs),
    keepAliveTimeoutMs: positiveIntFromEnv(env, 'KEEP_ALIVE_TIMEOUT_MS', defaults.keepAliveTimeoutMs),
    socketIdleTimeoutMs: positiveIntFromEnv(env, 'SOCKET_IDLE_TIMEOUT_MS', defaults.socketIdleTimeoutMs),
    maxConnections: countFromEnv(env, 'MAX_CONNECTIONS', defaults.maxConnections, 1),
    maxConnectionsPerAddress: countFromEnv(env, 'MAX_CONNECTIONS_PER_ADDRESS', defaults.maxConnectionsPerAddress, 0),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not be longer than REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  }
  return limits;
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

/** 1 GiB: a year of a busy shop's Seller Center export with room to spare. */
export const DEFAULT_IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = resolve(env.DATA_DIR || resolve(PROJECT_ROOT, '.data'));
  return {
    databaseUrl: env.DATABASE_URL || null,
    databaseReplicaUrls: (env.DATABASE_REPLICA_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean),
    port: intFromEnv('PORT', 4000),
    adminToken: adminTokenFromEnv(env),
    host: env.HOST?.trim() || DEFAULT_HOST,
    connectionLimits: connectionLimitsFromEnv(env),
    dataDir,
    embeddedPostgresPort: intFromEnv('EMBEDDED_PG_PORT', 54329),
    webDistDir: resolve(env.WEB_DIST_DIR || resolve(PROJECT_ROOT, 'packages/web/dist')),
    seedDemo: env.SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
    statementTimeoutMs: positiveIntFromEnv(env, 'STATEMENT_TIMEOUT_MS', 15_000),
    publicUrl: env.PUBLIC_URL || null,
    shutdownTimeoutMs: positiveIntFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 25_000),
    logFile: env.LOG_FILE ? resolve(env.LOG_FILE) : null,
    authThrottle: {
      failuresPerAddress: countFromEnv(env, 'AUTH_FAILURES_PER_ADDRESS', DEFAULT_AUTH_THROTTLE_LIMITS.failuresPerAddress, 1),
      failuresPerTokenPrefix: countFromEnv(env, 'AUTH_FAILURES_PER_TOKEN_PREFIX', DEFAULT_AUTH_THROTTLE_LIMITS.failuresPerTokenPrefix, 1),
      windowMs: positiveIntFromEnv(env, 'AUTH_FAILURE_WINDOW_MS', DEFAULT_AUTH_THROTTLE_LIMITS.windowMs),
    },
    trustProxy: trustProxyFromEnv(env),
    exports: exportSettingsFromEnv(env),
    authSecret: authSecretFromEnv(env),
    trustedOrigins: (env.TRUSTED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'TikTok Insights <no-reply@localhost>',
    imports: {
      dir: env.IMPORT_DIR ? resolve(env.IMPORT_DIR) : join(dataDir, 'imports'),
      maxBytes: positiveIntFromEnv(env, 'IMPORT_MAX_BYTES', DEFAULT_IMPORT_MAX_BYTES, 'bytes'),
    },
  };
}
