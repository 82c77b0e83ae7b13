import { hashPassword } from 'better-auth/crypto';
import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../platform/errors/app-error.js';
import { MIN_PASSWORD_LENGTH } from './auth.js';
import type { MemberRole } from './roles.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewPerson {
  name: string;
  email: string;
  password: string;
}

export function validatePerson(input: NewPerson): NewPerson {
  const name = input.name.trim();
  const email = input.email.trim().toLowerCase();
  if (name.length < 1 || name.length > 200) throw badUserInput('Your name must be 1 to 200 characters.', { field: 'name' });
  if (!EMAIL.test(email) || email.length > 254) throw badUserInput('Enter an email address such as you@example.com.', { field: 'email' });
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > 128) {
    throw badUserInput(`The password must be ${MIN_PASSWORD_LENGTH} to 128 characters.`, { field: 'password' });
  }
  return { name, email, password: input.password };
}

/**
 * A person with a password, written as the authentication library writes one (a user and its
 * `credential` account, the password hashed with its scrypt), inside the caller's transaction:
 * the first-run setup and the demo owner create the person, the shop and the membership at once.
 */
export async function insertPerson(tx: EntityManager, input: NewPerson): Promise<string> {
  const person = validatePerson(input);
  const taken: unknown[] = await tx.query(`SELECT 1 FROM app_user WHERE email = $1`, [person.email]);
  if (taken.length > 0) throw badUserInput('An account with this email address exists already: sign in instead.', { field: 'email' });
  const [user]: Array<{ id: string }> = await tx.query(
    `INSERT INTO app_user (name, email, "emailVerified") VALUES ($1, $2, false) RETURNING id`,
    [person.name, person.email],
  );
  await tx.query(
    `INSERT INTO user_account ("accountId", "providerId", "userId", password, "updatedAt") VALUES ($1::text, 'credential', $1::uuid, $2, now())`,
    [user!.id, await hashPassword(person.password)],
  );
  return user!.id;
}

export async function insertMember(tx: EntityManager, shopId: string, userId: string, role: MemberRole): Promise<void> {
  await tx.query(`INSERT INTO shop_member ("organizationId", "userId", role, "createdAt") VALUES ($1, $2, $3, now())`, [shopId, userId, role]);
}

/** Sets a person's password (the CLI's reset) and ends their sessions; false when no such person. */
export async function setPassword(tx: EntityManager, email: string, password: string): Promise<boolean> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 128) {
    throw badUserInput(`The password must be ${MIN_PASSWORD_LENGTH} to 128 characters.`, { field: 'password' });
  }
  const [user]: Array<{ id: string }> = await tx.query(`SELECT id FROM app_user WHERE email = $1`, [email.trim().toLowerCase()]);
  if (!user) return false;
  const [, updated]: [unknown[], number] = await tx.query(
    `UPDATE user_account SET password = $2, "updatedAt" = now() WHERE "userId" = $1 AND "providerId" = 'credential'`,
    [user.id, await hashPassword(password)],
  );
  if (updated === 0) {
    await tx.query(`INSERT INTO user_account ("accountId", "providerId", "userId", password, "updatedAt") VALUES ($1::text, 'credential', $1::uuid, $2, now())`, [
      user.id,
      await hashPassword(password),
    ]);
  }
  await tx.query(`DELETE FROM user_session WHERE "userId" = $1`, [user.id]);
  return true;
}
