import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, badUserInput, type ErrorCode } from '../../platform/errors/app-error.js';
import type { DomainOrder } from '../orders/domain-order.js';
import type { OrderFileFormat, OrderFileRowError } from '../order-files/order-file-reader.js';

/**
 * The reader's heap. What it keeps grows with the file: each order's id, to catch an order whose
 * rows come back later. That is about 100 MB for the 1,100,000 orders of a 1 GB TikTok export,
 * and about 800 MB for the 13,400,000 orders of a 1 GB file of 80-byte one-line orders in our
 * template, near the most orders the default IMPORT_MAX_BYTES lets in. With a limit set, a file
 * past it ends this thread alone, as a clear job failure, where reaching the process's own heap
 * limit would end the whole API.
 */
const READER_HEAP_MB = 1536;
/**
 * The reader's young generation, where a batch's rows live until they are checked and sent.
 * V8's default lets it grow to 32 MB in a thread that allocates this fast; the rows are garbage a
 * moment later, so a small one costs no measured throughput and keeps an upload's RSS down
 * (`pnpm bench --only upload`, 1,000,000 rows: the API's largest RSS 328 MB with the default,
 * 302 MB at 8 MB).
 */
const READER_YOUNG_GENERATION_MB = 8;
const TOO_MANY_ORDERS = 'The file holds more orders than one import can check at once; split it into smaller files and upload them one after another.';

/** What the worker is given: the stored file and how to read it. */
export interface FileReadRequest {
  path: string;
  format: OrderFileFormat;
  timeZone: string;
  maxErrors: number;
  ordersPerBatch: number;
}

/** What the worker answers each request with: a batch's orders in parts, then the batch's end; or the file's end, or its failure. */
export type FileReadMessage =
  | { kind: 'orders'; orders: DomainOrder[] }
  | { kind: 'batch'; valid: boolean; rowsRead: number }
  | { kind: 'end'; rowsRead: number; ordersSkipped: number; errors: OrderFileRowError[]; errorCount: number }
  | { kind: 'failed'; code: ErrorCode | null; message: string; details: Record<string, unknown> };

/** How the file read, once its last batch was taken. */
export interface FileReadEnd {
  rowsRead: number;
  ordersSkipped: number;
  /** Problems of the file's rows, in row order, up to the request's maxErrors. */
  errors: OrderFileRowError[];
  invalid: boolean;
}

/**
 * An uploaded order file read and checked on a worker thread (order-file.worker.ts) while the
 * import writes: the CSV parsing, the checks and their garbage stay off the thread that answers
 * every shop's requests. The next batch is read while the current one is written (one ahead, so
 * memory holds two batches). `batches` yields each batch's orders, or null for a batch of a file
 * with problems; `end` is set once they are all taken. Stopping early ends the thread; `close` ends it when
 * `batches` was never started.
 */
export class OrderFileThread {
  rowsRead = 0;
  end: FileReadEnd | null = null;
  private readonly worker: Worker;
  private readonly inbox: FileReadMessage[] = [];
  private waiting: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private broken: Error | null = null;

  constructor(request: FileReadRequest, heapMb = READER_HEAP_MB) {
    this.worker = new Worker(workerModule(), { workerData: request, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB } });
    this.worker.on('message', (message: FileReadMessage) => {
      this.inbox.push(message);
      this.waiting?.resolve();
    });
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? badUserInput(TOO_MANY_ORDERS, { heapMb }) : error),
    );
    this.worker.on('exit', (code) => this.stop(new Error(`the order file reader stopped (exit code ${code})`)));
  }

  async *batches(): AsyncGenerator<DomainOrder[] | null> {
    try {
      this.worker.postMessage('next');
      let orders: DomainOrder[] = [];
      for (;;) {
        const message = await this.next();
        if (message.kind === 'orders') {
          orders.push(...message.orders);
          continue;
        }
        if (message.kind === 'failed') {
          throw message.code ? new AppError(message.code, message.message, message.details) : new Error(message.message);
        }
        this.rowsRead = message.rowsRead;
        if (message.kind === 'end') {
          const errors = message.errors.sort((a, b) => a.row - b.row);
          this.end = { rowsRead: message.rowsRead, ordersSkipped: message.ordersSkipped, errors, invalid: message.errorCount > 0 };
          return;
        }
        this.worker.postMessage('next');
        const batch = message.valid ? orders : null;
        orders = [];
        yield batch;
      }
    } finally {
      await this.close();
    }
  }

  /** Ends the thread (again, or before any batch was asked for). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private async next(): Promise<FileReadMessage> {
    while (this.inbox.length === 0) {
      if (this.broken) throw this.broken;
      await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
      this.waiting = null;
    }
    return this.inbox.shift()!;
  }

  private stop(error: Error): void {
    this.broken ??= error;
    this.waiting?.reject(this.broken);
  }
}

/**
 * The worker's module: beside the bundle in dist (scripts/build.mjs builds it as its own entry),
 * or, run from the TypeScript source (tsx, vitest), that source loaded through tsx's API: Node 20
 * applies no `--import` loader to a worker's own module.
 */
function workerModule(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./order-file.worker.js', import.meta.url);
  const source = new URL('./order-file.worker.ts', import.meta.url).href;
  // tsx/esm/api as `import` resolves it (require would get its CommonJS build).
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const bootstrap = `import { tsImport } from ${JSON.stringify(tsx)};\nawait tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
