import { Field, InputType } from 'type-graphql';
import { ApiKeyRole } from './api-key-role.enum';

@InputType('CreateApiKeyInput', { description: 'The key to create.' })
export class CreateApiKeyInput {
  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field(() => String, { description: 'A name that says who or what uses the key (1 to 100 characters).' })
  name!: string;

  @Field(() => Boolean, { defaultValue: false, description: 'True for a key that may only read (no exports, no key management).' })
  readOnly!: boolean;
}
