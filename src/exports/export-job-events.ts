/**
 * Every change of an export's status or progress is announced on this channel by the statement
 * that makes it, so the announcement is delivered exactly when (and only if) the change commits,
 * whichever process made it. The payload is `<account id>:<export id>` and nothing else: listeners
 * re-read the export under the subscriber's own account, so no data travels through the channel.
 */
export const EXPORT_JOB_CHANNEL = 'export_job_updated';

/** A lateral join that announces each row of `alias` (a row of `export_jobs`); it adds no columns. */
export function announce(alias: string): string {
  return `CROSS JOIN LATERAL (SELECT pg_notify('${EXPORT_JOB_CHANNEL}', ${alias}.account_id::text || ':' || ${alias}.id::text)) AS announced`;
}

export interface ExportJobChange {
  accountId: string;
  exportId: string;
}

const PAYLOAD = /^(\d+):([0-9a-f-]{36})$/;

export function parseExportJobChange(payload: string | undefined): ExportJobChange | null {
  const match = PAYLOAD.exec(payload ?? '');
  return match ? { accountId: match[1], exportId: match[2] } : null;
}
