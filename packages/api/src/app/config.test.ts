import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_THROTTLE_LIMITS } from '../modules/auth/auth-throttle.js';
import { loadConfig, MIN_ADMIN_TOKEN_LENGTH } from './config.js';

describe('ADMIN_TOKEN', () => {
  it('is refused when shorter than 32 characters, with a message that says how to make one', () => {
    for (const token of ['x', 'admin', 'a'.repeat(MIN_ADMIN_TOKEN_LENGTH - 1)]) {
      expect(() => loadConfig({ ADMIN_TOKEN: token })).toThrow(
        `ADMIN_TOKEN must be at least 32 characters long, got ${token.length}; generate one with \`openssl rand -hex 32\``,
      );
    }
  });

  it('never shows the token in its message', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'secret-but-short' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }));
  });

  it('is taken from 32 characters on; unset or empty turns the admin calls off', () => {
    expect(loadConfig({ ADMIN_TOKEN: 'a'.repeat(32) }).adminToken).toBe('a'.repeat(32));
    expect(loadConfig({}).adminToken).toBeNull();
    expect(loadConfig({ ADMIN_TOKEN: '' }).adminToken).toBeNull();
  });

  it('is refused with spaces in it, which a Bearer header cannot carry', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` })).toThrow(/must not contain spaces/);
  });
});

describe('the authentication throttle settings', () => {
  it('default to 20 failures per address and per token prefix in a minute', () => {
    expect(loadConfig({}).authThrottle).toEqual(DEFAULT_AUTH_THROTTLE_LIMITS);
    expect(DEFAULT_AUTH_THROTTLE_LIMITS).toEqual({ failuresPerAddress: 20, failuresPerTokenPrefix: 20, windowMs: 60_000 });
  });

  it('are read from the environment, and refused unless whole numbers of 1 or more', () => {
    expect(
      loadConfig({ AUTH_FAILURES_PER_ADDRESS: '5', AUTH_FAILURES_PER_TOKEN_PREFIX: '7', AUTH_FAILURE_WINDOW_MS: '1500' }).authThrottle,
    ).toEqual({ failuresPerAddress: 5, failuresPerTokenPrefix: 7, windowMs: 1500 });
    expect(() => loadConfig({ AUTH_FAILURES_PER_ADDRESS: '0' })).toThrow(/AUTH_FAILURES_PER_ADDRESS must be a whole number, 1 or more/);
    expect(() => loadConfig({ AUTH_FAILURES_PER_TOKEN_PREFIX: '2.5' })).toThrow(/AUTH_FAILURES_PER_TOKEN_PREFIX/);
    expect(() => loadConfig({ AUTH_FAILURE_WINDOW_MS: 'soon' })).toThrow(/AUTH_FAILURE_WINDOW_MS/);
  });

  it('TRUST_PROXY: off by default; true, a number of proxies, or addresses as Express takes them', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
