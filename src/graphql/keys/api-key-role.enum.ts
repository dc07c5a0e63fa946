import { registerEnumType } from 'type-graphql';

export enum ApiKeyRole {
  ADMIN = 'admin',
  ANALYST = 'analyst',
  INGEST = 'ingest',
}

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What an API key may do within its account.',
  valuesConfig: {
    ADMIN: { description: 'Everything an analyst may, plus managing the account’s API keys.' },
    ANALYST: { description: 'Query every entity and report of the account.' },
    INGEST: { description: 'Write-only: sends events to `POST /ingest/v1/events`; it can neither query nor export (FORBIDDEN).' },
  },
});
