import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { onPrimary } from './replication.js';

/** A server-wide setting kept in the database (table server_setting), or null. */
export async function readServerSetting(dataSource: DataSource, name: string): Promise<string | null> {
  const rows: Array<{ value: string }> = await onPrimary(dataSource, `SELECT value FROM server_setting WHERE name = $1`, [name]);
  return rows[0]?.value ?? null;
}

export async function writeServerSetting(dataSource: DataSource, name: string, value: string | null): Promise<void> {
  if (value === null) {
    await onPrimary(dataSource, `DELETE FROM server_setting WHERE name = $1`, [name]);
    return;
  }
  await onPrimary(
    dataSource,
    `INSERT INTO server_setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [name, value],
  );
}

/** A random secret made once and kept: every process and every restart gets the same one. */
export async function keptSecret(dataSource: DataSource, name: string): Promise<string> {
  await onPrimary(dataSource, `INSERT INTO server_setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  return (await readServerSetting(dataSource, name))!;
}
