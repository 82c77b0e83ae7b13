import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { loggableError, type Logger } from '../../platform/logging/logger.js';
import { clientAddressKey } from './client-address.js';

/** Wrong passwords allowed in a window (spec section 9: 10 per account, 50 per client address, per 15 minutes). */
export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 };

export type SignInAdmission = { admitted: true; settle(succeeded: boolean): Promise<void> } | { admitted: false; retryAfterSeconds: number };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * Limits password guessing. Each attempt takes a point from its client address and from the
 * account as tried from that address before the password is checked, so a burst of simultaneous
 * guesses is counted exactly; a right password gives both points back. An account is counted per
 * address so that a guesser elsewhere cannot lock its owner out: the owner signs in from their
 * own address while the guesser waits. Counters live in PostgreSQL (shared by every replica),
 * in the table of the token throttle (auth_failure).
 */
export class SignInThrottle {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(
    dataSource: DataSource,
    private readonly limits: SignInLimits,
    private readonly logger: Logger,
  ) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterPostgres({
        storeClient: dataSource,
        storeType: 'typeorm',
        tableName: 'auth_failure',
        tableCreated: true,
        keyPrefix,
        points,
        duration: limits.windowMs / 1000,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: limits.windowMs / 1000 }),
      });
    this.byAccount = limiter('sign-in-account', limits.perAccount);
    this.byAddress = limiter('sign-in-address', limits.perAddress);
  }

  async admit(email: string, clientAddress: string | undefined): Promise<SignInAdmission> {
    const address = clientAddressKey(clientAddress);
    const account = sha256(`${email.trim().toLowerCase()}\n${address}`);
    const taken = await Promise.all([this.take(this.byAddress, address), this.take(this.byAccount, account)]);
    const refused = taken.filter((wait) => wait > 0);
    if (refused.length > 0) {
      const waitMs = Math.max(...refused);
      this.logger.warn({ clientAddress: address, retryAfterSeconds: Math.ceil(waitMs / 1000) }, 'sign-in throttled');
      return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    return {
      admitted: true,
      settle: async (succeeded) => {
        if (!succeeded) return;
        await Promise.all([this.byAccount.delete(account), this.byAddress.reward(address, 1)]).catch((error: unknown) =>
          this.logger.warn({ err: loggableError(error) }, 'sign-in counters not reset'),
        );
      },
    };
  }

  /** Takes a point; how long the key waits when it had none left (0 when the attempt may go on). */
  private async take(limiter: RateLimiterPostgres, key: string): Promise<number> {
    try {
      await limiter.consume(key);
      return 0;
    } catch (result) {
      if (result instanceof RateLimiterRes) return result.msBeforeNext > 0 ? result.msBeforeNext : this.limits.windowMs;
      this.logger.warn({ err: loggableError(result) }, 'sign-in attempt could not be counted');
      return 0;
    }
  }
}
