import { useEffect, useState } from 'react';
import { formatInstantInZone } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { fetchImportJobs, type ImportJob, isSessionRefused } from './imports-api';
import { formatBytes } from './import-progress';
import { formatTitle } from './order-file-formats';

const PAGE = 20;

/** A past upload's outcome in a few words. */
export function outcomeText(job: ImportJob): string {
  switch (job.status) {
    case 'queued':
      return 'Waiting';
    case 'running':
      return `Running: ${formatCount(job.rowsRead)} rows read`;
    case 'failed':
      return `Failed: ${formatCount(job.errors.length)} ${job.errors.length === 1 ? 'problem' : 'problems'}, nothing imported`;
    case 'done': {
      const parts = [`${formatCount(job.ordersCreated)} created`, `${formatCount(job.ordersUpdated)} updated`, `${formatCount(job.ordersUnchanged)} unchanged`];
      if (job.ordersSkipped > 0) parts.push(`${formatCount(job.ordersSkipped)} skipped`);
      return parts.join(', ');
    }
  }
}

/** Who sent a past upload: "API key: <its name>" for a key, the person's name for someone signed in, "—" when unknown. */
export function uploaderText(uploadedBy: ImportJob['uploadedBy']): string {
  if (!uploadedBy) return '—';
  if (uploadedBy.tokenId !== null) return uploadedBy.label ? `API key: ${uploadedBy.label}` : 'API key';
  return uploadedBy.label || '—';
}

/**
 * The shop's past uploads, newest first, a page at a time. `version` changes when an upload ends.
 * A refused session calls `onSessionRefused`.
 */
export function ImportHistory({
  timezone,
  version,
  onSessionRefused,
}: {
  timezone: string;
  version: number;
  onSessionRefused: () => void;
}) {
  const [jobs, setJobs] = useState<ImportJob[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchImportJobs({ limit: PAGE }, controller.signal)
      .then((page) => {
        setJobs(page.jobs);
        setNextBefore(page.nextBefore);
        setError(null);
      })
      .catch((failure: Error) => {
        if (controller.signal.aborted) return;
        if (isSessionRefused(failure)) onSessionRefused();
        else setError(failure.message);
      });
    return () => controller.abort();
  }, [version, onSessionRefused]);

  const loadMore = async () => {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await fetchImportJobs({ limit: PAGE, before: nextBefore });
      setJobs((previous) => [...(previous ?? []), ...page.jobs]);
      setNextBefore(page.nextBefore);
    } catch (failure) {
      if (isSessionRefused(failure)) onSessionRefused();
      else setError((failure as Error).message);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title" className="section-title">
        Past uploads
      </h2>
      {error && (
        <p className="import-error" role="alert">
          The uploads could not be listed: {error}
        </p>
      )}
      {jobs === null && !error && <p role="status">Loading…</p>}
      {jobs?.length === 0 && <p data-testid="import-history-empty">No files uploaded yet.</p>}
      {jobs && jobs.length > 0 && (
        <div className="table-scroll">
          <table className="import-table" data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="import-table__number">
                  Size
                </th>
                <th scope="col">Format</th>
                <th scope="col">Uploaded by</th>
                <th scope="col">When</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-testid="import-history-row" data-status={job.status}>
                  <td className="import-table__file">{job.fileName}</td>
                  <td className="import-table__number">{formatBytes(job.bytes)}</td>
                  <td>{formatTitle(job.format)}</td>
                  <td>{uploaderText(job.uploadedBy)}</td>
                  <td>{formatInstantInZone(job.createdAt, timezone)}</td>
                  <td>{outcomeText(job)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore && (
        <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show older uploads'}
        </button>
      )}
    </section>
  );
}
