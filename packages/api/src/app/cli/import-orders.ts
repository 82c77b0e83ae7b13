import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { DataSource } from 'typeorm';
import { apiKeyOfToken } from '../../modules/auth/viewer.js';
import { findImportJob, importJobProgress, insertImportJob, MAX_IMPORT_ERRORS, withdrawQueuedImportJob, type ImportJobView } from '../../modules/imports/import-jobs.js';
import { shopImportsRunner } from '../../modules/imports/import-runner.js';
import { plannerStatisticsRefresh } from '../../modules/orders/planner-statistics.js';
import { openOrderFile, type OrderFileFormat } from '../../modules/order-files/order-file-reader.js';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { AppError } from '../../platform/errors/app-error.js';
import { openDatabase } from '../../platform/database/data-source.js';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres.js';
import { createLogger, type Logger } from '../../platform/logging/logger.js';
import { loadConfig } from '../config.js';
import type { ImportSettings } from '../http/import.routes.js';

export const IMPORT_ORDERS_USAGE = `Usage: pnpm import-orders --shop <shop token or shop id> [--format tiktok|shopify|template] <file>...
       SHOP_TOKEN=<shop token> pnpm import-orders <file>...

Imports order files into a shop as uploads do (POST /api/imports): each file is one import job,
all or nothing, run in this process one after the other, in the order given. Works with or without
a running server, on the database of DATABASE_URL (or the embedded one in .data/).

  --shop     the shop: its id, or one of its API tokens (tti_…; SHOP_TOKEN when --shop is not given)
  --format   the files' format; otherwise each file's header row says it
  --help

Exit code: 0 when every file was imported, 1 when any failed, 2 for a usage error.`;

/** Exit codes: every file imported, a file failed, the command was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const FORMATS: readonly OrderFileFormat[] = ['tiktok', 'shopify', 'template'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POLL_MS = 200;

/** A wrong command line or an unknown shop or file: said on stderr, exit code 2. */
export class UsageError extends Error {}

export interface ImportOrdersArgs {
  shop: string;
  files: string[];
  format?: OrderFileFormat;
  help: boolean;
}

