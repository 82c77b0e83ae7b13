import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { resolveViewer, shopScopeOf, type ViewerDeps } from '../../modules/auth/viewer.js';
import { assertOwnPage, credentialsOf } from './caller.js';
import { createImportJob, DEFAULT_IMPORT_JOBS_PAGE, findImportJob, listImportJobs, MAX_IMPORT_JOBS_PAGE } from '../../modules/imports/import-jobs.js';
import { openOrderFile, type OrderFileFormat } from '../../modules/order-files/order-file-reader.js';
import type { ShopScope } from '../../platform/database/shop-scope.js';
import { AppError, badUserInput, notFound } from '../../platform/errors/app-error.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { httpErrorOf, sendHttpError, type HttpError } from './error-response.js';

/** Where uploads wait for their job, and how large one may be (IMPORT_DIR, IMPORT_MAX_BYTES). */
export interface ImportSettings {
  dir: string;
  maxBytes: number;
}

interface Deps extends ViewerDeps {
  dataSource: DataSource;
  logger: Logger;
  jobs: JobQueue;
  imports: ImportSettings;
}

const FORMATS: readonly OrderFileFormat[] = ['tiktok', 'shopify', 'template'];

/** The upload passed the size limit while it streamed (a chunked body says no length up front). */
class UploadTooLarge extends Error {}

const tooLarge = (maxBytes: number): HttpError => ({
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  message: `The file is larger than the import limit of ${maxBytes} bytes (IMPORT_MAX_BYTES).`,
});

/** Counts the bytes that pass and fails past the limit. */
function byteLimit(maxBytes: number): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      done(counter.bytes > maxBytes ? new UploadTooLarge() : null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

function formatOf(query: Request['query']): OrderFileFormat | undefined {
  const format = query.format;
  if (format === undefined) return undefined;
  if (typeof format === 'string' && (FORMATS as readonly string[]).includes(format)) return format as OrderFileFormat;
  throw badUserInput(`format must be one of ${FORMATS.join(', ')}.`, { parameter: 'format', expected: FORMATS });
}

/** `?limit=`: 1 to MAX_IMPORT_JOBS_PAGE jobs, DEFAULT_IMPORT_JOBS_PAGE when absent. */
function limitOf(query: Request['query']): number {
  if (query.limit === undefined) return DEFAULT_IMPORT_JOBS_PAGE;
  const limit = typeof query.limit === 'string' && /^\d+$/.test(query.limit) ? Number(query.limit) : NaN;
  if (limit >= 1 && limit <= MAX_IMPORT_JOBS_PAGE) return limit;
  throw badUserInput(`limit must be a whole number from 1 to ${MAX_IMPORT_JOBS_PAGE}.`, { parameter: 'limit' });
}

/** `?before=<job id>`: the page of jobs uploaded before that one. */
function beforeOf(query: Request['query']): string | undefined {
  if (query.before === undefined) return undefined;
  if (typeof query.before === 'string') return query.before;
  throw badUserInput('before must be one job id.', { parameter: 'before' });
}

/** The file's part of a multipart body (field `file`), once busboy finds it. */
function multipartFile(req: Request): Promise<{ stream: Readable; fileName: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1 } });
    } catch {
      reject(badUserInput('Malformed multipart/form-data body.'));
      return;
    }
    let found = false;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, fileName: info.filename || 'upload.csv' });
    });
    parser.on('error', () => reject(badUserInput('Malformed multipart/form-data body.')));
    parser.on('close', () => {
      if (!found) reject(badUserInput('Send the file in the multipart/form-data field "file".', { parameter: 'file' }));
    });
    req.pipe(parser);
  });
}

/** The request's file: the raw body (text/csv, its name in ?filename=) or a multipart field `file`. */
async function uploadedFile(req: Request): Promise<{ stream: Readable; fileName: string }> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'multipart/form-data') return multipartFile(req);
  if (type === 'text/csv' || type === 'text/plain' || type === 'application/octet-stream') {
    const name = typeof req.query.filename === 'string' && req.query.filename.trim() ? req.query.filename.trim() : 'upload.csv';
    return { stream: req, fileName: name };
  }
  throw badUserInput('Send the file as the body with Content-Type: text/csv, or as multipart/form-data with the field "file".', {
    parameter: 'Content-Type',
  });
}

