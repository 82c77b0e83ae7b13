import { randomUUID } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** The exports' files together would take more disk than EXPORT_TEMP_MAX_MB allows. */
export class TempSpaceExhaustedError extends Error {
  constructor(readonly maxBytes: number) {
    super(`export files would exceed ${maxBytes} bytes`);
  }
}

/** A prepared export on disk: written once at the database's pace, then read at the client's. */
export interface ExportFile {
  /**
   * Writes the file from its start, taking text (object mode: each piece a string). Fails
   * (TempSpaceExhaustedError) past the disk budget.
   */
  writer(): Writable;
  /** Bytes written so far. */
  readonly size: number;
  /** Reads into `buffer` from `position`; 0 at the end. */
  read(buffer: Buffer, position: number): Promise<number>;
  /** Closes and removes the file and gives its bytes back to the budget. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Files of exports in preparation, in `dir`, taking at most `maxBytes` in all. Each file is
 * removed from the directory as soon as it is open (where the system allows it): its customer
 * data is then reachable only through this process's open handle, and the system frees the space
 * when the handle closes, also if the process dies.
 */
export class ExportFiles {
  private used = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  async create(): Promise<ExportFile> {
    const path = join(this.dir, `tiktok-insights-export-${randomUUID()}.csv`);
    const handle: FileHandle = await open(path, 'wx+', 0o600);
    let listed = true;
    try {
      await unlink(path);
      listed = false;
    } catch {
      // Windows keeps an open file: it is removed on close instead.
    }
    let size = 0;
    let closed: Promise<void> | null = null;
    return {
      get size() {
        return size;
      },
      writer: () =>
        new Writable({
          objectMode: true,
          highWaterMark: 2,
          // Strings go to the file as they are: no Buffer per piece left for the garbage collector.
          write: (piece: string, _encoding, done) => {
            const bytes = Buffer.byteLength(piece);
            if (this.used + bytes > this.maxBytes) return done(new TempSpaceExhaustedError(this.maxBytes));
            this.used += bytes;
            size += bytes;
            handle.write(piece, null, 'utf8').then(({ bytesWritten }) => {
              done(bytesWritten === bytes ? null : new Error(`the export file took ${bytesWritten} of ${bytes} bytes (disk full?)`));
            }, done);
          },
        }),
      read: async (buffer, position) => (await handle.read(buffer, 0, buffer.length, position)).bytesRead,
      close: () =>
        (closed ??= (async () => {
          this.used -= size;
          await handle.close().catch(() => {});
          if (listed) await unlink(path).catch(() => {});
        })()),
    };
  }

  /** Bytes the open files take now. */
  get bytesInUse(): number {
    return this.used;
  }
}
