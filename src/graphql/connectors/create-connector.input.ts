import { Field, InputType, Int } from 'type-graphql';
import { ConnectorKind } from './connector-kind.enum';

@InputType('CreateConnectorInput', { description: 'The connector to create.' })
export class CreateConnectorInput {
  @Field(() => ConnectorKind, { description: 'The platform.' })
  kind!: ConnectorKind;

  @Field(() => String, { description: 'A name that says which installation or account it is (1 to 100 characters).' })
  name!: string;

  @Field(() => Int, { description: 'The Chatwoot account id (the number in its dashboard URLs, `/app/accounts/<id>/…`).' })
  chatwootAccountId!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The webhook’s secret from Chatwoot (v4.11.2 and later sign deliveries). When set, unsigned, wrongly signed or stale deliveries are refused (401).',
  })
  signingSecret?: string | null;
}
