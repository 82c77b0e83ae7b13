import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { clientAddressKey } from './client-address.js';

/** How many failed authentication attempts are allowed before 429 (README "Environment"). */
export interface AuthThrottleLimits {
  /** Failed attempts one client address (an IPv6 /64) may make per window (AUTH_FAILURES_PER_ADDRESS). */
  failuresPerAddress: number;
  /** Failed attempts with tokens that begin alike, from any address, per window (AUTH_FAILURES_PER_TOKEN_PREFIX). */
  failuresPerTokenPrefix: number;
  /** The window, from a key's first failure; a key over its limit is refused until the window ends (AUTH_FAILURE_WINDOW_MS). */
  windowMs: number;
}

export const DEFAULT_AUTH_THROTTLE_LIMITS: AuthThrottleLimits = {
  failuresPerAddress: 20,
  failuresPerTokenPrefix: 20,
  windowMs: 60_000,
};

/** Tokens are counted together when their first characters are equal: `tti_` and 8 random characters. */
export const TOKEN_PREFIX_LENGTH = 12;

/** The counters' table (migration AuthFailureCounters1764200000000), shared by every API replica. */
const COUNTER_TABLE = 'auth_failure';

/** Tokens a client address has used successfully, remembered for this long so that they skip the queue. */
const KNOWN_GOOD_MS = 10 * 60_000;
const KNOWN_GOOD_MAX = 10_000;

type ThrottledBy = 'address' | 'token prefix';

interface Counted {
  by: ThrottledBy;
  /** The limiter's key: the address, or a hash of the token's prefix (never the prefix itself). */
  key: string;
  /** For the log: the client address, or nothing for a prefix. */
  clientAddress?: string;
}

interface Block {
  until: number;
  refused: number;
  counted: Counted;
}

export type Attempt<T> = { throttled: false; value: T | null } | { throttled: true; retryAfterSeconds: number };

/** Runs tasks of one key one after another, tasks of different keys side by side. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const blockId = (counted: Counted) => `${counted.by}:${counted.key}`;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * Throttles failed authentication: a client address, or tokens sharing a prefix (a guess at one
 * token spread over many addresses), with too many failures in a window get 429 until it ends,
 * the right token included (it would otherwise tell a guesser which guess was right). Other
 * addresses and prefixes are not affected.
 *
 * Failures are counted in PostgreSQL (rate-limiter-flexible's PostgreSQL store), so every replica
 * sees the same counts; a successful attempt costs no statement. A replica remembers the blocks
 * it has seen in memory and refuses their requests without touching the database; another
 * replica learns of a block on its next failure there. When the counters' table cannot be
 * written, failures are counted in this process's memory instead.
 *
 * Tokens not yet known to be good for an address are verified one at a time per address and per
 * prefix, so a burst of simultaneous guesses is counted as exactly as guesses one after another.
 */
export class AuthThrottle {
  private readonly byAddress: RateLimiterPostgres;
  private readonly byPrefix: RateLimiterPostgres;
  private readonly blocks = new Map<string, Block>();
  private readonly knownGood = new Map<string, number>();
  private readonly queue = new KeyedQueue();

