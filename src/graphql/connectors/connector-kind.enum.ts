import { registerEnumType } from 'type-graphql';

export enum ConnectorKind {
  CHATWOOT = 'chatwoot',
}

registerEnumType(ConnectorKind, {
  name: 'ConnectorKind',
  description: 'The platform a connector brings data from.',
  valuesConfig: {
    CHATWOOT: { description: 'Chatwoot: live account webhooks plus an import from its database (`npm run cli -- chatwoot import`).' },
  },
});
