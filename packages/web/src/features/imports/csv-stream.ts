import Papa from 'papaparse';

/**
 * The first text handed to the parser is at least this long and holds a whole line break (or is
 * the whole file): papaparse settles the file's line ending (CRLF, LF or CR) from its first chunk.
 */
export const FIRST_CHUNK_CHARACTERS = 64 * 1024;

/** A line break that is surely whole: an LF, or a CR with a character after it. */
const WHOLE_LINE_BREAK = /\n|\r(?!$)/;

type Listener = (value?: unknown) => void;
type SourceEvent = 'data' | 'end' | 'error';

/**
 * Text arriving chunk by chunk (a File's stream, decoded) in the shape papaparse streams from: a
 * readable that pushes its chunks with `data` events and can be paused. Each chunk is parsed as it
 * is pushed, so only the chunk and the line it ends inside are held.
 */
class TextSource {
  /** What papaparse recognises a readable stream by (with `read` and `on`). */
  readonly readable = true;
  private readonly listeners: Record<SourceEvent, Listener[]> = { data: [], end: [], error: [] };
  private started = false;
  private stopped = false;
  private paused = false;
  private onResume: (() => void) | null = null;

  constructor(
    private readonly chunks: AsyncIterable<string>,
    private readonly firstChunkCharacters: number,
  ) {}

  on(event: SourceEvent, listener: Listener): this {
    this.listeners[event].push(listener);
    if (!this.started) {
      this.started = true;
      // papaparse adds its three listeners at once; the text flows after that.
      queueMicrotask(() => void this.pump());
    }
    return this;
  }

  removeListener(event: SourceEvent, listener: Listener): this {
    this.listeners[event] = this.listeners[event].filter((l) => l !== listener);
    return this;
  }

  /** Nothing to pull: the chunks are pushed as they are read. */
  read(): null {
    return null;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.onResume?.();
    this.onResume = null;
  }

  /** No more text is read (the parser stopped early). */
  stop(): void {
    this.stopped = true;
    this.resume();
  }

  private emit(event: SourceEvent, value?: unknown): void {
    for (const listener of [...this.listeners[event]]) listener(value);
  }

  private async pump(): Promise<void> {
    try {
      let first: string | null = '';
      for await (const chunk of this.chunks) {
        if (this.stopped) return;
        if (first !== null) {
          first += chunk;
          if (first.length < this.firstChunkCharacters || !WHOLE_LINE_BREAK.test(first)) continue;
          this.emit('data', first);
          first = null;
        } else if (chunk !== '') this.emit('data', chunk);
        while (this.paused && !this.stopped) await new Promise<void>((resolve) => (this.onResume = resolve));
      }
      if (this.stopped) return;
      if (first) this.emit('data', first);
      this.emit('end');
    } catch (error) {
      if (!this.stopped) this.emit('error', error);
    }
  }
}

/** A row of only spaces, tabs and line breaks (or no cells). */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every((cell) => /^[ \t\r\n]*$/.test(cell));

export interface CsvReadOptions {
  /** Stops the reading: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** See FIRST_CHUNK_CHARACTERS (tests lower it to cut small files anywhere). */
  firstChunkCharacters?: number;
}

/**
 * Reads CSV text chunk by chunk with papaparse, handing on each record as soon as it is whole:
 * commas between cells, `"` quoting a cell (`""` inside is one quote, line breaks inside are text),
 * a quote inside an unquoted cell is text, records end with the file's line ending (CRLF, LF or
 * CR, as its first line has it), a UTF-8 byte-order mark is dropped. Cells are as written (the
 * caller trims them, as the API's reader does). A line break ending the text starts no record.
 * Only the chunk being parsed and the record it ends inside are held, so a file of any size is
 * read in constant memory.
 *
 * @param onRecord each record with the characters read through its end; false stops the reading
 */
export function readCsvRecords(
  chunks: AsyncIterable<string>,
  onRecord: (cells: string[], charactersRead: number) => boolean | void,
  { signal, firstChunkCharacters = FIRST_CHUNK_CHARACTERS }: CsvReadOptions = {},
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    signal?.throwIfAborted();
    const source = new TextSource(chunks, firstChunkCharacters);
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      source.stop();
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort);
    Papa.parse<string[]>(source as unknown as NodeJS.ReadableStream, {
      delimiter: ',',
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      beforeFirstChunk: (chunk) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
      step: (results, parser) => {
        if (signal?.aborted) {
          settle(signal.reason);
          parser.abort();
          return;
        }
        if (onRecord(results.data, results.meta.cursor) === false) parser.abort();
      },
      complete: () => {
        settle(signal?.aborted ? signal.reason : undefined);
      },
      error: (error) => settle(error),
    });
  });
}
