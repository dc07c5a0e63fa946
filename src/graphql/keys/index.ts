import { ApiKeyResolver } from './api-key.resolver';

export const keyResolvers: Function[] = [ApiKeyResolver];
