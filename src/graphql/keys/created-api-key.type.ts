import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.type';

@ObjectType('CreatedApiKey', { description: 'A new API key together with its secret, which is not shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The new key.' })
  apiKey!: ApiKey;

  @Field(() => String, { description: 'The secret to send as `Authorization: Bearer <secret>`. Only its hash is stored: copy it now.' })
  secret!: string;
}
