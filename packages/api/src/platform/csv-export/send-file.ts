import type { ServerResponse } from 'node:http';
import type { ExportFile } from './export-files.js';

/** The download's client took no byte for the stall timeout. */
export class StalledDownloadError extends Error {}

const PIECE_BYTES = 64 * 1024;
const PIECES_IN_FLIGHT = 4;

/**
 * Sends a prepared file at the pace its client takes it, through a few buffers used again and
 * again: a piece's buffer is read into anew once the socket has taken the piece, so a download
 * leaves no garbage behind and holds at most PIECES_IN_FLIGHT × 64 kB. Resolves once the response
 * has finished; rejects when the client leaves, or takes nothing for `stallTimeoutMs` (then the
 * connection is closed short of the Content-Length, which every HTTP client reports as a failure).
 */
export async function sendFile(file: ExportFile, res: ServerResponse, stallTimeoutMs: number): Promise<void> {
  // Gone while its file was prepared: its 'close' has passed.
  if (res.destroyed) throw new Error('the client closed the connection');
  const free: Buffer[] = Array.from({ length: PIECES_IN_FLIGHT }, () => Buffer.allocUnsafe(PIECE_BYTES));
  let wakeUp: (() => void) | null = null;
  let lastProgress = performance.now();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    wakeUp?.();
  };
  const onClose = () => fail(res.writableFinished ? new Error('closed after finishing') : new Error('the client closed the connection'));
  res.once('close', onClose);
  const watch = setInterval(
    () => {
      if (performance.now() - lastProgress <= stallTimeoutMs) return;
      fail(new StalledDownloadError('the client took nothing'));
      res.destroy();
    },
    Math.min(1_000, stallTimeoutMs / 4),
  ).unref();
  const nextFreeBuffer = async (): Promise<Buffer> => {
    while (free.length === 0 && !failure) await new Promise<void>((resolve) => (wakeUp = resolve));
    wakeUp = null;
    if (failure) throw failure;
    return free.pop()!;
  };

  try {
    for (let position = 0; ; ) {
      const buffer = await nextFreeBuffer();
      const length = await file.read(buffer, position);
      if (failure) throw failure;
      if (length === 0) break;
      position += length;
      res.write(buffer.subarray(0, length), (error) => {
        if (error) return fail(error);
        lastProgress = performance.now();
        free.push(buffer);
        wakeUp?.();
      });
    }
    await new Promise<void>((resolve, reject) => {
      res.end(() => resolve());
      res.once('close', () => (res.writableFinished ? resolve() : reject(failure ?? new Error('the client closed the connection'))));
    });
  } finally {
    clearInterval(watch);
    res.off('close', onClose);
  }
}
