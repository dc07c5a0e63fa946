/**
 * Every name the catalog generates comes from here, so the GraphQL types, the query fields, the
 * ReportKey enum and the export files can never drift apart.
 */

function words(key: string): string[] {
  return key.split('_').filter(Boolean);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `chat_conversations_by_hour` → `ChatConversationsByHour`. */
export function pascalCase(key: string): string {
  return words(key).map(capitalize).join('');
}

/** `chat_conversations_by_hour` → `chatConversationsByHour`. */
export function camelCase(key: string): string {
  const pascal = pascalCase(key);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The query field of a report: `chatConversationsByHourReport`. */
export function reportQueryField(key: string): string {
  return `${camelCase(key)}Report`;
}

/** The GraphQL object type of one report row: `ChatConversationsByHourReportRow`. */
export function reportRowType(key: string): string {
  return `${pascalCase(key)}ReportRow`;
}

/**
 * The stem of a report's connection types; the shared connection factory appends `Connection` and
 * `Edge`: `ChatConversationsByHourReportConnection`, `ChatConversationsByHourReportEdge`.
 */
export function reportConnectionStem(key: string): string {
  return `${pascalCase(key)}Report`;
}

/** The `ReportKey` enum value of a report: `CHAT_CONVERSATIONS_BY_HOUR`. */
export function reportEnumValue(key: string): string {
  return key.toUpperCase();
}

/** The range ends of a file name: local date-times in the filter zone, as `to_char(…, 'YYYY-MM-DD"T"HH24MI')` writes them. */
function fileNameInstant(local: string): string {
  return local.endsWith('T0000') ? local.slice(0, -'T0000'.length) : local;
}

/**
 * The name a downloaded export carries: `<report>_<from>_<to>_<zone>.csv[.gz]`, the range ends as
 * local days (or day and hhmm when they are not midnight) in the filter's zone, e.g.
 * `messages_2026-03-10_2026-03-11_America-Sao_Paulo.csv`. Zones keep only characters that are
 * safe in every file system.
 */
export function exportFileName(reportKey: string, localFrom: string, localTo: string, timeZone: string, gzip: boolean): string {
  const zone = timeZone.replace(/\//g, '-').replace(/[^A-Za-z0-9_+-]/g, '');
  return `${reportKey}_${fileNameInstant(localFrom)}_${fileNameInstant(localTo)}_${zone}.csv${gzip ? '.gz' : ''}`;
}

/** Where a finished export is stored, relative to the export directory: one directory per account. */
export function exportStoragePath(accountId: string, exportId: string, gzip: boolean): string {
  return `${accountId}/${exportId}.csv${gzip ? '.gz' : ''}`;
}

/** The partial file one attempt writes next to the final one; the attempt number keeps attempts apart. */
export function exportTempFileName(exportId: string, attempt: number): string {
  return `${exportId}.${attempt}.part`;
}

const TEMP_FILE = /^([0-9a-f-]{36})\.([0-9]+)\.part$/;

/** The export id and attempt of a partial file name, or null for any other file. */
export function parseExportTempFileName(name: string): { exportId: string; attempt: number } | null {
  const match = TEMP_FILE.exec(name);
  return match ? { exportId: match[1], attempt: Number(match[2]) } : null;
}
