import { randomBytes } from 'node:crypto';
import { verifyPassword } from 'better-auth/crypto';
import type { DataSource } from 'typeorm';
import { onPrimary, onPrimaryTransaction } from '../../platform/database/replication.js';
import { readServerSetting, writeServerSetting } from '../../platform/database/server-settings.js';
import { insertMember, insertPerson } from '../auth/people.js';

export const DEMO_OWNER_EMAIL = 'demo@example.com';
/** Kept so that every start can print it, as long as it still signs the demo owner in. */
const DEMO_PASSWORD = 'demo_owner_password';

/**
 * The demo shop's owner, whose email and password `pnpm start` prints so that a newcomer signs in
 * at once. Created with a random password the first time; null once the owner has changed it
 * (then it is theirs, and no longer printed).
 */
export async function demoOwnerSignIn(dataSource: DataSource, shopId: string): Promise<{ email: string; password: string } | null> {
  const existing: Array<{ password: string | null }> = await onPrimary(
    dataSource,
    `SELECT a.password FROM app_user u LEFT JOIN user_account a ON a."userId" = u.id AND a."providerId" = 'credential' WHERE u.email = $1`,
    [DEMO_OWNER_EMAIL],
  );
  if (existing.length === 0) {
    const password = randomBytes(12).toString('base64url');
    await onPrimaryTransaction(dataSource, async (tx) => {
      const userId = await insertPerson(tx, { name: 'Demo owner', email: DEMO_OWNER_EMAIL, password });
      await insertMember(tx, shopId, userId, 'owner');
    });
    await writeServerSetting(dataSource, DEMO_PASSWORD, password);
    return { email: DEMO_OWNER_EMAIL, password };
  }
  const password = await readServerSetting(dataSource, DEMO_PASSWORD);
  const hash = existing[0]!.password;
  if (password === null || hash === null || !(await verifyPassword({ hash, password }))) {
    await writeServerSetting(dataSource, DEMO_PASSWORD, null);
    return null;
  }
  return { email: DEMO_OWNER_EMAIL, password };
}
