import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../platform/errors/app-error.js';
import { openOrderFile, type OrderFileRowError } from '../order-files/order-file-reader.js';
import { checkFileBatch } from './order-file-checks.js';
import type { FileReadMessage, FileReadRequest } from './order-file-thread.js';

/**
 * The worker thread that reads and checks an uploaded order file (order-file-thread.ts): a batch
 * at a time, each read only when the import asks for it, so the file is never held whole.
 */
const request = workerData as FileReadRequest;
/** About 5 ms of copying on the receiving thread. */
const ORDERS_PER_MESSAGE = 500;
const port = parentPort!;
let asked = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  asked += 1;
  wake?.();
});

async function askedForMore(): Promise<void> {
  while (asked === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  asked -= 1;
}

const post = (message: FileReadMessage) => port.postMessage(message);

async function read(): Promise<void> {
  const input = createReadStream(request.path);
  try {
    const reader = await openOrderFile(input, { format: request.format, timeZone: request.timeZone, maxErrors: request.maxErrors });
    const problems: OrderFileRowError[] = [];
    const batches = reader.batches(request.ordersPerBatch)[Symbol.asyncIterator]();
    for (;;) {
      await askedForMore();
      const next = await batches.next();
      if (next.done) {
        post({ kind: 'end', rowsRead: reader.rowsRead, ordersSkipped: reader.ordersSkipped, errors: [...reader.errors, ...problems], errorCount: reader.errorCount + problems.length });
        return;
      }
      // Once the file has an error nothing more is checked, but it is still read to the end, so
      // that all of its errors are shown. A batch is checked and sent in parts: the import's thread
      // copies each message in one go while other requests wait, and the parts come as they are
      // checked rather than all at once.
      const checking = reader.errorCount === 0 && problems.length === 0;
      let valid = checking;
      for (let start = 0; checking && start < next.value.length; start += ORDERS_PER_MESSAGE) {
        const orders = checkFileBatch(reader.format, next.value.slice(start, start + ORDERS_PER_MESSAGE), problems);
        if (orders && valid) post({ kind: 'orders', orders });
        valid &&= orders !== null;
      }
      valid &&= reader.errorCount === 0;
      post({ kind: 'batch', valid, rowsRead: reader.rowsRead });
    }
  } finally {
    input.destroy();
  }
}

read().catch((error: unknown) => {
  post(
    error instanceof AppError
      ? { kind: 'failed', code: error.code, message: error.message, details: error.details }
      : { kind: 'failed', code: null, message: error instanceof Error ? error.message : String(error), details: {} },
  );
});
