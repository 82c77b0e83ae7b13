import { createServer } from 'node:net';

/** Listens on the port (0: any) on loopback and closes again; resolves with the port, or null when it is taken. */
function probe(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

/** A TCP port free on loopback right now, for a server started next (the embedded PostgreSQL, a test API). */
export async function freePort(): Promise<number> {
  const port = await probe(0);
  if (port === null) throw new Error('no free port on 127.0.0.1');
  return port;
}

/** The preferred port when it is free, otherwise any free one. */
export async function preferredOrFreePort(preferred: number): Promise<number> {
  return (await probe(preferred)) ?? freePort();
}
