import { useState } from 'react';

/**
 * A destructive action asked twice: the button opens a short question with the real action
 * beside Cancel, and the question's focus lands on Cancel (the safe choice).
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy = false,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  busy?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button type="button" className="button button--danger" disabled={busy} onClick={() => void Promise.resolve(onConfirm()).finally(() => setAsking(false))}>
        {confirmLabel}
      </button>{' '}
      <button type="button" className="button" autoFocus onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
