import { adminAc, memberAc, ownerAc } from 'better-auth/plugins/organization/access';

/** A person's role in a shop (spec section 9), as GraphQL names it. */
export type ShopRole = 'OWNER' | 'ADMIN' | 'VIEWER';

/** The authentication library's names of the roles (lower case), stored in `shop_member.role`. */
export type MemberRole = 'owner' | 'admin' | 'viewer';

export const MEMBER_ROLES: readonly MemberRole[] = ['owner', 'admin', 'viewer'];

/**
 * The organization plugin's checks of the team's own actions: an owner does everything, an admin
 * manages members and invitations but not owners (the plugin refuses an admin who touches an
 * owner), a viewer none of it. Our own checks of everything else: platform/access/shop-access.ts.
 */
export const teamRoles = { owner: ownerAc, admin: adminAc, viewer: memberAc };

export function shopRoleOf(role: string): ShopRole | null {
  if (role === 'owner') return 'OWNER';
  if (role === 'admin') return 'ADMIN';
  if (role === 'viewer') return 'VIEWER';
  return null;
}
