import { registerEnumType } from 'type-graphql';
import { AuditAction } from '../../audit/audit.enums';

/** How the schema names and describes the audit actions; the audit module keeps only their values. */
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description:
    'A recorded action on personal data in bulk or on who may read it: exports, their downloads, report pulls, API keys created and revoked, batches of events received.',
  valuesConfig: {
    EXPORT_REQUESTED: { description: 'An API key asked for an export (`exportReport`); `clientIp` is the caller address.' },
    EXPORT_SUCCEEDED: { description: 'An export file was written; `rowCount` is the number of rows in it.' },
    EXPORT_FAILED: { description: 'An export failed and produced no file.' },
    EXPORT_CANCELLED: { description: 'An export was cancelled (`cancelExport`); `clientIp` is the caller address.' },
    EXPORT_DOWNLOADED: { description: 'An export file was downloaded; `clientIp` is the downloader address.' },
    REPORT_PULLED: {
      description:
        'A report was read through the pull endpoint (`GET /reports/<key>.csv` or `.ndjson`): `report` and `filter` say what, `clientIp` who; no export is involved.',
    },
    API_KEY_CREATED: {
      description:
        'An API key was created: `subjectKeyId` is the new key; `keyId` the admin key that created it (null when created from the command line).',
    },
    API_KEY_REVOKED: {
      description:
        'An API key was revoked: `subjectKeyId` is that key; `keyId` the admin key that revoked it (null from the command line).',
    },
    INGEST_BATCH_RECEIVED: {
      description:
        'An ingest key sent a batch of events that was stored: `rowCount` is the number of events accepted; `keyId` the ingest key; `clientIp` the sender address.',
    },
    SCHEDULE_CREATED: { description: 'An admin key created a scheduled export (`createExportSchedule`); `scheduleId` names it.' },
    SCHEDULE_UPDATED: { description: 'An admin key changed a scheduled export (`updateExportSchedule`).' },
    SCHEDULE_PAUSED: { description: 'An admin key paused a scheduled export (`pauseExportSchedule` with `paused: true`).' },
    SCHEDULE_RESUMED: { description: 'An admin key resumed a paused scheduled export (`pauseExportSchedule` with `paused: false`).' },
    SCHEDULE_DELETED: { description: 'An admin key deleted a scheduled export (`deleteExportSchedule`); its past runs stay listed.' },
    SCHEDULE_RUN_REQUESTED: {
      description: 'An admin key ran a scheduled export at once (`runExportScheduleNow`); `exportId` is the export the run made.',
    },
    CONNECTOR_CREATED: {
      description: 'A connector was created: `connectorId` is the new connector; `keyId` the admin key (null from the command line).',
    },
    CONNECTOR_TOKEN_ROTATED: { description: 'A connector got a new webhook token; the old URL stopped working.' },
    CONNECTOR_DELETED: { description: 'A connector was deleted; its webhook URL stopped working, what it brought in stays.' },
    CONNECTOR_DELIVERY_REFUSED: {
      description: 'A webhook delivery to a connector was refused (bad or missing signature, stale timestamp); nothing of it was stored.',
    },
  },
});
