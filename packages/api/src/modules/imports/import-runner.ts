import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { withSessionLock } from '../../platform/database/session-lock.js';
import { AppError } from '../../platform/errors/app-error.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { afterImport, importBatch, startImport, type ImportOrdersCounts, type ImportSession } from '../ingest/import-pipeline.js';
import { parseOrders, type DomainOrder, type ImportProblem } from '../orders/domain-order.js';
import {
  columnOfField,
  openOrderFile,
  type OrderFileFormat,
  type OrderFileOrder,
  type OrderFileReader,
  type OrderFileRowError,
} from '../order-files/order-file-reader.js';
import { MAX_IMPORT_ERRORS } from './import-jobs.js';

/** Orders written per pipeline batch; the whole file is still one transaction. */
const ORDERS_PER_BATCH = 5_000;
/** Orders checked at a time before other requests get their turn. */
const ORDERS_PER_CHECK = 100;
/** A job's rows_read is written at most this often while it runs. */
const PROGRESS_INTERVAL_MS = 1_000;
/** Runs started for one job before it is failed instead of tried again (a file that keeps stopping the process). */
const MAX_ATTEMPTS = 3;

interface ClaimedJob {
  import_job_id: string;
  format: OrderFileFormat;
  stored_file: string;
  attempts: number;
}

/** The file had invalid rows: the transaction rolls back and the job fails with them. */
class InvalidFile extends Error {
  constructor(readonly errors: OrderFileRowError[]) {
    super('the file has invalid rows');
  }
}

export interface ImportRunnerDeps {
  dataSource: DataSource;
  logger: Logger;
}

/**
 * The work of one queue job: runs the shop's waiting imports one at a time in upload order, while
 * holding the shop's import lock (PostgreSQL's, so one process at a time). Whoever finds the lock
 * taken leaves: its holder looks again for waiting jobs after it lets the lock go.
 */
export function shopImportsRunner(deps: ImportRunnerDeps) {
  return async ({ shopId }: { shopId: string }, signal: AbortSignal): Promise<void> => {
    const scope = new ShopScope(deps.dataSource, shopId);
    while (!signal.aborted) {
      const held = await withSessionLock(deps.dataSource, 'import_job', shopId, () => runWaitingJobs(scope, deps, signal));
      if (!held.locked) return;
      // Another upload may have been queued while its worker found the lock taken.
      const [waiting]: Array<{ n: number }> = await scope.write(
        `SELECT count(*)::int AS n FROM import_job WHERE shop_id = $1 AND status = 'queued'`,
      );
      if (!waiting || waiting.n === 0) return;
    }
  };
}

async function runWaitingJobs(scope: ShopScope, deps: ImportRunnerDeps, signal: AbortSignal): Promise<void> {
  // Holding the lock, no job of the shop runs elsewhere: a running one was left by a process that stopped.
  await scope.write(`UPDATE import_job SET status = 'queued', started_at = NULL WHERE shop_id = $1 AND status = 'running'`);
  while (!signal.aborted) {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[claimed]]: [ClaimedJob[], number] = await scope.write(
      `UPDATE import_job SET status = 'running', started_at = now(), rows_read = 0, attempts = attempts + 1
        WHERE shop_id = $1 AND import_job_id = (
          SELECT import_job_id FROM import_job WHERE shop_id = $1 AND status = 'queued'
           ORDER BY created_at, import_job_id LIMIT 1)
        RETURNING import_job_id, format, stored_file, attempts`,
    );
    if (!claimed) return;
    await runJob(scope, deps, claimed, signal);
  }
}

async function runJob(scope: ShopScope, deps: ImportRunnerDeps, job: ClaimedJob, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const log = { shopId: scope.shopId, importJobId: job.import_job_id, format: job.format };
  if (job.attempts > MAX_ATTEMPTS) {
    await fail(scope, job, 0, [{ row: 1, column: '', message: `The import was interrupted ${MAX_ATTEMPTS} times before it finished (the server stopped or its database failed); upload the file again.` }]);
    deps.logger.warn({ ...log, attempts: job.attempts }, 'order file import given up');
    await removeFile(job.stored_file, deps.logger);
    return;
  }
  deps.logger.info(log, 'order file import started');
  try {
    const outcome = await importFile(scope, job, signal);
    if (outcome.kind === 'done') {
      const { counts, rowsRead, skipped } = outcome;
      await scope.write(
        `UPDATE import_job SET status = 'done', finished_at = now(), stored_file = NULL, rows_read = $3,
                orders_created = $4, orders_updated = $5, orders_unchanged = $6, orders_skipped = $7
          WHERE shop_id = $1 AND import_job_id = $2`,
        [job.import_job_id, rowsRead, counts.created, counts.updated, counts.unchanged, skipped],
      );
      deps.logger.info({ ...log, rowsRead, ...counts, skipped, ms: Math.round(performance.now() - started) }, 'order file imported');
    } else {
      await fail(scope, job, outcome.rowsRead, outcome.errors);
      deps.logger.info({ ...log, rowsRead: outcome.rowsRead, errors: outcome.errors.length, ms: Math.round(performance.now() - started) }, 'order file refused');
    }
    await removeFile(job.stored_file, deps.logger);
  } catch (error) {
    // Stopped or broken before the end: nothing was written; the job waits for its next run.
    await scope
      .write(`UPDATE import_job SET status = 'queued', started_at = NULL WHERE shop_id = $1 AND import_job_id = $2 AND status = 'running'`, [job.import_job_id])
      .catch(() => undefined);
    deps.logger.warn({ ...log, err: signal.aborted ? 'stopped with the process' : loggableError(error) }, 'order file import interrupted: it will run again');
    throw error;
  }
}

