import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';

/** Whether an invitation to this address waits to be accepted: only then may an account be created for it. */
export async function hasPendingInvitation(dataSource: DataSource, email: string): Promise<boolean> {
  const rows = await onPrimary<unknown[]>(
    dataSource,
    `SELECT 1 FROM shop_invitation WHERE lower(email) = lower($1) AND status = 'pending' AND "expiresAt" > now() LIMIT 1`,
    [email.trim()],
  );
  return rows.length > 0;
}
