import { DOMAIN_TABLES } from '../../src/ingest/domain-tables';

/** Every table that holds one account's rows: forced Row Level Security on each, checked by the migration and isolation tests. */
export const TENANT_TABLES = [
  'accounts',
  'api_keys',
  ...DOMAIN_TABLES,
  'export_jobs',
  'audit_events',
  'account_secrets',
  'ingest_events',
  'ingest_rejections',
  'ingest_event_states',
  'ingest_apply_rounds',
  'ingest_received_counts',
  'export_schedules',
  'export_deliveries',
  'connectors',
  'connector_deliveries',
  'connector_refusals',
  'report_id_floors',
  'message_buckets',
  'conversation_firsts',
  'lock_sessions',
  'human_replies',
  'message_counts',
];
