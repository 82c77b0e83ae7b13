import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';

/** A request body refused before it was parsed; answered with its status and `extensions.code`. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonBodyLimits {
  /** Largest body of a request without a valid token. */
  anonymousBytes: number;
  /** Largest body of a request with a valid token. */
  authenticatedBytes: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
}

export interface JsonBodyOptions {
  limits: JsonBodyLimits;
  /**
   * Whether the request's credentials allow a body over `anonymousBytes`. Asked at most once, and
   * only for such a body, before more of it is read.
   */
  allowsLargeBody(req: Request, res: Response): Promise<boolean>;
  /** The answers to a body over either limit. */
  tooLarge(limit: 'anonymous' | 'authenticated'): RequestBodyError;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The nesting depth of a JSON text read piece by piece: counts `[` and `{` outside strings, so
 * that a body nested too deeply is refused while it streams, before anything is built from it.
 * UTF-8 never uses these bytes inside a multi-byte character, so bytes can be scanned as they come.
 */
export class JsonDepthGauge {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly maxDepth: number) {}

  /** False once the nesting has gone past the maximum. */
  scan(chunk: Uint8Array): boolean {
    let { depth, inString, escaped } = this;
    const max = this.maxDepth;
    let withinLimit = true;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) inString = false;
      } else if (byte === QUOTE) {
        inString = true;
      } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
        if (++depth > max) {
          withinLimit = false;
          break;
        }
      } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
        depth--;
      }
    }
    Object.assign(this, { depth, inString, escaped });
    return withinLimit;
  }
}

function decodedBody(req: Request): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'identity' ? null
    : encoding === 'gzip' ? createGunzip()
    : encoding === 'deflate' ? createInflate()
    : encoding === 'br' ? createBrotliDecompress()
    : undefined;
  if (decoder === undefined) {
    throw new RequestBodyError(415, 'BAD_REQUEST', `Unsupported content encoding "${encoding}": send the body as is, or gzip, deflate or br.`);
  }
  return decoder ? req.pipe(decoder) : req;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  // An empty body is a common client mistake; GraphQL then says what is missing.
  if (text.trim() === '') return {};
  const malformed = () => new RequestBodyError(400, 'BAD_REQUEST', 'Malformed request body.');
  if (!/^[\t\n\r ]*[[{]/.test(text)) throw malformed();
  try {
    return JSON.parse(text);
  } catch {
    throw malformed();
  }
}

function readJsonBody(req: Request, res: Response, options: JsonBodyOptions): Promise<unknown> {
  const { limits } = options;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return Promise.reject(new RequestBodyError(415, 'BAD_REQUEST', `Unsupported charset "${charset}": send UTF-8.`));
  }
  let limit = limits.anonymousBytes;
  let widened: Promise<boolean> | undefined;
  /** Raises the limit to `authenticatedBytes` if the request may send a large body (asked once); refuses the body otherwise. */
  const widen = async (): Promise<void> => {
    if (limit === limits.authenticatedBytes) throw options.tooLarge('authenticated');
    if (!(await (widened ??= options.allowsLargeBody(req, res)))) throw options.tooLarge('anonymous');
    limit = limits.authenticatedBytes;
  };

  return (async () => {
    // A declared length over the limit is refused before a byte of the body is read.
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      await widen();
      if (declared > limit) throw options.tooLarge('authenticated');
    }
    const source = decodedBody(req);
    const gauge = new JsonDepthGauge(limits.maxDepth);
    const chunks: Buffer[] = [];
    let received = 0;
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const stop = (error: unknown) => {
        if (settled) return;
        settled = true;
        source.off('data', onData);
        if (source !== req) {
          req.unpipe();
          source.destroy();
        }
        source.pause();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        if (!gauge.scan(chunk)) {
          return stop(
            new RequestBodyError(400, 'BAD_REQUEST', `Request body nested too deeply: arrays and objects may nest at most ${limits.maxDepth} levels.`),
          );
        }
        chunks.push(chunk);
        received += chunk.length;
        if (received <= limit) return;
        source.pause();
        widen().then(() => {
          if (settled) return;
          if (received > limit) return stop(options.tooLarge('authenticated'));
          source.resume();
        }, stop);
      };
      source.on('data', onData);
      source.once('end', () => {
        if (settled) return;
        settled = true;
        resolve(Buffer.concat(chunks, received));
      });
      source.once('error', (error) =>
        stop(source === req ? error : new RequestBodyError(400, 'BAD_REQUEST', 'Malformed request body: it could not be decompressed.')),
      );
      // The client went away before the end of its body.
      req.once('close', () => {
        if (!req.complete) stop(new RequestBodyError(400, 'BAD_REQUEST', 'The request body was cut short.'));
      });
    }).then(parseJson);
  })();
}

/** How long the rest of a refused body is taken (and dropped) after the answer, before the connection is closed. */
const LINGER_MS = 1_000;

/**
 * After the answer to a refused body, drops what the client still sends for a moment, then
 * closes the connection if the body has not ended. Closing at once would make the kernel answer
 * the client's next bytes with a reset, which can reach the client before it has read the answer.
 */
function lingerThenClose(req: Request, res: Response): void {
  // Node would otherwise close at once after the answer when the client sent `Connection: close`.
  res.shouldKeepAlive = true;
  res.once('finish', () => {
    if (req.complete) return;
    const close = setTimeout(() => req.socket.destroy(), LINGER_MS);
    req.once('end', () => clearTimeout(close));
    req.once('close', () => clearTimeout(close));
    req.resume();
  });
}

/**
 * Reads a JSON request body into `req.body`, as express.json would, with limits that hold before
 * the body is read: a body over `anonymousBytes` is read on only when the request carries a valid
 * token (asked once, through `allowsLargeBody`), and a body nested past `maxDepth` is refused as
 * it streams. A refused request is answered at once, without reading the rest of its body into
 * memory.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  return (req, res, next) => {
    // Apollo's middleware expects the property, as express.json leaves it.
    if (!Object.hasOwn(req, 'body')) req.body = undefined;
    const hasBody = req.headers['transfer-encoding'] !== undefined || req.headers['content-length'] !== undefined;
    if (!hasBody || !req.is('application/json')) return next();
    readJsonBody(req, res, options).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        if (!req.complete) lingerThenClose(req, res);
        next(error);
      },
    );
  };
}
