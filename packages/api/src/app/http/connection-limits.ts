import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../../platform/logging/logger.js';

/** How long a client may take and how many connections it may hold (README, "Environment"). */
export interface ConnectionLimits {
  /** To send a request's headers, from the moment the connection opens or the previous answer ended (HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** To send a whole request, headers and body; the answer is not counted (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection between two requests (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /**
   * A connection on which the client neither sends nor reads (SOCKET_IDLE_TIMEOUT_MS). While the
   * server itself is still preparing an answer, the connection stays.
   */
  socketIdleTimeoutMs: number;
  /** Open connections in all (MAX_CONNECTIONS); those over it are closed at once. */
  maxConnections: number;
  /** Open connections from one client address (MAX_CONNECTIONS_PER_ADDRESS); 0: no cap. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  socketIdleTimeoutMs: 30_000,
  maxConnections: 1_000,
  maxConnectionsPerAddress: 100,
};

/** An IPv4 client seen on an IPv6 socket (`::ffff:10.0.0.1`) is the same address as `10.0.0.1`. */
function clientAddress(socket: Socket): string | undefined {
  return socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** At most one log line per `everyMs` for refusals that an attacker can cause by the thousand. */
function throttledWarning(logger: Logger, message: string, everyMs = 10_000): () => void {
  let count = 0;
  let loggedAt = -Infinity;
  return () => {
    count += 1;
    const now = performance.now();
    if (now - loggedAt < everyMs) return;
    logger.warn({ connectionsRefused: count }, message);
    loggedAt = now;
    count = 0;
  };
}

/**
 * The HTTP server with the limits applied: Node's header, request and keep-alive timeouts (checked
 * every second at most, instead of Node's 30 s), an idle timeout that closes only a connection
 * whose client has gone silent, and caps on open connections in all and per client address.
 */
export function createLimitedServer(listener: RequestListener, limits: ConnectionLimits, logger: Logger): Server {
  /** The request being answered on each connection. */
  const exchanges = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      const socket = req.socket;
      exchanges.set(socket, { req, res });
      const done = () => {
        if (exchanges.get(socket)?.res === res) exchanges.delete(socket);
      };
      res.once('finish', done);
      res.once('close', done);
      listener(req, res);
    },
  );

  // Node calls this when a connection had no traffic for `socketIdleTimeoutMs` (or for the
  // keep-alive timeout between requests); with a listener, closing it is up to us.
  server.timeout = limits.socketIdleTimeoutMs;
  server.on('timeout', (socket: Socket) => {
    const exchange = exchanges.get(socket);
    const clientSilent =
      !exchange || // between requests, or no request yet
      !exchange.req.complete || // the client stopped sending its body
      socket.writableLength > 0 || // the client stopped reading the answer
      exchange.res.writableLength > 0;
    if (clientSilent) socket.destroy();
  });

  server.maxConnections = limits.maxConnections;
  server.on('drop', throttledWarning(logger, 'connections refused: MAX_CONNECTIONS reached'));

  if (limits.maxConnectionsPerAddress > 0) {
    const open = new Map<string, number>();
    const refused = throttledWarning(logger, 'connections refused: MAX_CONNECTIONS_PER_ADDRESS reached by a client address');
    server.on('connection', (socket: Socket) => {
      const address = clientAddress(socket);
      if (address === undefined) return;
      const count = (open.get(address) ?? 0) + 1;
      if (count > limits.maxConnectionsPerAddress) {
        refused();
        socket.destroy();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = open.get(address)! - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    });
  }
  return server;
}
