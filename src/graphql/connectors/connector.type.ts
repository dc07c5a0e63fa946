import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectorKind } from './connector-kind.enum';

@ObjectType('ConnectorDeliveryCount', { description: 'How many webhook deliveries of one event name ended one way.' })
export class ConnectorDeliveryCount {
  @Field(() => String, {
    nullable: true,
    description: 'The platform’s event name, e.g. `message_created`; null when the delivery was refused before it was read.',
  })
  event!: string | null;

  @Field(() => String, {
    description:
      '`stored` (its events are in the ingestion log), `acknowledged` (answered, nothing to store: typing, widget, inbox events), `bad_signature`, `stale` or `malformed`; or a 429 refusal for load, with a null event: `rate_limit`, `in_flight_per_connector` or `in_flight_per_account` (counted in memory and written every 5 s).',
  })
  outcome!: string;

  @Field(() => Int, { description: 'Number of such deliveries; a repeated one is counted once.' })
  count!: number;
}

@ObjectType('Connector', { description: 'A platform account whose data flows into this account: by webhooks and by an import.' })
export class ConnectorObject {
  @Field(() => ID, { description: 'Identifier of the connector (what `rotateConnectorToken`, `deleteConnector` and the import take).' })
  id!: string;

  @Field(() => ConnectorKind, { description: 'The platform.' })
  kind!: ConnectorKind;

  @Field(() => String, { description: 'Name given to the connector.' })
  name!: string;

  @Field(() => ID, { description: 'The platform’s own account id (Chatwoot’s `accounts.id`), the one account the import reads.' })
  chatwootAccountId!: string;

  @Field(() => String, { description: 'The first characters of the webhook URL’s token, to tell connectors apart.' })
  tokenPrefix!: string;

  @Field(() => Boolean, { description: 'Whether deliveries must be signed (X-Chatwoot-Signature) with the secret given at creation.' })
  signed!: boolean;

  @Field(() => Date, { description: 'When the connector was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the token was last rotated; null if never.' })
  tokenRotatedAt!: Date | null;

  @Field(() => [ConnectorDeliveryCount], { description: 'Webhook deliveries received so far, by event name and outcome.' })
  deliveries!: ConnectorDeliveryCount[];
}

@ObjectType('ConnectorWithUrl', { description: 'A connector with its webhook URL, which carries its secret token and is shown only here.' })
export class ConnectorWithUrl {
  @Field(() => ConnectorObject, { description: 'The connector.' })
  connector!: ConnectorObject;

  @Field(() => String, {
    description:
      'The URL to paste in Chatwoot (Settings → Integrations → Webhooks). It carries the token, of which only a hash is stored: copy it now. Relative when PUBLIC_URL is unset.',
  })
  webhookUrl!: string;
}
