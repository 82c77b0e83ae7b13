import type { DataSource } from 'typeorm';
import { onPrimary } from '../../platform/database/replication.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether this invitation (its id, from the link) waits to be accepted by this address: only then
 * may an account be created for the address, so that knowing who was invited is not enough to take
 * their address first.
 */
export async function hasPendingInvitation(dataSource: DataSource, email: string, invitationId: string | undefined): Promise<boolean> {
  if (!invitationId || !UUID.test(invitationId)) return false;
  const rows = await onPrimary<unknown[]>(
    dataSource,
    `SELECT 1 FROM shop_invitation WHERE id = $1 AND lower(email) = lower($2) AND status = 'pending' AND "expiresAt" > now()`,
    [invitationId, email.trim()],
  );
  return rows.length > 0;
}
