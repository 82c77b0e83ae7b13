import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';

@ObjectType({ description: "The state of a shop's TikTok Shop connection." })
export class TikTokIntegration {
  @Field(() => Boolean, { description: 'Whether TikTok is connected. While it is not, `tiktokInsights` is null; no data is deleted.' })
  connected!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When TikTok was last connected.' })
  connectedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When TikTok was last disconnected; null if never.' })
  disconnectedAt!: Date | null;
}
