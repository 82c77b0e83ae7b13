import { useId, useState } from 'react';

/**
 * A secret or link shown to copy: a read-only field (selectable by hand as well) and a Copy
 * button that says when it worked.
 */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} type="text" readOnly value={value} onFocus={(e) => e.target.select()} data-testid={testId} spellCheck={false} />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copying did not work here: select the text and copy it by hand.' : ''}
      </p>
    </div>
  );
}
