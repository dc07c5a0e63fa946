import { registerEnumType } from 'type-graphql';

/** What an audit event records; stored lowercase in `audit_events.action`. */
export enum AuditAction {
  EXPORT_REQUESTED = 'export_requested',
  EXPORT_SUCCEEDED = 'export_succeeded',
  EXPORT_FAILED = 'export_failed',
  EXPORT_CANCELLED = 'export_cancelled',
  EXPORT_DOWNLOADED = 'export_downloaded',
}

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'A recorded action on personal data in bulk: exports and their downloads.',
  valuesConfig: {
    EXPORT_REQUESTED: { description: 'An API key asked for an export (`exportReport`); `clientIp` is the caller address.' },
    EXPORT_SUCCEEDED: { description: 'An export file was written; `rowCount` is the number of rows in it.' },
    EXPORT_FAILED: { description: 'An export failed and produced no file.' },
    EXPORT_CANCELLED: { description: 'An export was cancelled (`cancelExport`); `clientIp` is the caller address.' },
    EXPORT_DOWNLOADED: { description: 'An export file was downloaded; `clientIp` is the downloader address.' },
  },
});
