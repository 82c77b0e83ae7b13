import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { onPrimary, onPrimaryTransaction } from '../../platform/database/replication.js';
import { readServerSetting, writeServerSetting } from '../../platform/database/server-settings.js';
import { AppError, forbidden } from '../../platform/errors/app-error.js';
import { insertMember, insertPerson, type NewPerson } from '../auth/people.js';
import { insertShopWithoutKey, type NewShop } from '../shops/shop.service.js';

const SETUP_CODE = 'setup_code_sha256';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/** The first run waits for its owner: no shop has an owner yet. */
export async function setupNeeded(dataSource: DataSource): Promise<boolean> {
  const rows: unknown[] = await onPrimary(dataSource, `SELECT 1 FROM shop_member WHERE role = 'owner' LIMIT 1`);
  return rows.length === 0;
}

/** A new one-time setup code (the printed link's), replacing any earlier one; only its hash is kept. */
export async function issueSetupCode(dataSource: DataSource): Promise<string> {
  const code = randomBytes(24).toString('base64url');
  await writeServerSetting(dataSource, SETUP_CODE, sha256(code));
  return code;
}

export interface SetupInput extends NewPerson {
  code: string;
  shop: NewShop;
}

/**
 * The first owner and their shop, from the one-time link `pnpm start` printed: the person, the
 * shop and the membership are written in one transaction, and the code is used up in it.
 */
export async function completeSetup(dataSource: DataSource, input: SetupInput): Promise<{ shopId: string; userId: string }> {
  const kept = await readServerSetting(dataSource, SETUP_CODE);
  const given = Buffer.from(sha256(String(input.code ?? '')));
  if (kept === null || given.length !== Buffer.byteLength(kept) || !timingSafeEqual(given, Buffer.from(kept))) {
    throw forbidden('This setup link is not valid (it was used, or a newer one was printed). Restart the server for a new one.');
  }
  return onPrimaryTransaction(dataSource, async (tx) => {
    const [, used]: [unknown[], number] = await tx.query(`DELETE FROM server_setting WHERE name = $1 AND value = $2`, [SETUP_CODE, kept]);
    if (used === 0) throw forbidden('This setup link was used already.');
    const userId = await insertPerson(tx, input);
    const shop = await insertShopWithoutKey(tx, { ...input.shop, isDemo: false }).catch((error: unknown) => {
      // The shop's fields sit beside the person's on the setup page: `shop.name`, not `name`.
      if (error instanceof AppError && typeof error.details.field === 'string') {
        throw new AppError(error.code, error.message, { ...error.details, field: `shop.${error.details.field}` });
      }
      throw error;
    });
    await insertMember(tx, shop.id, userId, 'owner');
    return { shopId: shop.id, userId };
  });
}
