import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { ApiKeyScopeEnum } from '../auth/accounts.types.js';

@ObjectType({ description: "An API key of the shop, for integrators' scripts: shown in full once, then only by its prefix." })
export class ApiKey {
  @Field(() => ID, { description: "The key's id." })
  id!: string;

  @Field(() => String, { description: 'What the key is for.' })
  name!: string;

  @Field(() => ApiKeyScopeEnum, { description: 'What it may do.' })
  scope!: keyof typeof ApiKeyScopeEnum;

  @Field(() => String, { description: 'Its first characters, to tell keys apart (`tti_…` for a key issued before prefixes were kept).' })
  prefix!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last used (to the minute); null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who created it; null for keys made by scripts or whose creator left.' })
  createdBy!: string | null;
}

@ObjectType({ description: 'A new API key: the key itself is shown this once.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as listed from now on.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The key, to send as `Authorization: Bearer <key>`. Not shown again.' })
  key!: string;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field(() => String, { description: 'What it is for (1 to 200 characters).' })
  name!: string;

  @Field(() => ApiKeyScopeEnum, { description: 'READ, or IMPORT to also import orders.' })
  scope!: keyof typeof ApiKeyScopeEnum;
}
