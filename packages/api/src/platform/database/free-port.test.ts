import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, preferredOrFreePort } from './free-port.js';

let held: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (held ? held.close(() => resolve()) : resolve()));
  held = null;
});

const hold = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

describe('ports for servers started next', () => {
  it('gives the preferred port while it is free, and another free one once it is taken', async () => {
    const port = await freePort();
    expect(await preferredOrFreePort(port)).toBe(port);
    held = await hold(port);
    const other = await preferredOrFreePort(port);
    expect(other).not.toBe(port);
    // The other port can be listened on.
    const server = await hold(other);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
