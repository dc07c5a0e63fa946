import { ConnectorResolver } from './connector.resolver';

export const connectorResolvers: Function[] = [ConnectorResolver];