/** The format the file's header row names; an unknown header is BAD_USER_INPUT with the columns expected and found. */
async function detectFormat(path: string, format: OrderFileFormat | undefined, timeZone: string): Promise<OrderFileFormat> {
  const input = createReadStream(path);
  try {
    const reader = await openOrderFile(input, { format, timeZone });
    return reader.format;
  } finally {
    input.destroy();
  }
}

/**
 * Uploads of order files (`POST /api/imports`), their jobs (`GET /api/imports/:id`) and the shop's
 * past uploads, newest first (`GET /api/imports`), with the
 * same shop token as GraphQL. The body goes straight to a file under the import folder; the
 * header row is checked before the answer; the job (modules/imports) runs in the background.
 */
export function createImports(deps: Deps): Router {
  /** The caller's shop, for reading its uploads (not a shared link's); `import`: for a new upload (and who made it). */
  const callerOf = async (req: Request, permission: 'uploads' | 'import' = 'uploads') => {
    const viewer = await resolveViewer(credentialsOf(req), deps);
    const scope = shopScopeOf(viewer, deps.dataSource, 'Imports need an API key or a signed-in person.');
    scope.require(permission);
    if (permission === 'import') assertOwnPage(req, viewer);
    return {
      scope,
      tokenId: viewer.kind === 'apiKey' ? viewer.tokenId : null,
      userId: viewer.kind === 'person' ? viewer.userId : null,
    };
  };
  const scopeOf = async (req: Request): Promise<ShopScope> => (await callerOf(req)).scope;
  const answerError = (res: Response, error: unknown, what: string) => {
    if (res.headersSent) return;
    if (error instanceof AppError) {
      sendHttpError(res, httpErrorOf(error));
      return;
    }
    deps.logger.error({ err: loggableError(error) }, `${what} failed`);
    sendHttpError(res, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' });
  };

  const router = Router();
  router.post('/', async (req, res) => {
    // Unread bodies are not worth keeping the connection for.
    const refuse = (error: HttpError) => {
      res.setHeader('connection', 'close');
      sendHttpError(res, error);
    };
    let saved: string | null = null;
    try {
      const { scope, tokenId, userId } = await callerOf(req, 'import');
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > deps.imports.maxBytes) {
        refuse(tooLarge(deps.imports.maxBytes));
        return;
      }
      const format = formatOf(req.query);
      const { stream, fileName } = await uploadedFile(req);
      await mkdir(deps.imports.dir, { recursive: true });
      saved = join(deps.imports.dir, `${randomUUID()}.csv`);
      const counter = byteLimit(deps.imports.maxBytes);
      // Piped rather than in the pipeline: a body cut off at the limit must leave the connection to answer 413 on.
      stream.once('error', (error) => counter.destroy(error));
      stream.pipe(counter);
      await pipeline(counter, createWriteStream(saved, { flags: 'wx' }));
      const [shop]: Array<{ timezone: string }> = await scope.write(`SELECT timezone FROM shop WHERE shop_id = $1`);
      const detected = await detectFormat(saved, format, shop!.timezone);
      const id = await createImportJob(scope, deps.jobs, { format: detected, fileName: basename(fileName), bytes: counter.bytes, storedFile: saved, uploadedByTokenId: tokenId, uploadedByUserId: userId });
      saved = null;
      deps.logger.info({ shopId: scope.shopId, importJobId: id, format: detected, bytes: counter.bytes }, 'order file queued');
      res.status(202).json({ id, status: 'queued' });
    } catch (error) {
      // Removed before the answer: nothing of a refused upload stays behind.
      if (saved) await rm(saved, { force: true });
      if (error instanceof UploadTooLarge) refuse(tooLarge(deps.imports.maxBytes));
      else answerError(res, error, 'order file upload');
    }
  });

  router.get('/', async (req, res) => {
    try {
      const scope = await scopeOf(req);
      const page = await listImportJobs(scope, { limit: limitOf(req.query), before: beforeOf(req.query) });
      if (!page) throw badUserInput('before must be the id of one of the shop\'s import jobs.', { parameter: 'before' });
      res.json(page);
    } catch (error) {
      answerError(res, error, 'import job list');
    }
  });

  router.get('/:id', async (req, res) => {
    try {
      const scope = await scopeOf(req);
      const job = await findImportJob(scope, req.params.id);
      if (!job) throw notFound('No import job with this id.');
      res.json(job);
    } catch (error) {
      answerError(res, error, 'import job lookup');
    }
  });
  return router;
}
