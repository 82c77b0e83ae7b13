import { useEffect, useState } from 'react';
import { checkFileStart, type FileCheck, type OrderFileCounts, readOrderFile, textChunks } from './order-file-reading';

export interface OrderFileState {
  /** null while the start of the file is read. */
  check: FileCheck | null;
  /** null while counting (or for a refused file). */
  counts: OrderFileCounts | null;
  /** How far the count is, 0 to 1 (by characters read against bytes: close enough for a progress note). */
  counted: number;
}

/** Reads a chosen file in one pass: its format and first orders as soon as they are read, then its counts at the end. */
export function useOrderFile(file: File | null): OrderFileState {
  const [state, setState] = useState<OrderFileState>({ check: null, counts: null, counted: 0 });
  useEffect(() => {
    setState({ check: null, counts: null, counted: 0 });
    if (!file) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const notCsv = await checkFileStart(file);
        if (controller.signal.aborted) return;
        if (notCsv) {
          setState((previous) => ({ ...previous, check: notCsv }));
          return;
        }
        let shown = 0;
        const reading = await readOrderFile(textChunks(file), {
          signal: controller.signal,
          onPreview: (check) => {
            if (!controller.signal.aborted) setState((previous) => ({ ...previous, check }));
          },
          onProgress: (read) => {
            const counted = file.size === 0 ? 1 : Math.min(1, read / file.size);
            // A re-render per hundredth is plenty.
            if (counted - shown < 0.01) return;
            shown = counted;
            setState((previous) => ({ ...previous, counted }));
          },
        });
        if (reading.kind !== 'orders') return;
        const { counts } = reading;
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, counts, counted: 1 }));
      } catch (error) {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ check: { kind: 'refused', message: `The file could not be read: ${message}` }, counts: null, counted: 0 });
      }
    })();
    return () => controller.abort();
  }, [file]);
  return state;
}