type Outcome =
  | { kind: 'done'; counts: ImportOrdersCounts; rowsRead: number; skipped: number }
  | { kind: 'failed'; errors: OrderFileRowError[]; rowsRead: number };

/** Reads the file and writes all of its orders in one transaction, or none when a row is invalid. */
async function importFile(scope: ShopScope, job: ClaimedJob, signal: AbortSignal): Promise<Outcome> {
  const [shop]: Array<{ timezone: string }> = await scope.write(`SELECT timezone FROM shop WHERE shop_id = $1`);
  const input = createReadStream(job.stored_file);
  try {
    const reader = await openOrderFile(input, { format: job.format, timeZone: shop!.timezone, maxErrors: MAX_IMPORT_ERRORS });
    let lastProgress = performance.now();
    let session: ImportSession | null = null;
    const counts: ImportOrdersCounts = { created: 0, updated: 0, unchanged: 0 };
    try {
      await scope.transaction(async (tx) => {
        session = await startImport(tx);
        const problems: OrderFileRowError[] = [];
        const parsedBatches = readAhead(parsedBatchesOf(reader, job.format, problems));
        for await (const parsed of parsedBatches) {
          signal.throwIfAborted();
          if (parsed && reader.errorCount === 0 && problems.length === 0) {
            const written = await importBatch(session, parsed);
            counts.created += written.created;
            counts.updated += written.updated;
            counts.unchanged += written.unchanged;
          }
          if (performance.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = performance.now();
            await scope.write(`UPDATE import_job SET rows_read = $3 WHERE shop_id = $1 AND import_job_id = $2`, [job.import_job_id, reader.rowsRead]);
          }
        }
        const errors = [...reader.errors, ...problems].sort((a, b) => a.row - b.row).slice(0, MAX_IMPORT_ERRORS);
        if (reader.errorCount > 0 || errors.length > 0) throw new InvalidFile(errors);
      });
    } catch (error) {
      if (error instanceof InvalidFile) return { kind: 'failed', errors: error.errors, rowsRead: reader.rowsRead };
      throw error;
    }
    afterImport(scope.dataSource, session!);
    return { kind: 'done', counts, rowsRead: reader.rowsRead, skipped: reader.ordersSkipped };
  } catch (error) {
    // A header no format knows (the upload checked it; the file changed since): the job fails with it.
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
      return { kind: 'failed', errors: [{ row: 1, column: '', message: error.message }], rowsRead: 0 };
    }
    throw error;
  } finally {
    input.destroy();
  }
}

/**
 * The file's batches as the pipeline takes them, or null for a batch with problems (added to
 * `problems`). Once the file has an error nothing more is parsed, but it is still read to the end,
 * so that all of its errors are shown.
 */
async function* parsedBatchesOf(reader: OrderFileReader, format: OrderFileFormat, problems: OrderFileRowError[]) {
  for await (const batch of reader.batches(ORDERS_PER_BATCH)) {
    yield reader.errorCount > 0 || problems.length > 0 ? null : await parseBatch(format, batch, problems);
  }
}

/**
 * The items of `source`, each asked for as soon as the one before is handed out: the next batch is
 * read and parsed while PostgreSQL writes the current one, so the file's reading and the
 * database's writing overlap (two cores at work, not one after the other).
 */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const item = await next;
      if (item.done) return;
      next = source.next();
      // Settled below, or abandoned with the import: never an unhandled rejection meanwhile.
      next.catch(() => undefined);
      yield item.value;
    }
  } finally {
    await next.catch(() => undefined);
    await source.return(undefined);
  }
}

/**
 * The batch as the pipeline takes it, or null with its problems added as the file's rows and
 * columns. It is checked a slice at a time, letting other requests in between: checking thousands
 * of orders at once would hold up every other shop's dashboard on this process.
 */
async function parseBatch(format: OrderFileFormat, batch: readonly OrderFileOrder[], problems: OrderFileRowError[]) {
  const parsed: DomainOrder[] = [];
  let valid = true;
  for (let start = 0; start < batch.length; start += ORDERS_PER_CHECK) {
    if (start > 0) await setImmediate();
    const slice = batch.slice(start, start + ORDERS_PER_CHECK);
    try {
      if (valid) parsed.push(...parseOrders(slice.map((entry) => entry.order)));
      else parseOrders(slice.map((entry) => entry.order));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT') throw error;
      valid = false;
      const found = (error.details.problems as ImportProblem[] | undefined) ?? [];
      for (const problem of found) {
        const row = problem.orderIndex === null ? 1 : (slice[problem.orderIndex]?.firstRow ?? 1);
        problems.push({ row, column: columnOfField(format, problem.field), message: problem.message });
      }
      if (found.length === 0) problems.push({ row: slice[0]?.firstRow ?? 1, column: '', message: error.message });
    }
  }
  return valid ? parsed : null;
}

async function fail(scope: ShopScope, job: ClaimedJob, rowsRead: number, errors: OrderFileRowError[]): Promise<void> {
  await scope.write(
    `UPDATE import_job SET status = 'failed', finished_at = now(), stored_file = NULL, rows_read = $3, errors = $4::jsonb
      WHERE shop_id = $1 AND import_job_id = $2`,
    [job.import_job_id, rowsRead, JSON.stringify(errors.slice(0, MAX_IMPORT_ERRORS))],
  );
}

async function removeFile(path: string, logger: Logger): Promise<void> {
  await rm(path, { force: true }).catch((error: unknown) => logger.warn({ err: loggableError(error) }, 'uploaded order file not removed'));
}
