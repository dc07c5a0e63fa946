import { Field, ID, ObjectType } from 'type-graphql';
import { ApiKeyRole } from './api-key-role.enum';

@ObjectType('ApiKey', { description: 'An API key of the account. The secret itself is shown only once, when the key is created.' })
export class ApiKey {
  @Field(() => ID, { description: 'Identifier of the key (what `revokeApiKey` takes).' })
  id!: string;

  @Field(() => String, { description: 'Name given to the key, e.g. the tool or person that uses it.' })
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field(() => Boolean, { description: 'True when the key may only read: it cannot start exports or manage keys.' })
  readOnly!: boolean;

  @Field(() => String, { description: 'The first characters of the secret, to tell keys apart without revealing them.' })
  prefix!: string;

  @Field(() => Date, { description: 'When the key was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was last used, to the minute; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while it is active.' })
  revokedAt!: Date | null;
}
