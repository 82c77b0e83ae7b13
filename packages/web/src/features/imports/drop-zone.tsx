import { useId, useRef, useState, type DragEvent } from 'react';
import { ORDER_FILE_FORMATS } from './order-file-formats';

/**
 * Where a file is dropped or chosen. The whole zone takes a drop or a click; keyboard users reach
 * its "Choose a file" button (Enter or Space opens the picker).
 */
export function DropZone({ onFile, disabled = false }: { onFile: (file: File) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !disabled) onFile(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };
  return (
    <div
      className={`drop-zone${over ? ' drop-zone--over' : ''}${disabled ? ' drop-zone--disabled' : ''}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(!disabled);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      onClick={(event) => {
        // A click anywhere in the zone opens the picker; the button's own click does it once.
        if (!disabled && event.target === event.currentTarget) input.current?.click();
      }}
    >
      <p className="drop-zone__title">Drop your orders file here</p>
      <p className="drop-zone__hint" id={hintId}>
        A CSV file: {ORDER_FILE_FORMATS.map((format) => format.title).join(', ')}.
      </p>
      <button type="button" className="button button--primary" aria-describedby={hintId} disabled={disabled} onClick={() => input.current?.click()}>
        Choose a file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file-input"
        onChange={(event) => {
          take(event.currentTarget.files);
          // The same file chosen again is a new choice.
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
