import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { catalog } from '../catalog';
import { Localized } from '../catalog/types';
import { Locale } from '../entities/enums/account.enums';
import { CodedError, forbidden } from '../errors';
import { ResolvedFilter, compileCopy, compileJsonCopy } from '../reports/compiler';
import { ReportFilter, resolveReportFilter } from '../reports/filter';
import { storeFilter } from '../reports/stored-filter';
import { csvLine } from './csv-file';
import { CsvDelimiter, DELIMITER_CHARACTERS } from './export.enums';
import { ExportCaller, checkColumns } from './export-requests';

export type PullFormat = 'csv' | 'ndjson';

/** What a pull asks for: an export's report, filter and CSV options, read at once instead of into a file. */
export interface PullRequest {
  report: string;
  format: PullFormat;
  filter: ReportFilter;
  columns?: string[] | null;
  locale?: Locale | null;
  delimiter: CsvDelimiter;
  bom: boolean;
}

export interface PullLimits {
  /** The longest range a pull may read (PULL_MAX_RANGE_DAYS). */
  maxRangeDays: number;
  /** The longest range any report filter may span (REPORT_MAX_RANGE_DAYS). */
  maxReportRangeDays: number;
}

/** A validated, audited pull: the COPY to run (with TimeZone set to `filter.timeZone`) and what goes before its rows. */
export interface PreparedPull {
  report: string;
  format: PullFormat;
  filter: ResolvedFilter;
  copy: string;
  /** BOM and header line for CSV; nothing for NDJSON. */
  prefix: Buffer;
  contentType: string;
}

/** The roles that read reports; a role added later (an ingest-only key) reads nothing until it is listed here. */
const READING_ROLES: ReadonlySet<string> = new Set(['admin', 'analyst']);

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A pull takes its filter as top-level query parameters, so an error names `from`, not
 * `filter.from`: the filter's own checks are run under a prefix and it is taken off.
 */
const FILTER_PREFIX = 'filter.';

function asParameter(error: unknown): unknown {
  if (!(error instanceof CodedError) || typeof error.details.field !== 'string' || !error.details.field.startsWith(FILTER_PREFIX))
    return error;
  const message = error.message.split(FILTER_PREFIX).join('');
  return new CodedError(error.code, message, { ...error.details, field: error.details.field.slice(FILTER_PREFIX.length) });
}

function localeKey(locale: Locale): keyof Localized {
  return locale === Locale.PT_BR ? 'ptBR' : 'en';
}

/**
 * Validates a pull exactly as an export of the same request is validated (report, columns,
 * filter), refuses a range longer than a pull may read with a pointer to `exportReport`, and
 * records the read in the audit trail, in the caller's transaction, before any row is read.
 */
export async function preparePull(caller: ExportCaller, input: PullRequest, limits: PullLimits): Promise<PreparedPull> {
  if (!READING_ROLES.has(caller.key.role)) throw forbidden('This API key cannot read reports.');
  const report = catalog.find((r) => r.key === input.report);
  if (!report)
    throw new CodedError('NOT_FOUND', `Unknown report ${input.report}; reportCatalog lists the report keys.`, { field: 'report' });
  const columns = checkColumns(report, input.columns, 'columns');
  const filter = await resolveReportFilter(caller.manager, report, input.filter, {
    maxRangeDays: limits.maxReportRangeDays,
    fieldPrefix: FILTER_PREFIX.slice(0, -1),
  }).catch((error: unknown) => {
    throw asParameter(error);
  });
  const days = (filter.to.getTime() - filter.from.getTime()) / 86_400_000;
  if (days > limits.maxRangeDays) {
    throw new CodedError(
      'BAD_USER_INPUT',
      `The range spans ${Math.ceil(days)} days; a pull reads at most ${limits.maxRangeDays}. Export longer ranges as a file with the exportReport mutation.`,
      { field: 'to', reason: 'RANGE_TOO_LONG_FOR_PULL', maxRangeDays: limits.maxRangeDays, use: 'exportReport' },
    );
  }
  const [account] = await caller.manager.query('SELECT locale FROM accounts');
  const locale = localeKey(input.locale ?? (account.locale as Locale));
  const delimiter = DELIMITER_CHARACTERS[input.delimiter];
  await recordAuditEvent(caller.manager, {
    action: AuditAction.REPORT_PULLED,
    keyId: caller.key.id,
    report: report.key,
    filter: storeFilter(filter),
    clientIp: caller.clientIp,
  });
  if (input.format === 'ndjson') {
    return {
      report: report.key,
      format: 'ndjson',
      filter,
      copy: compileJsonCopy(report, filter, columns),
      prefix: Buffer.alloc(0),
      contentType: 'application/x-ndjson; charset=utf-8',
    };
  }
  const headers = columns.map((field) => report.columns.find((c) => c.field === field)?.header[locale] ?? field);
  return {
    report: report.key,
    format: 'csv',
    filter,
    copy: compileCopy(report, filter, { fields: columns, locale, delimiter }),
    prefix: Buffer.concat([input.bom ? BOM : Buffer.alloc(0), Buffer.from(csvLine(headers, delimiter), 'utf8')]),
    contentType: 'text/csv; charset=utf-8',
  };
}
