import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../../platform/logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';
import { serverUrl, startServer, type RunningServer } from './app.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

/** This machine's addresses other than loopback, where a server bound to 127.0.0.1 must not answer. */
const outsideAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal && address.family === 'IPv4')
  .map((address) => address!.address);

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function withServer(host: string | undefined, check: (server: RunningServer) => Promise<void>): Promise<void> {
  const config = loadConfig({ HOST: host });
  const server = await startServer({ dataSource: db.dataSource, logger: createLogger('silent'), adminToken: null, webDistDir: null }, 0, config.host);
  try {
    await check(server);
  } finally {
    await server.stop();
  }
}

describe('where the server listens', () => {
  it('listens on 127.0.0.1 by default, says so in its URL, and is not reachable on other interfaces', async () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    await withServer(undefined, async (server) => {
      expect(server.httpServer.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      for (const address of outsideAddresses) expect(await connects(address, server.port), address).toBe(false);
    });
  });

  it('listens on every interface with HOST=0.0.0.0, as in a container', async () => {
    await withServer('0.0.0.0', async (server) => {
      expect(server.httpServer.address()).toMatchObject({ address: '0.0.0.0' });
      expect(server.url).toBe(`http://localhost:${server.port}`);
      for (const address of outsideAddresses) expect(await connects(address, server.port), address).toBe(true);
    });
  });

  it('writes the URL of an IPv6 address in brackets', () => {
    expect(serverUrl('::1', 4000)).toBe('http://[::1]:4000');
    expect(serverUrl('::', 4000)).toBe('http://localhost:4000');
    expect(serverUrl('192.168.1.20', 4000)).toBe('http://192.168.1.20:4000');
  });
});

describe('connection limits from the environment', () => {
  it('has defaults, reads each variable, and refuses values that cannot work', () => {
    expect(loadConfig({}).connectionLimits).toEqual(DEFAULT_CONNECTION_LIMITS);
    expect(
      loadConfig({
        HEADERS_TIMEOUT_MS: '2000',
        REQUEST_TIMEOUT_MS: '4000',
        KEEP_ALIVE_TIMEOUT_MS: '1000',
        SOCKET_IDLE_TIMEOUT_MS: '3000',
        MAX_CONNECTIONS: '50',
        MAX_CONNECTIONS_PER_ADDRESS: '0',
      }).connectionLimits,
    ).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      keepAliveTimeoutMs: 1000,
      socketIdleTimeoutMs: 3000,
      maxConnections: 50,
      maxConnectionsPerAddress: 0,
    });
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '4000' })).toThrow(/HEADERS_TIMEOUT_MS .* REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ SOCKET_IDLE_TIMEOUT_MS: '0' })).toThrow(/SOCKET_IDLE_TIMEOUT_MS/);
    expect(() => loadConfig({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS must be a whole number, 1 or more/);
    expect(() => loadConfig({ MAX_CONNECTIONS_PER_ADDRESS: 'ten' })).toThrow(/MAX_CONNECTIONS_PER_ADDRESS/);
  });
});