export function parseImportOrdersArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ImportOrdersArgs {
  let parsed;
  try {
    parsed = parseArgs({
      // `pnpm import-orders -- …` passes the `--` on; it separates nothing here.
      args: argv.filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: { shop: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { shop: '', files: [], help: true };
  // SHOP_TOKEN keeps the token out of the command line, which shells keep and pnpm echoes.
  const shop = values.shop?.trim() || env.SHOP_TOKEN?.trim();
  if (!shop) throw new UsageError('Name the shop with --shop <shop token or shop id>, or its token in SHOP_TOKEN.');
  if (positionals.length === 0) throw new UsageError('Name at least one order file.');
  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}.`);
  }
  return { shop, files: positionals, format: format as OrderFileFormat | undefined, help: false };
}

/** Every file named exists and is a file: checked before anything is imported. */
export async function checkFiles(files: readonly string[], cwd: string): Promise<Array<{ path: string; bytes: number }>> {
  const found: Array<{ path: string; bytes: number }> = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const info = await stat(path).catch(() => null);
    if (!info) throw new UsageError(`No such file: ${file}`);
    if (!info.isFile()) throw new UsageError(`Not a file: ${file}`);
    found.push({ path, bytes: info.size });
  }
  return found;
}

/** The shop an operator named: by its id, or by one of its live tokens (looked up by hash, never shown). */
export async function resolveShop(
  dataSource: DataSource,
  shop: string,
): Promise<{ shopId: string; name: string; timezone: string; tokenId: string | null }> {
  let shopId: string;
  let tokenId: string | null = null;
  if (UUID.test(shop)) {
    shopId = shop;
  } else {
    const owner = await apiKeyOfToken(dataSource, shop);
    if (!owner) throw new UsageError('No shop has this token, or it was revoked.');
    ({ shopId, tokenId } = owner);
  }
  const [row]: Array<{ name: string; timezone: string }> = await new ShopScope(dataSource, shopId).write(
    `SELECT name, timezone FROM shop WHERE shop_id = $1`,
  );
  if (!row) throw new UsageError(`No shop with the id ${shopId}.`);
  return { shopId, tokenId, ...row };
}

/** About how many records the file has: its lines less the header (a quoted cell may hold a line break). */
async function estimateRows(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (last !== 0x0a) lines += 1;
  return Math.max(0, lines - 1);
}

/** The format of a file's header row (as the upload checks it); BAD_USER_INPUT for a header no format knows. */
async function detectFormat(path: string, format: OrderFileFormat | undefined, timeZone: string): Promise<OrderFileFormat> {
  const input = createReadStream(path);
  try {
    return (await openOrderFile(input, { format, timeZone })).format;
  } finally {
    input.destroy();
  }
}

export interface ImportOrdersOutput {
  /** One line of the outcome (stdout). */
  line(text: string): void;
  /** Where the progress bar is drawn; null: no bar (not a terminal). */
  progressStream: NodeJS.WriteStream | null;
}

export interface ImportOrdersDeps {
  dataSource: DataSource;
  logger: Logger;
  imports: ImportSettings;
  output: ImportOrdersOutput;
  signal: AbortSignal;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function outcomeLines(name: string, job: ImportJobView): string[] {
  if (job.status === 'done') {
    return [
      `${name}: imported (${job.format}), ${plural(job.rowsRead, 'row')}: ${job.ordersCreated} created, ${job.ordersUpdated} updated, ` +
        `${job.ordersUnchanged} unchanged, ${job.ordersSkipped} skipped`,
    ];
  }
  const lines = [`${name}: failed (${job.format}), nothing of it was written; ${plural(job.errors.length, 'error')}${job.errors.length >= MAX_IMPORT_ERRORS ? ' (the first 100)' : ''}:`];
  for (const error of job.errors) lines.push(`  row ${error.row}${error.column ? `, column "${error.column}"` : ''}: ${error.message}`);
  return lines;
}

/**
 * Imports the files into the shop one after the other, each as an upload's job run by the
 * server's runner in this process; true when every file was imported.
 */
export async function importOrderFiles(
  deps: ImportOrdersDeps,
  shop: { shopId: string; timezone: string; tokenId?: string | null },
  files: ReadonlyArray<{ path: string; bytes: number }>,
  format: OrderFileFormat | undefined,
): Promise<boolean> {
  const scope = new ShopScope(deps.dataSource, shop.shopId);
  const runShopImports = shopImportsRunner({ dataSource: deps.dataSource, logger: deps.logger });
  let allImported = true;
  for (const file of files) {
    if (deps.signal.aborted) {
      deps.output.line(`${basename(file.path)}: not imported, stopped`);
      allImported = false;
      continue;
    }
    const name = basename(file.path);
    if (file.bytes > deps.imports.maxBytes) {
      deps.output.line(`${name}: failed: the file is larger than the import limit of ${deps.imports.maxBytes} bytes (IMPORT_MAX_BYTES).`);
      allImported = false;
      continue;
    }
    let detected: OrderFileFormat;
    try {
      detected = await detectFormat(file.path, format, shop.timezone);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
      deps.output.line(`${name}: failed: ${error.message}`);
      allImported = false;
      continue;
    }
    // The runner removes its job's file when the job ends: it gets a copy, as an upload is one.
    await mkdir(deps.imports.dir, { recursive: true });
    const stored = join(deps.imports.dir, `${randomUUID()}.csv`);
    await copyFile(file.path, stored);
    const id = await insertImportJob(scope, {
      format: detected,
      fileName: name,
      bytes: file.bytes,
      storedFile: stored,
      // The token the operator named uploads the file; a shop named by its id has none.
      uploadedByTokenId: shop.tokenId ?? null,
    });
    const job = await runToEnd(deps, scope, id, runShopImports, await estimateRows(file.path), name);
    for (const text of outcomeLines(name, job)) deps.output.line(text);
    if (job.status !== 'done') allImported = false;
  }
  return allImported;
}

/**
 * Runs the shop's waiting jobs until this one has ended. Another process holding the shop's lock
 * (a running server) runs it instead: this one waits and shows its progress all the same.
 */
async function runToEnd(
  deps: ImportOrdersDeps,
  scope: ShopScope,
  id: string,
  runShopImports: ReturnType<typeof shopImportsRunner>,
  estimatedRows: number,
  name: string,
): Promise<ImportJobView> {
  const bar = deps.output.progressStream
    ? new cliProgress.SingleBar(
        { stream: deps.output.progressStream, format: `${name} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted}`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(Math.max(estimatedRows, 1), 0);
  const showProgress = async () => {
    const progress = await importJobProgress(scope, id);
    if (progress && bar) bar.update(Math.min(progress.rowsRead, bar.getTotal()));
    return progress;
  };
  const timer = setInterval(() => void showProgress().catch(() => undefined), POLL_MS);
  try {
    for (;;) {
      if (deps.signal.aborted) {
        const stored = await withdrawQueuedImportJob(scope, id, 'Stopped before it finished: nothing was written.');
        if (stored) await rm(stored, { force: true });
      } else {
        await runShopImports({ shopId: scope.shopId }, deps.signal).catch((error: unknown) => {
          // Stopped: the runner put the job back in the queue; it is withdrawn above.
          if (!deps.signal.aborted) throw error;
        });
      }
      const progress = await importJobProgress(scope, id);
      if (progress?.status === 'done' || progress?.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const job = (await findImportJob(scope, id))!;
    if (bar && job.rowsRead > bar.getTotal()) bar.setTotal(job.rowsRead);
    bar?.update(job.rowsRead);
    return job;
  } finally {
    clearInterval(timer);
    bar?.stop();
  }
}

/**
 * `pnpm import-orders`: the whole command, from its arguments and environment to its exit code.
 * Usage errors are found before anything is imported: the files first, then the shop.
 */
export async function runImportOrdersCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  output: ImportOrdersOutput & { error(text: string): void },
  signal: AbortSignal,
): Promise<number> {
  let args: ImportOrdersArgs;
  let files: Array<{ path: string; bytes: number }>;
  try {
    args = parseImportOrdersArgs(argv, env);
    if (args.help) {
      output.line(IMPORT_ORDERS_USAGE);
      return EXIT_OK;
    }
    // pnpm runs the script in packages/api; INIT_CWD is where the operator typed the command.
    files = await checkFiles(args.files, env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.error(`${error.message}\n\n${IMPORT_ORDERS_USAGE}`);
    return EXIT_USAGE;
  }
  const config = loadConfig(env);
  const logger = createLogger(env.LOG_LEVEL ?? 'warn');
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
  const { dataSource } = await openDatabase({ url: config.databaseUrl ?? embedded!.url, poolSize: 4 });
  try {
    let shop;
    try {
      shop = await resolveShop(dataSource, args.shop);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output.error(error.message);
      return EXIT_USAGE;
    }
    output.line(`Importing ${plural(files.length, 'file')} into ${shop.name} (${shop.shopId}, ${shop.timezone})`);
    const allImported = await importOrderFiles({ dataSource, logger, imports: config.imports, output, signal }, shop, files, args.format);
    return allImported ? EXIT_OK : EXIT_FAILED;
  } finally {
    // An import may have started a refresh of the planner statistics: it finishes on this connection pool.
    await plannerStatisticsRefresh();
    await dataSource.destroy();
    await embedded?.stop();
  }
}
