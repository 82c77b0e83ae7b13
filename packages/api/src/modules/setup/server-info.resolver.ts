import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { AccountsContext } from '../auth/accounts.types.js';
import { setupNeeded } from './first-run.js';

@ObjectType({ description: 'About this server, for the sign-in pages.' })
export class ServerInfo {
  @Field(() => Boolean, { description: 'Whether mail is sent (invitations, password resets); without it, links are shown to copy.' })
  mailConfigured!: boolean;

  @Field(() => Boolean, { description: 'Whether the first-run setup still waits for its owner.' })
  setupNeeded!: boolean;
}

@Resolver()
export class ServerInfoResolver {
  @Query(() => ServerInfo, { description: 'About this server, for the sign-in pages. Needs no credentials.' })
  async serverInfo(@Ctx() ctx: AccountsContext): Promise<ServerInfo> {
    return { mailConfigured: ctx.accounts.mailConfigured, setupNeeded: await setupNeeded(ctx.dataSource) };
  }
}
