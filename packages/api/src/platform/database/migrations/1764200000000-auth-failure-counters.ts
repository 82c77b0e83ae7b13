import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of failed authentication per client address and per token prefix (auth/auth-throttle.ts),
 * shared by every API replica. The columns are the ones rate-limiter-flexible's PostgreSQL store
 * reads and writes: `key` is `address:<address>` or `token:<hash of the prefix>`, never a token;
 * `expire` is the end of the key's window in milliseconds since 1970. Rows an hour past their
 * window are deleted by the API.
 */
export class AuthFailureCounters1764200000000 implements MigrationInterface {
  name = 'AuthFailureCounters1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE auth_failure (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX auth_failure_expire ON auth_failure (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE auth_failure`);
  }
}
