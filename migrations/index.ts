import { DomainModel1763700000000 } from './1763700000000-domain-model';
import { ExportJobs1763800000000 } from './1763800000000-export-jobs';
import { KeyManagement1763900000000 } from './1763900000000-key-management';
import { KeyAudit1764000000000 } from './1764000000000-key-audit';
import { Ingestion1764100000000 } from './1764100000000-ingestion';
import { ReportPullAudit1764250000000 } from './1764250000000-report-pull-audit';
import { Connectors1764302000000 } from './1764302000000-connectors';
import { ReportIdFloors1764303000000 } from './1764303000000-report-id-floors';
import { ExternalIdentity1765300000000 } from './1765300000000-external-identity';
import { ExportSchedules1769300000000 } from './1769300000000-export-schedules';
import { IngestEventStates1770100000000 } from './1770100000000-ingest-event-states';
import { IngestStateAccountKey1770110000000 } from './1770110000000-ingest-state-account-key';
import { IngestReceivedCounts1770120000000 } from './1770120000000-ingest-received-counts';
import { IngestLogStatistics1770130000000 } from './1770130000000-ingest-log-statistics';
import { MessageReferenceChecks1770130000001 } from './1770130000001-message-reference-checks';
import { IngestAccountChecks1770140000000 } from './1770140000000-ingest-account-checks';
import { MessageConversationCheck1770140000001 } from './1770140000001-message-conversation-check';
import { ReportRangeIndexes1770200000000 } from './1770200000000-report-range-indexes';
import { MessageBuckets1770210000000 } from './1770210000000-message-buckets';
import { ConversationFirsts1770230000000 } from './1770230000000-conversation-firsts';
import { LockSessions1770300000000 } from './1770300000000-lock-sessions';
import { MessageCounts1770310000000 } from './1770310000000-message-counts';
import { MessageReferenceLookups1770320000000 } from './1770320000000-message-reference-lookups';
import { HumanReplies1770330000000 } from './1770330000000-human-replies';
import { ConnectorSealedSecrets1770400000000 } from './1770400000000-connector-sealed-secrets';
import { InboxAddress1770410000000 } from './1770410000000-inbox-address';
import { ConnectorRefusals1770410000001 } from './1770410000001-connector-refusals';
import { ActivityRangeIndexes1770420000000 } from './1770420000000-activity-range-indexes';

/** Every migration in order; listed explicitly so that tsx, ts-jest and tsc load the same set. */
export const migrations = [
  DomainModel1763700000000,
  ExportJobs1763800000000,
  KeyManagement1763900000000,
  KeyAudit1764000000000,
  Ingestion1764100000000,
  ReportPullAudit1764250000000,
  Connectors1764302000000,
  ReportIdFloors1764303000000,
  ExternalIdentity1765300000000,
  ExportSchedules1769300000000,
  IngestEventStates1770100000000,
  IngestStateAccountKey1770110000000,
  IngestReceivedCounts1770120000000,
  IngestLogStatistics1770130000000,
  MessageReferenceChecks1770130000001,
  IngestAccountChecks1770140000000,
  MessageConversationCheck1770140000001,
  ReportRangeIndexes1770200000000,
  MessageBuckets1770210000000,
  ConversationFirsts1770230000000,
  LockSessions1770300000000,
  MessageCounts1770310000000,
  MessageReferenceLookups1770320000000,
  HumanReplies1770330000000,
  ConnectorSealedSecrets1770400000000,
  InboxAddress1770410000000,
  ConnectorRefusals1770410000001,
  ActivityRangeIndexes1770420000000,
];
