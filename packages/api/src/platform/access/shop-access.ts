import { forbidden } from '../errors/app-error.js';

/**
 * What a caller may do in its shop (spec section 9):
 * - `read`: dashboards and the exports without personal data;
 * - `customers`: the marketing and crossover customer lists and their exports (names, addresses);
 * - `uploads`: the shop's import history (which files, when, uploaded by which person or key): its
 *   people and keys, not a shared link's visitor;
 * - `import`: `importOrders` and order file uploads;
 * - `settings`: the shop's settings and its TikTok connection;
 * - `team`: members, invitations, API keys and shared links;
 * - `owners`: owners and the shop's deletion.
 */
export type ShopPermission = 'read' | 'customers' | 'uploads' | 'import' | 'settings' | 'team' | 'owners';

export interface ShopAccess {
  readonly permissions: ReadonlySet<ShopPermission>;
  /** Who the caller is, for the refusal's message: "a viewer", "a READ API key"… */
  readonly callerLabel: string;
}

/** Jobs, scripts and tests act for the shop itself. */
export const FULL_ACCESS: ShopAccess = {
  permissions: new Set<ShopPermission>(['read', 'customers', 'uploads', 'import', 'settings', 'team', 'owners']),
  callerLabel: 'the shop',
};

const NEEDS: Record<ShopPermission, string> = {
  read: 'reading this shop',
  customers: "customers' names and addresses",
  uploads: "the shop's import history (its people and API keys)",
  import: 'importing orders (an owner, an admin or an IMPORT API key)',
  settings: "the shop's settings and TikTok connection (an owner or an admin)",
  team: 'members, invitations, API keys and shared links (an owner or an admin)',
  owners: 'owners and deleting the shop (an owner)',
};

export function requirePermission(access: ShopAccess, permission: ShopPermission): void {
  if (!access.permissions.has(permission)) {
    throw forbidden(`${capitalize(access.callerLabel)} may not do this: ${NEEDS[permission]}.`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
