import { formatCount } from '../../format/numbers';
import type { ImportJob, UploadProgress } from './imports-api';
import { formatBytes, formatTimeLeft, importProgress } from './import-progress';
import type { ImportJobState } from './use-import-job';

/**
 * The upload: the file's bytes as they are sent (`sending`, until the API has taken the file), then
 * its job as it runs, then its outcome: the counts, or the rows the import refused.
 */
export function ImportRun({
  fileName,
  sending,
  state,
  totalRows,
}: {
  fileName: string;
  sending: UploadProgress | null;
  state: ImportJobState;
  totalRows: number | null;
}) {
  const { job, samples, error } = state;
  return (
    <section className="import-panel" aria-labelledby="import-run-title" data-testid="import-run">
      <h2 id="import-run-title" className="import-panel__title">
        Importing {fileName}
      </h2>
      {error && !job && (
        <p className="import-error" role="alert">
          {error.message}
        </p>
      )}
      {sending && <SendProgress sent={sending} />}
      {!sending && !job && !error && <p role="status">Starting the import…</p>}
      {job && (job.status === 'queued' || job.status === 'running') && <Progress job={job} samples={samples} totalRows={totalRows} />}
      {job?.status === 'done' && <Outcome job={job} />}
      {job?.status === 'failed' && <Failure job={job} />}
    </section>
  );
}

/** The file's bytes sent so far: on a slow connection most of a large upload's time. */
function SendProgress({ sent }: { sent: UploadProgress }) {
  const percent = sent.total === 0 ? 100 : Math.min(100, Math.floor((sent.loaded / sent.total) * 100));
  const text =
    sent.loaded >= sent.total ? `Sent ${formatBytes(sent.total)}, waiting for the server` : `Sending the file: ${formatBytes(sent.loaded)} of ${formatBytes(sent.total)}`;
  return (
    <div className="import-progress" data-testid="import-send-progress">
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="progress-bar__fill" style={{ width: `${percent}%` }} />
      </div>
      {/* Not a live region: it changes many times a second; the bar carries the value. */}
      <p className="import-progress__text">{text}</p>
    </div>
  );
}

function Progress({ job, samples, totalRows }: { job: ImportJob; samples: ImportJobState['samples']; totalRows: number | null }) {
  const progress = importProgress(samples, totalRows);
  const percent = progress.fraction === null ? null : Math.floor(progress.fraction * 100);
  const parts = [
    job.status === 'queued' ? 'Waiting for the import to start' : `${formatCount(job.rowsRead)}${totalRows === null ? '' : ` of ${formatCount(totalRows)}`} rows read`,
    progress.rowsPerSecond === null ? null : `${formatCount(Math.round(progress.rowsPerSecond))} rows/s`,
    progress.secondsLeft === null ? null : `${formatTimeLeft(progress.secondsLeft)} left`,
  ].filter(Boolean);
  return (
    <div className="import-progress" data-testid="import-progress" data-status={job.status}>
      <div
        className={`progress-bar${percent === null ? ' progress-bar--unknown' : ''}`}
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={parts.join(', ')}
      >
        <div className="progress-bar__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="import-progress__text" aria-live="polite">
        {parts.join(' · ')}
      </p>
    </div>
  );
}

function Outcome({ job }: { job: ImportJob }) {
  const counts: Array<[string, number, string]> = [
    ['created', job.ordersCreated, 'new orders'],
    ['updated', job.ordersUpdated, 'orders that changed'],
    ['unchanged', job.ordersUnchanged, 'orders already up to date'],
    ['skipped', job.ordersSkipped, 'TikTok orders of a store export, left out'],
  ];
  return (
    <div className="import-outcome" role="status" data-testid="import-outcome" data-status="done">
      <p>
        <strong>Imported.</strong> {formatCount(job.rowsRead)} rows read.
      </p>
      <dl className="import-facts">
        {counts.map(([key, value, hint]) => (
          <div key={key} title={hint}>
            <dt>{key[0]!.toUpperCase() + key.slice(1)}</dt>
            <dd data-testid={`import-outcome-${key}`}>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function Failure({ job }: { job: ImportJob }) {
  return (
    <div className="import-outcome import-outcome--failed" role="alert" data-testid="import-outcome" data-status="failed">
      <p>
        <strong>Nothing was imported.</strong> The file has {job.errors.length === 1 ? 'a problem' : 'problems'}: fix{' '}
        {job.errors.length === 1 ? 'it' : 'them'} and upload the file again (a file is imported whole or not at all).
      </p>
      <div className="table-scroll">
        <table className="import-table" data-testid="import-errors">
          <caption>{job.errors.length >= 100 ? 'The first 100 problems' : 'Problems'}</caption>
          <thead>
            <tr>
              <th scope="col" className="import-table__number">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {job.errors.map((error, i) => (
              <tr key={i} data-testid="row">
                <td className="import-table__number">{error.row}</td>
                <td>{error.column || '—'}</td>
                <td className="import-table__wrap">{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
