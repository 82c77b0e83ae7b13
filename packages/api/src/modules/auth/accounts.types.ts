import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../platform/graphql/context.js';
import type { SharedLinkSecrets } from './shared-link-bearer.js';
import type { Viewer } from './viewer.js';

export const ShopRoleEnum = { OWNER: 'OWNER', ADMIN: 'ADMIN', VIEWER: 'VIEWER' } as const;
registerEnumType(ShopRoleEnum, {
  name: 'ShopRole',
  description: "A person's role in a shop.",
  valuesConfig: {
    OWNER: { description: 'Everything, including owners and deleting the shop.' },
    ADMIN: { description: 'Everything but owners and deletion: imports, the TikTok connection, keys, members, shared links, settings.' },
    VIEWER: { description: 'Dashboards and their exports; nothing else.' },
  },
});

export const ApiKeyScopeEnum = { READ: 'READ', IMPORT: 'IMPORT' } as const;
registerEnumType(ApiKeyScopeEnum, {
  name: 'ApiKeyScope',
  description: 'What an API key may do.',
  valuesConfig: {
    READ: { description: 'Every query and export.' },
    IMPORT: { description: "Also `importOrders`, order file uploads (`/api/imports`), the shop's settings and its TikTok connection." },
  },
});

export const CallerKindEnum = { PERSON: 'PERSON', API_KEY: 'API_KEY', SHARED_LINK: 'SHARED_LINK' } as const;
registerEnumType(CallerKindEnum, {
  name: 'CallerKind',
  description: 'How the caller is signed in.',
  valuesConfig: {
    PERSON: { description: 'A person signed in with email and password (the session cookie).' },
    API_KEY: { description: 'An API key of the shop (`Authorization: Bearer <key>`).' },
    SHARED_LINK: { description: "A visitor of a shared link: the dashboard read-only, without customers' names and addresses." },
  },
});

@ObjectType({ description: 'A person with an account.' })
export class Person {
  @Field(() => ID, { description: "The person's id." })
  id!: string;

  @Field(() => String, { description: "The person's name." })
  name!: string;

  @Field(() => String, { description: "The person's email address (their sign-in)." })
  email!: string;
}

@ObjectType({ description: 'Who is calling, and what they may do in the shop.' })
export class Caller {
  @Field(() => CallerKindEnum, { description: 'A signed-in person, an API key or a shared link.' })
  kind!: keyof typeof CallerKindEnum;

  @Field(() => Person, { nullable: true, description: 'The signed-in person (kind PERSON).' })
  person!: Person | null;

  @Field(() => ShopRoleEnum, { nullable: true, description: "The person's role in the shop (kind PERSON)." })
  role!: keyof typeof ShopRoleEnum | null;

  @Field(() => ApiKeyScopeEnum, { nullable: true, description: "The API key's scope (kind API_KEY)." })
  scope!: keyof typeof ApiKeyScopeEnum | null;

  @Field(() => Boolean, { description: 'May import orders (files or `importOrders`).' })
  canImport!: boolean;

  @Field(() => Boolean, { description: "May change the shop's settings and TikTok connection." })
  canChangeSettings!: boolean;

  @Field(() => Boolean, { description: 'May manage members, invitations, API keys and shared links.' })
  canManage!: boolean;

  @Field(() => Boolean, { description: "May see customers' names and addresses (the marketing and crossover lists and their exports)." })
  canSeeCustomers!: boolean;
}

/** What the accounts' resolvers need beyond a shop's scope; the app builds it once. */
export interface AccountServices {
  /** The address people open: shared links' URLs start with it. */
  baseUrl: string;
  mailConfigured: boolean;
  sharedLinkSecrets: SharedLinkSecrets;
}

/** The request context as the app builds it (app/graphql/request-context.ts), with the caller itself. */
export interface AccountsContext extends RequestContext {
  viewer(): Promise<Viewer>;
  accounts: AccountServices;
}
