import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** What a client saw: the status and body of the answer, when it came, and how much of its body it had sent by then. */
export interface RawAnswer {
  status: number;
  body: string;
  /** Milliseconds from the start of the request to the end of the answer. */
  ms: number;
  /** Body bytes the client had written (into the kernel's buffers, not necessarily read by the server) when the answer came. */
  bytesSent: number;
}

/**
 * POSTs `body` on a connection of its own, written 64 KB at a time as the server takes it, and
 * resolves with the answer as soon as it has arrived, even when the server answered before it
 * read the whole body (the client then stops sending and closes the connection). With `chunked`, no Content-Length is
 * sent: the server learns the size only by reading.
 */
export function postBody(
  url: string,
  body: Buffer,
  headers: Record<string, string>,
  options: { chunked?: boolean } = {},
): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }),
        ...headers,
      },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        // As curl or a browser does: a client answered before it sent all of its body gives up the connection.
        if (bytesSent < body.length) req.destroy();
        resolve({ status: res.statusCode!, body: text, ms: performance.now() - started, bytesSent: sentWhenAnswered });
      });
      res.on('error', (error) => reject(error));
    });
    // Writing into a connection the server closed after answering fails; the answer is what counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && bytesSent < body.length) {
        const chunk = body.subarray(bytesSent, bytesSent + 65_536);
        bytesSent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

/** Nested JSON arrays, `[[[…]]]`, of `bytes` bytes. */
export function nestedArrays(bytes: number): Buffer {
  const half = Math.floor(bytes / 2);
  return Buffer.concat([Buffer.alloc(half, '['), Buffer.alloc(half, ']')]);
}

/** A GraphQL request padded with a long string to `bytes` bytes: valid JSON, flat. */
export function paddedRequest(bytes: number): Buffer {
  const head = '{"query":"{ __typename }","padding":"';
  return Buffer.concat([Buffer.from(head), Buffer.alloc(bytes - head.length - 2, 'x'), Buffer.from('"}')]);
}

/** What a series of GET requests saw: the latencies of those answered 200, and what went wrong with the others. */
export interface Timings {
  latencies: number[];
  failures: string[];
}

/**
 * Times GET `url` one request after another (every `everyMs`) until `stop()`: how quickly the
 * server answers while something else is going on.
 */
export function timeRepeatedly(url: string, everyMs: number): { stop(): Promise<Timings> } {
  const timings: Timings = { latencies: [], failures: [] };
  let stopped = false;
  const run = (async () => {
    while (!stopped) {
      const started = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status === 200) timings.latencies.push(performance.now() - started);
        else timings.failures.push(`status ${response.status}`);
      } catch (error) {
        timings.failures.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await run;
      return timings;
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(values: readonly number[]): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  return `n=${values.length} p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(0, ...values))}`;
}

/** A raw TCP connection to the server, from `localAddress` when given (any 127.x.y.z is this machine). */
export function openSocket(port: number, localAddress?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with the milliseconds until the server closed `socket` (from `since`), and what it wrote before. */
export function closedBy(socket: Socket, since: number): Promise<{ ms: number; received: string }> {
  return new Promise((resolve) => {
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    if (socket.destroyed) return resolve({ ms: performance.now() - since, received });
    socket.once('close', () => resolve({ ms: performance.now() - since, received }));
  });
}
