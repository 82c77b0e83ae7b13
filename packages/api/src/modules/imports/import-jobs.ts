import type { ImportJobStatus, ImportJobView } from '@tiktok-insights/shared';
import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { OrderFileFormat, OrderFileRowError } from '../order-files/order-file-reader.js';

/** The queue whose jobs say "run this shop's waiting imports". */
export const IMPORT_QUEUE = 'order-file-imports';

/** Errors kept and shown per job. */
export const MAX_IMPORT_ERRORS = 100;

/** An import job as `GET /api/imports/:id` shows it: shared with the Import page. */
export type { ImportJobStatus, ImportJobView };

/** Jobs listed per page at most, and by default. */
export const MAX_IMPORT_JOBS_PAGE = 100;
export const DEFAULT_IMPORT_JOBS_PAGE = 20;

interface ImportJobRow {
  import_job_id: string;
  status: ImportJobStatus;
  format: OrderFileFormat;
  file_name: string;
  bytes: string | number;
  rows_read: number;
  orders_created: number;
  orders_updated: number;
  orders_unchanged: number;
  orders_skipped: number;
  errors: OrderFileRowError[];
  created_at: Date;
  finished_at: Date | null;
  uploaded_by_token_id: string | null;
  uploaded_by_label: string | null;
  uploaded_by_user_id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewImportJob {
  format: OrderFileFormat;
  fileName: string;
  bytes: number;
  /** Where the upload is saved; the job deletes it when it ends. */
  storedFile: string;
  /** The API key the file came with, or the person who uploaded it. */
  uploadedByTokenId: string | null;
  uploadedByUserId?: string | null;
}

/** Records an uploaded file as a queued job of the shop and wakes a worker; the job's id. */
export async function createImportJob(scope: ShopScope, queue: JobQueue, job: NewImportJob): Promise<string> {
  const id = await insertImportJob(scope, job);
  await queue.send(IMPORT_QUEUE, { shopId: scope.shopId });
  return id;
}

/**
 * Records a file as a queued job of the shop without waking a worker: for a caller that runs the
 * shop's jobs itself (`pnpm import-orders`); a server started later would run it too.
 */
export async function insertImportJob(scope: ShopScope, job: NewImportJob): Promise<string> {
  const [row]: Array<{ import_job_id: string }> = await scope.write(
    `INSERT INTO import_job (shop_id, format, file_name, bytes, stored_file, uploaded_by_token_id, uploaded_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING import_job_id`,
    [job.format, job.fileName, job.bytes, job.storedFile, job.uploadedByTokenId, job.uploadedByUserId ?? null],
  );
  return row!.import_job_id;
}

/** How far a job is: its status and the rows read so far (written about once a second while it runs). */
export async function importJobProgress(scope: ShopScope, id: string): Promise<{ status: ImportJobStatus; rowsRead: number } | null> {
  const [row]: Array<{ status: ImportJobStatus; rows_read: number }> = await scope.write(
    `SELECT status, rows_read FROM import_job WHERE shop_id = $1 AND import_job_id = $2`,
    [id],
  );
  return row ? { status: row.status, rowsRead: row.rows_read } : null;
}

/**
 * Fails a job that has not started, with `message` as its one error; the file it was stored in,
 * for the caller to remove, or null when the job had already started (it then runs to its end).
 */
export async function withdrawQueuedImportJob(scope: ShopScope, id: string, message: string): Promise<string | null> {
  const [rows]: [Array<{ stored_file: string | null }>, number] = await scope.write(
    `UPDATE import_job AS j SET status = 'failed', finished_at = now(), stored_file = NULL, errors = $3::jsonb
       FROM import_job AS before
      WHERE j.shop_id = $1 AND j.import_job_id = $2 AND j.status = 'queued'
        AND before.shop_id = j.shop_id AND before.import_job_id = j.import_job_id
      RETURNING before.stored_file`,
    [id, JSON.stringify([{ row: 1, column: '', message }])],
  );
  return rows[0]?.stored_file ?? null;
}

const JOB_COLUMNS = `j.import_job_id, j.status, j.format, j.file_name, j.bytes, j.rows_read, j.orders_created, j.orders_updated,
       j.orders_unchanged, j.orders_skipped, j.errors, j.created_at, j.finished_at,
       j.uploaded_by_token_id, coalesce(t.label, u.name) AS uploaded_by_label, j.uploaded_by_user_id
  FROM import_job j
  LEFT JOIN api_token t ON t.shop_id = j.shop_id AND t.token_id = j.uploaded_by_token_id
  LEFT JOIN app_user u ON u.id = j.uploaded_by_user_id`;

/** One job of the shop, or null for another shop's job, an unknown id or one that is not a job id. */
export async function findImportJob(scope: ShopScope, id: string): Promise<ImportJobView | null> {
  if (!UUID.test(id)) return null;
  // On the primary: a client polls right after its upload, before a replica may have the row.
  const rows: ImportJobRow[] = await scope.write(`SELECT ${JOB_COLUMNS} WHERE j.shop_id = $1 AND j.import_job_id = $2`, [id]);
  const row = rows[0];
  return row ? viewOf(row) : null;
}

export interface ImportJobsPage {
  jobs: ImportJobView[];
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

/**
 * The shop's uploads, newest first: `limit` of them, uploaded before the job `before` when given
 * (an id that is no job of the shop is null: the caller refuses it).
 */
export async function listImportJobs(scope: ShopScope, page: { limit: number; before?: string }): Promise<ImportJobsPage | null> {
  let after: { created_at: Date; import_job_id: string } | undefined;
  if (page.before !== undefined) {
    if (!UUID.test(page.before)) return null;
    const [found]: Array<{ created_at: Date; import_job_id: string }> = await scope.write(
      `SELECT created_at, import_job_id FROM import_job WHERE shop_id = $1 AND import_job_id = $2`,
      [page.before],
    );
    if (!found) return null;
    after = found;
  }
  // On the primary, like one job: the upload just made is in the list.
  const rows: ImportJobRow[] = await scope.write(
    `SELECT ${JOB_COLUMNS}
      WHERE j.shop_id = $1 AND ($2::timestamptz IS NULL OR (j.created_at, j.import_job_id) < ($2, $3::uuid))
      ORDER BY j.created_at DESC, j.import_job_id DESC
      LIMIT $4`,
    [after?.created_at ?? null, after?.import_job_id ?? null, page.limit + 1],
  );
  const jobs = rows.slice(0, page.limit).map(viewOf);
  return { jobs, nextBefore: rows.length > page.limit ? jobs.at(-1)!.id : null };
}

function viewOf(row: ImportJobRow): ImportJobView {
  return {
    id: row.import_job_id,
    status: row.status,
    format: row.format,
    fileName: row.file_name,
    bytes: Number(row.bytes),
    rowsRead: row.rows_read,
    ordersCreated: row.orders_created,
    ordersUpdated: row.orders_updated,
    ordersUnchanged: row.orders_unchanged,
    ordersSkipped: row.orders_skipped,
    errors: row.errors,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    uploadedBy:
      row.uploaded_by_token_id === null && row.uploaded_by_user_id === null
        ? null
        : { tokenId: row.uploaded_by_token_id, label: row.uploaded_by_label ?? '' },
  };
}

/**
 * At start: wakes a worker for every shop with jobs waiting or left running by a process that
 * stopped, so that none waits for the shop's next upload.
 */
export async function resumeWaitingImports(dataSource: DataSource, queue: JobQueue): Promise<number> {
  const shops: Array<{ shop_id: string }> = await onPrimary(
    dataSource,
    `SELECT DISTINCT shop_id FROM import_job WHERE status IN ('queued', 'running')`,
  );
  for (const { shop_id } of shops) await queue.send(IMPORT_QUEUE, { shopId: shop_id });
  return shops.length;
}