  constructor(
    dataSource: DataSource,
    private readonly limits: AuthThrottleLimits,
    private readonly logger: Logger,
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPostgres({
        storeClient: dataSource,
        storeType: 'typeorm',
        tableName: COUNTER_TABLE,
        tableCreated: true,
        keyPrefix,
        points,
        duration: limits.windowMs / 1000,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: limits.windowMs / 1000 }),
      });
    this.byAddress = limiter('address', limits.failuresPerAddress);
    this.byPrefix = limiter('token', limits.failuresPerTokenPrefix);
  }

  /**
   * Verifies a client's credentials through `verify` (null: not valid) unless the client's address
   * or the token's prefix is throttled; a failure is counted, and the one over a limit is answered
   * as throttled already.
   */
  async attempt<T>(clientAddress: string | undefined, token: string | null, verify: () => Promise<T | null>): Promise<Attempt<T>> {
    const address = clientAddressKey(clientAddress);
    const counted: Counted[] = [{ by: 'address', key: address, clientAddress: address }];
    if (token !== null) counted.push({ by: 'token prefix', key: sha256(token.slice(0, TOKEN_PREFIX_LENGTH)) });
    const blocked = this.refusal(counted);
    if (blocked) return blocked;

    const good = token === null ? null : sha256(`${address}\n${token}`);
    if (good !== null && (this.knownGood.get(good) ?? 0) > Date.now()) {
      const value = await verify();
      if (value !== null) return { throttled: false, value };
      this.knownGood.delete(good);
      return this.failed(counted);
    }
    const checked = async (): Promise<Attempt<T>> => {
      const blockedMeanwhile = this.refusal(counted);
      if (blockedMeanwhile) return blockedMeanwhile;
      const value = await verify();
      if (value === null) return this.failed(counted);
      if (good !== null) this.rememberGood(good);
      return { throttled: false, value };
    };
    // Always the address first, then the prefix: no two attempts wait on each other in a circle.
    const [byAddress, byPrefix] = counted as [Counted, Counted | undefined];
    return this.queue.run(blockId(byAddress), () => (byPrefix ? this.queue.run(blockId(byPrefix), checked) : checked()));
  }

  private refusal(counted: Counted[]): Attempt<never> | null {
    const now = Date.now();
    let until = 0;
    for (const c of counted) {
      const block = this.blocks.get(blockId(c));
      if (block && block.until > now) {
        block.refused += 1;
        until = Math.max(until, block.until);
      }
    }
    return until > now ? { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) } : null;
  }

  private async failed(counted: Counted[]): Promise<Attempt<never>> {
    const waits = await Promise.all(counted.map((c) => this.countFailure(c)));
    const wait = Math.max(...waits);
    return wait > 0 ? { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { throttled: false, value: null };
  }

  /** Counts one failure; returns how long the key is refused when this failure is over its limit (else 0). */
  private async countFailure(counted: Counted): Promise<number> {
    const limiter = counted.by === 'address' ? this.byAddress : this.byPrefix;
    try {
      await limiter.consume(counted.key);
      return 0;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) {
        this.logger.warn({ err: loggableError(result) }, 'failed authentication could not be counted');
        return 0;
      }
      const wait = result.msBeforeNext > 0 ? result.msBeforeNext : this.limits.windowMs;
      this.block(counted, result.consumedPoints, wait);
      return wait;
    }
  }

  private block(counted: Counted, failures: number, wait: number): void {
    const id = blockId(counted);
    const now = Date.now();
    const until = now + wait;
    const existing = this.blocks.get(id);
    const live = existing && existing.until > now ? existing : undefined;
    if (live && live.until >= until) return;
    const block: Block = { until, refused: live?.refused ?? 0, counted };
    this.blocks.set(id, block);
    const address = counted.clientAddress === undefined ? {} : { clientAddress: counted.clientAddress };
    if (!live) {
      this.logger.warn(
        { throttledBy: counted.by, ...address, failedAttempts: failures, windowMs: this.limits.windowMs, retryAfterSeconds: Math.ceil(wait / 1000) },
        'failed authentication throttled',
      );
    }
    setTimeout(() => {
      if (this.blocks.get(id) !== block) return;
      this.blocks.delete(id);
      this.logger.info({ throttledBy: counted.by, ...address, refusedWhileThrottled: block.refused }, 'failed authentication throttle lifted');
    }, wait).unref();
  }

  private rememberGood(good: string): void {
    this.knownGood.delete(good);
    this.knownGood.set(good, Date.now() + KNOWN_GOOD_MS);
    if (this.knownGood.size > KNOWN_GOOD_MAX) this.knownGood.delete(this.knownGood.keys().next().value!);
  }
}
