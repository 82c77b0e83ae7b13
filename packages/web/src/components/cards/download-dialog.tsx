import { useEffect, useId, useRef, useState } from 'react';

export type DownloadScope = 'shown' | 'all';

/** "Download data (CSV)" with its advanced options: the rows shown, or every result. */
export function DownloadDialog({
  title,
  note,
  onDownload,
  onClose,
}: {
  title: string;
  note?: string;
  onDownload: (scope: DownloadScope) => void;
  onClose: () => void;
}) {
  const [scope, setScope] = useState<DownloadScope>('shown');
  const firstRef = useRef<HTMLInputElement | null>(null);
  const headingId = useId();
  useEffect(() => firstRef.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-labelledby={headingId}
      className="download-dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 id={headingId}>Download {title} (CSV)</h3>
      <fieldset>
        <legend>Advanced options</legend>
        <label className="radio">
          <input ref={firstRef} type="radio" name={`${headingId}-scope`} checked={scope === 'shown'} onChange={() => setScope('shown')} />
          Rows shown
        </label>
        <label className="radio">
          <input type="radio" name={`${headingId}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
          All results
        </label>
      </fieldset>
      {note && <p className="muted small">{note}</p>}
      <div className="download-dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={() => onDownload(scope)}>
          Download
        </button>
      </div>
    </div>
  );
}
