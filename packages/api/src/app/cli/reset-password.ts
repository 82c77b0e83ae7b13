import { randomBytes } from 'node:crypto';
import { setPassword } from '../../modules/auth/people.js';
import { openDatabase } from '../../platform/database/data-source.js';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres.js';
import { onPrimaryTransaction } from '../../platform/database/replication.js';
import { AppError } from '../../platform/errors/app-error.js';
import { createLogger } from '../../platform/logging/logger.js';
import { loadConfig } from '../config.js';

export const RESET_PASSWORD_USAGE = `Usage: pnpm reset-password <email> [--password <new password>]

Sets a new password for a person, for a server without mail (SMTP_URL) where "Forgot password?"
cannot send its link. Without --password a random one is made and printed. The person's sessions
end: they sign in again with the new password. Works on the database of DATABASE_URL (or the
embedded one in .data/), with or without a running server.`;

export interface CommandOutput {
  line(text: string): void;
  error(text: string): void;
}

export async function runResetPasswordCommand(argv: readonly string[], env: NodeJS.ProcessEnv, output: CommandOutput): Promise<number> {
  const args = [...argv];
  const at = args.indexOf('--password');
  const given = at >= 0 ? args.splice(at, 2)[1] : undefined;
  const [email, ...rest] = args;
  if (!email || rest.length > 0 || (at >= 0 && given === undefined) || email.startsWith('-')) {
    output.error(RESET_PASSWORD_USAGE);
    return 2;
  }
  const password = given ?? randomBytes(12).toString('base64url');
  const config = loadConfig(env);
  const logger = createLogger(env.LOG_LEVEL ?? 'warn');
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, logger });
  const { dataSource } = await openDatabase({ url: config.databaseUrl ?? embedded!.url, poolSize: 2 });
  try {
    const found = await onPrimaryTransaction(dataSource, (tx) => setPassword(tx, email, password));
    if (!found) {
      output.error(`No account has the email address ${email}.`);
      return 1;
    }
    output.line(given === undefined ? `New password for ${email}: ${password}` : `Password of ${email} changed.`);
    output.line('Their sessions have ended; they sign in with the new password.');
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      output.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await dataSource.destroy();
    await embedded?.stopWithin(10_000);
  }
}
