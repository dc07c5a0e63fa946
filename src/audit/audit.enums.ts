/** What an audit event records; stored lowercase in `audit_events.action`. */
export enum AuditAction {
  EXPORT_REQUESTED = 'export_requested',
  EXPORT_SUCCEEDED = 'export_succeeded',
  EXPORT_FAILED = 'export_failed',
  EXPORT_CANCELLED = 'export_cancelled',
  EXPORT_DOWNLOADED = 'export_downloaded',
  REPORT_PULLED = 'report_pulled',
  API_KEY_CREATED = 'api_key_created',
  API_KEY_REVOKED = 'api_key_revoked',
  INGEST_BATCH_RECEIVED = 'ingest_batch_received',
  CONNECTOR_CREATED = 'connector_created',
  CONNECTOR_TOKEN_ROTATED = 'connector_token_rotated',
  CONNECTOR_DELETED = 'connector_deleted',
  CONNECTOR_DELIVERY_REFUSED = 'connector_delivery_refused',
}
