import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../platform/database/free-port.js';

/**
 * A TCP proxy between the API and PostgreSQL that the test can cut the way a network does: after
 * `blackHole()` it forwards nothing in either direction and keeps every connection open, so the
 * API's sockets see neither data nor FIN/RST, whatever happens to the server behind it (a dead
 * host, a partition, a NAT that forgot the flow). Queries sent then never answer.
 */
export interface TcpProxy {
  /** `url` with the proxy's host and port in place of the server's. */
  url: string;
  /** Connections from the API accepted so far and still open. */
  openConnections(): number;
  blackHole(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let holes = false;

  const server: Server = createServer((client) => {
    // Once black-holed, new connections are accepted and never answered (the handshake hangs).
    const upstream = holes ? null : connect({ host: target.hostname, port: targetPort });
    const pair = { client, upstream: upstream ?? client };
    pairs.add(pair);
    client.on('error', () => {});
    client.on('close', () => {
      pairs.delete(pair);
      upstream?.destroy();
    });
    if (!upstream) {
      client.pause();
      return;
    }
    upstream.on('error', () => {});
    client.pipe(upstream);
    upstream.pipe(client);
    // The server's FIN or RST is not passed on while black-holed: the API never learns of it.
    upstream.on('close', () => {
      if (!holes) client.destroy();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    openConnections: () => pairs.size,
    blackHole() {
      holes = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
