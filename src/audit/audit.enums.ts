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
  SCHEDULE_CREATED = 'schedule_created',
  SCHEDULE_UPDATED = 'schedule_updated',
  SCHEDULE_PAUSED = 'schedule_paused',
  SCHEDULE_RESUMED = 'schedule_resumed',
  SCHEDULE_DELETED = 'schedule_deleted',
  SCHEDULE_RUN_REQUESTED = 'schedule_run_requested',
}
