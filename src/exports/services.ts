import { AuthenticatedKey } from '../auth/api-keys';
import { Config, ExportConfig, ScheduleConfig } from '../config';
import { downloadUrl, signDownloadToken } from './download-token';
import { ExportJobRecord } from './export-job';
import { ExportStatus } from './export.enums';
import { loadTokenSecret } from './token-secret';

/** What export resolvers, the download route and workers share: the settings and the link key. Each process makes one and passes it on. */
export interface ExportServices {
  config: ExportConfig;
  tokenSecret: string;
  maxReportRangeDays: number;
  /** Settings of scheduled exports, which make their runs through the same requests. */
  schedules: ScheduleConfig;
}

export function createExportServices(config: Config): ExportServices {
  return {
    config: config.exports,
    tokenSecret: loadTokenSecret(config),
    maxReportRangeDays: config.reportMaxRangeDays,
    schedules: config.schedules,
  };
}

/** Admins see every export of their account; analysts only those their own key requested. */
export function canSeeExport(key: Pick<AuthenticatedKey, 'id' | 'role'>, job: Pick<ExportJobRecord, 'requestedByKeyId'>): boolean {
  return key.role === 'admin' || job.requestedByKeyId === key.id;
}

/** A fresh link bound to the export, its account and the key that asks; none for read-only keys or unfinished files. */
export function downloadLinkFor(services: ExportServices, key: AuthenticatedKey, job: ExportJobRecord, now = Date.now()): string | null {
  if (key.readOnly || job.status !== ExportStatus.SUCCEEDED || (job.expiresAt && job.expiresAt.getTime() <= now)) return null;
  const token = signDownloadToken(
    services.tokenSecret,
    { exportId: job.id, accountId: job.accountId, keyId: key.id },
    services.config.tokenTtlSeconds,
    now,
  );
  return downloadUrl(services.config.publicUrl, job.id, token);
}
