import { useEffect, useState } from 'react';
import { fetchImportJob, type ImportJob, isSessionRefused, jobEnded } from './imports-api';
import type { ProgressSample } from './import-progress';

/** How often a running job is asked for (the API writes its progress about once a second). */
export const POLL_MS = 500;

export interface ImportJobState {
  job: ImportJob | null;
  /** rowsRead while the job ran, as polling saw it. */
  samples: ProgressSample[];
  error: Error | null;
}

const NO_JOB: ImportJobState = { job: null, samples: [], error: null };

/**
 * Polls `GET /api/imports/:id` until the job ends. A refused session (signed out elsewhere while
 * the job ran) stops polling and calls `onSessionRefused`.
 */
export function useImportJob(id: string | null, onSessionRefused: () => void): ImportJobState {
  // Kept with the job's id: a new upload never shows the job before it, not even for one render.
  const [state, setState] = useState<ImportJobState & { id: string | null }>({ id: null, job: null, samples: [], error: null });
  useEffect(() => {
    if (!id) return;
    setState({ id, job: null, samples: [], error: null });
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const job = await fetchImportJob(id, controller.signal);
        const at = performance.now();
        setState((previous) => ({
          id,
          job,
          samples: job.status === 'running' ? [...previous.samples, { at, rowsRead: job.rowsRead }] : previous.samples,
          error: null,
        }));
        if (!jobEnded(job)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (isSessionRefused(error)) {
          onSessionRefused();
          return;
        }
        setState((previous) => ({ ...previous, error: error as Error }));
        // A dropped connection is asked again a little later; the job goes on meanwhile.
        timer = setTimeout(() => void poll(), POLL_MS * 4);
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, onSessionRefused]);
  return state.id === id && id !== null ? state : NO_JOB;
}
