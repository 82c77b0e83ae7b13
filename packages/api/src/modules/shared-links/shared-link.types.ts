import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';

@ObjectType({ description: "A read-only link to the shop's dashboard, without customers' names and addresses." })
export class SharedLink {
  @Field(() => ID, { description: "The link's id." })
  id!: string;

  @Field(() => String, { description: 'Who it is for, e.g. "Accountant".' })
  name!: string;

  @Field(() => String, { description: "The first characters of the link's token, to tell links apart." })
  prefix!: string;

  @Field(() => Boolean, { description: 'Whether visitors must give a password.' })
  hasPassword!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working; null: until revoked.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a visitor last used it (to the minute); null if never.' })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A new shared link: its URL is shown this once.' })
export class CreatedSharedLink {
  @Field(() => SharedLink, { description: 'The link as listed from now on.' })
  sharedLink!: SharedLink;

  @Field(() => String, { description: 'The address to give to visitors. Not shown again.' })
  url!: string;
}

@InputType({ description: 'A new shared link.' })
export class CreateSharedLinkInput {
  @Field(() => String, { description: 'Who it is for (1 to 200 characters).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'A password visitors must give (8 to 128 characters); none when left out.' })
  password?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working; never when left out.' })
  expiresAt?: Date | null;
}
