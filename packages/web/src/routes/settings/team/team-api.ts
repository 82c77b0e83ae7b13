import { asPluginRole, authCall, authClient, type MemberRole } from '../../../auth/auth-client';

export interface TeamMember {
  id: string;
  role: MemberRole;
  user: { id: string; name: string; email: string };
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: MemberRole;
  expiresAt: string;
}

/** The invitation link to copy (mail may not be configured): it opens the accept page. */
export const invitationLink = (id: string) => `${window.location.origin}/accept-invitation/${id}`;

const toIso = (value: Date | string) => (typeof value === 'string' ? value : value.toISOString());

/** The active shop's members and its pending invitations (better-auth's organization plugin). */
export async function fetchTeam(): Promise<{ members: TeamMember[]; invitations: PendingInvitation[] }> {
  const [members, invitations] = await Promise.all([
    authCall((fetchOptions) => authClient.organization.listMembers({ fetchOptions })),
    authCall((fetchOptions) => authClient.organization.listInvitations({ fetchOptions })),
  ]);
  return {
    members: members.members.map(({ id, role, user }) => ({ id, role: role as MemberRole, user: { id: user.id, name: user.name, email: user.email } })),
    invitations: invitations
      .filter((invitation) => invitation.status === 'pending')
      .map(({ id, email, role, expiresAt }) => ({ id, email, role: role as MemberRole, expiresAt: toIso(expiresAt) })),
  };
}

export async function inviteMember(email: string, role: MemberRole): Promise<PendingInvitation> {
  const invitation = await authCall((fetchOptions) => authClient.organization.inviteMember({ email, role: asPluginRole(role) }, fetchOptions));
  return { id: invitation.id, email: invitation.email, role: invitation.role as MemberRole, expiresAt: toIso(invitation.expiresAt) };
}

export const cancelInvitation = (invitationId: string) =>
  authCall((fetchOptions) => authClient.organization.cancelInvitation({ invitationId }, fetchOptions));

export const updateMemberRole = (memberId: string, role: MemberRole) =>
  authCall((fetchOptions) => authClient.organization.updateMemberRole({ memberId, role: asPluginRole(role) }, fetchOptions));

export const removeMember = (memberIdOrEmail: string) =>
  authCall((fetchOptions) => authClient.organization.removeMember({ memberIdOrEmail }, fetchOptions));
