import type { ImportJobView, OrderFileRowError } from '@tiktok-insights/shared';

/** A row of the file the import refused: `row` counts records with the header as row 1. */
export type ImportRowError = OrderFileRowError;

/** An import job as `GET /api/imports/:id` answers it (the API's own type, from shared). */
export type ImportJob = ImportJobView;

export interface ImportJobsPage {
  jobs: ImportJob[];
  nextBefore: string | null;
}

/** The API's refusal: its message (for a header, naming the columns expected and found) and code. */
export class ImportRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

interface ErrorBody {
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

/** The API's error answer (GraphQL's shape: `errors[0].message` and `extensions.code`) as an ImportRequestError. */
function refusal(status: number, body: ErrorBody | null): ImportRequestError {
  const first = body?.errors?.[0];
  return new ImportRequestError(first?.message ?? `The server answered ${status}.`, status, first?.extensions?.code ?? null);
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (response.ok && body) return body as T;
  throw refusal(response.status, body);
}

/** How much of the file's body the browser has sent. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** The body of an answer that is no JSON (a proxy's error page): null. */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Sends the file as the raw body (streamed from disk by the browser); the queued job's id.
 * XMLHttpRequest rather than fetch: only it tells how many bytes have been sent (`onProgress`),
 * which on a slow connection is most of a large upload's time. A failed connection rejects with
 * a TypeError, as fetch does; an answer that refuses the file with an ImportRequestError.
 * The session cookie goes with it (same origin); `x-requested-with` tells the API that the page's
 * own script sent it, which the API requires of a cookie-authenticated upload (against CSRF).
 */
export function uploadOrderFile(
  file: File,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void } = {},
): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const request = new XMLHttpRequest();
    request.open('POST', `/api/imports?filename=${encodeURIComponent(file.name)}`);
    request.setRequestHeader('x-requested-with', 'XMLHttpRequest');
    request.setRequestHeader('content-type', 'text/csv');
    const onAbort = () => request.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    request.upload.addEventListener('progress', (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    });
    request.addEventListener('load', () => {
      done();
      const body = jsonOf(request.responseText) as { id?: string; errors?: ErrorBody['errors'] } | null;
      if (request.status >= 200 && request.status < 300 && typeof body?.id === 'string') resolve({ id: body.id });
      else reject(refusal(request.status, body));
    });
    request.addEventListener('error', () => {
      done();
      reject(new TypeError('The upload could not reach the server.'));
    });
    request.addEventListener('abort', () => {
      done();
      reject(signal?.reason ?? new DOMException('The upload was stopped.', 'AbortError'));
    });
    request.send(file);
  });
}

export async function fetchImportJob(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return answer<ImportJob>(await fetch(`/api/imports/${encodeURIComponent(id)}`, { signal }));
}

export async function fetchImportJobs({ limit, before }: { limit: number; before?: string | null }, signal?: AbortSignal): Promise<ImportJobsPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  return answer<ImportJobsPage>(await fetch(`/api/imports?${query}`, { signal }));
}

/** The job has ended, one way or the other. */
export const jobEnded = (job: ImportJob) => job.status === 'done' || job.status === 'failed';

/** The API refused the session (`401`: it ended, e.g. signed out elsewhere, while the page was open). */
export const isSessionRefused = (error: unknown): boolean => error instanceof ImportRequestError && error.status === 401;
