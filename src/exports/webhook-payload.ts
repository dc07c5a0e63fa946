import { reportEnumValue } from '../catalog/naming';
import { Locale } from '../entities/enums/account.enums';
import { ChannelType } from '../entities/enums/inbox.enums';
import { ExportJobRecord } from './export-job';
import { CsvDelimiter, ExportErrorCode, ExportStatus } from './export.enums';

/** The schema's name (`WHATSAPP`) of a stored enum value (`whatsapp`), as clients see it. */
function enumName(enumType: Record<string, string>, value: string): string {
  return Object.keys(enumType).find((name) => enumType[name] === value) ?? value;
}

/**
 * The body of an export notification: the export as the `ExportJob` type of the schema shows it
 * (its field names, enum names, ISO instants), so a client parses one shape wherever it reads it.
 * `test/exports/export-api.test.ts` checks it against the same export read over GraphQL.
 */
export function exportWebhookPayload(job: ExportJobRecord, downloadUrl: string | null): Record<string, unknown> {
  return {
    id: job.id,
    report: reportEnumValue(job.report),
    status: enumName(ExportStatus, job.status),
    progress: job.progress,
    rowCount: job.rowCount,
    byteSize: job.byteSize,
    sha256: job.sha256,
    fileName: job.fileName,
    downloadUrl,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    expiresAt: job.expiresAt,
    requestedBy: { keyId: job.requestedByKeyId, name: job.requestedByName },
    filter: { ...job.filter, channelTypes: job.filter.channelTypes?.map((value) => enumName(ChannelType, value)) ?? null },
    columns: job.columns,
    options: { locale: enumName(Locale, job.locale), delimiter: enumName(CsvDelimiter, job.delimiter), bom: job.bom, gzip: job.gzip },
    idempotencyKey: job.idempotencyKey,
    attempts: job.attempt,
    error: job.errorCode ? { code: enumName(ExportErrorCode, job.errorCode), message: job.errorMessage ?? '' } : null,
  };
}
