import { Ctx, Query, Resolver } from 'type-graphql';
import { onPrimary } from '../../platform/database/replication.js';
import { setupNeeded } from '../setup/first-run.js';
import type { AccountsContext } from './accounts-context.types.js';
import { Caller, ServerInfo, type Person } from './accounts.types.js';
import { shopRoleOf } from './roles.js';

@Resolver()
export class CallerResolver {
  @Query(() => Caller, { description: 'Who is calling and what they may do in the shop. UNAUTHENTICATED without credentials.' })
  async caller(@Ctx() ctx: AccountsContext): Promise<Caller> {
    const shop = await ctx.shop();
    const viewer = await ctx.viewer();
    const may = (permission: Parameters<typeof shop.access.permissions.has>[0]) => shop.access.permissions.has(permission);
    let person: Person | null = null;
    if (viewer.kind === 'person') {
      const [row]: Person[] = await onPrimary(ctx.dataSource, `SELECT id, name, email FROM app_user WHERE id = $1`, [viewer.userId]);
      person = row ?? null;
    }
    return {
      kind: viewer.kind === 'person' ? 'PERSON' : viewer.kind === 'sharedLink' ? 'SHARED_LINK' : 'API_KEY',
      person,
      role: viewer.kind === 'person' && viewer.role ? shopRoleOf(viewer.role) : null,
      scope: viewer.kind === 'apiKey' ? viewer.scope : null,
      canImport: may('import'),
      canChangeSettings: may('settings'),
      canManage: may('team'),
      canSeeCustomers: may('customers'),
    };
  }

  @Query(() => ServerInfo, { description: 'About this server, for the sign-in pages. Needs no credentials.' })
  async serverInfo(@Ctx() ctx: AccountsContext): Promise<ServerInfo> {
    return { mailConfigured: ctx.accounts.mailConfigured, setupNeeded: await setupNeeded(ctx.dataSource) };
  }
}
