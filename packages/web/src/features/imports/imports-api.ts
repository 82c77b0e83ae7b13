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

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null;
  if (response.ok && body) return body as T;
  const first = body?.errors?.[0];
  throw new ImportRequestError(first?.message ?? `The server answered ${response.status}.`, response.status, first?.extensions?.code ?? null);
}

const authorization = (token: string) => ({ authorization: `Bearer ${token}` });

/** Sends the file as the raw body (streamed from disk by the browser); the queued job's id. */
export async function uploadOrderFile(file: File, token: string, signal?: AbortSignal): Promise<{ id: string }> {
  const response = await fetch(`/api/imports?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { ...authorization(token), 'content-type': 'text/csv' },
    body: file,
    signal,
  });
  return answer<{ id: string }>(response);
}

export async function fetchImportJob(id: string, token: string, signal?: AbortSignal): Promise<ImportJob> {
  return answer<ImportJob>(await fetch(`/api/imports/${encodeURIComponent(id)}`, { headers: authorization(token), signal }));
}

export async function fetchImportJobs(token: string, { limit, before }: { limit: number; before?: string | null }, signal?: AbortSignal): Promise<ImportJobsPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  return answer<ImportJobsPage>(await fetch(`/api/imports?${query}`, { headers: authorization(token), signal }));
}

/** The job has ended, one way or the other. */
export const jobEnded = (job: ImportJob) => job.status === 'done' || job.status === 'failed';
