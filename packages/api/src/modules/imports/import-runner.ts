import { rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { ShopScope } from '../../platform/database/shop-scope.js';
import { withSessionLock } from '../../platform/database/session-lock.js';
import { AppError } from '../../platform/errors/app-error.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { afterImport, importBatch, startImport, type ImportOrdersCounts, type ImportSession } from '../ingest/import-pipeline.js';
import type { OrderFileFormat, OrderFileRowError } from '../order-files/order-file-reader.js';
import { MAX_IMPORT_ERRORS } from './import-jobs.js';
import { OrderFileThread } from './order-file-thread.js';

/** Orders written per pipeline batch; the whole file is still one transaction. */
const ORDERS_PER_BATCH = 5_000;
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
  const file = new OrderFileThread({
    path: job.stored_file,
    format: job.format,
    timeZone: shop!.timezone,
    maxErrors: MAX_IMPORT_ERRORS,
    ordersPerBatch: ORDERS_PER_BATCH,
  });
  let lastProgress = performance.now();
  let session: ImportSession | null = null;
  const counts: ImportOrdersCounts = { created: 0, updated: 0, unchanged: 0 };
  let valid = true;
  try {
    await scope.transaction(async (tx) => {
      session = await startImport(tx);
      for await (const orders of file.batches()) {
        signal.throwIfAborted();
        // A batch with problems rolls the file back: nothing after it is written.
        valid &&= orders !== null;
        if (valid) {
          const written = await importBatch(session, orders!);
          counts.created += written.created;
          counts.updated += written.updated;
          counts.unchanged += written.unchanged;
        }
        if (performance.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = performance.now();
          await scope.write(`UPDATE import_job SET rows_read = $3 WHERE shop_id = $1 AND import_job_id = $2`, [job.import_job_id, file.rowsRead]);
        }
      }
      if (file.end!.invalid) throw new InvalidFile(file.end!.errors.slice(0, MAX_IMPORT_ERRORS));
    });
  } catch (error) {
    if (error instanceof InvalidFile) return { kind: 'failed', errors: error.errors, rowsRead: file.rowsRead };
    // A header no format knows (the upload checked it; the file changed since): the job fails with it.
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
      return { kind: 'failed', errors: [{ row: 1, column: '', message: error.message }], rowsRead: 0 };
    }
    throw error;
  } finally {
    // The transaction may have failed before the file was asked for its first batch.
    await file.close();
  }
  afterImport(scope.dataSource, session!);
  return { kind: 'done', counts, rowsRead: file.end!.rowsRead, skipped: file.end!.ordersSkipped };
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
