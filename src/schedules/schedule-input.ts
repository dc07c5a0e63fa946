import net from 'node:net';
import { EntityManager } from 'typeorm';
import { utils as sshUtils } from 'ssh2';
import { catalog } from '../catalog';
import { ReportDefinition } from '../catalog/types';
import { Locale } from '../entities/enums/account.enums';
import { ChannelType } from '../entities/enums/inbox.enums';
import { badUserInput } from '../errors';
import { checkColumns } from '../exports/export-requests';
import { CsvDelimiter } from '../exports/export.enums';
import { ExportServices } from '../exports/services';
import { checkWebhookUrl, isPublicAddress } from '../exports/webhook-address';
import { resolveReportFilter } from '../reports/filter';
import { isKnownTimeZone } from '../reports/time-zones';
import { checkCron } from './cron';
import { checkFileNamePattern } from './file-name';
import { ScheduleFields } from './schedule.store';
import { SftpSecret } from './secrets';
import { ScheduleWindow, windowRange } from './windows';

/** An SFTP destination as a client gives it; the password or key is only ever written, never read back. */
export interface SftpInput {
  host: string;
  port?: number | null;
  username: string;
  privateKey?: string | null;
  passphrase?: string | null;
  password?: string | null;
  remoteDirectory?: string | null;
  fileNamePattern?: string | null;
  hostKeyFingerprint?: string | null;
}

/** What a schedule asks for (see ExportScheduleInput of the schema for each field's meaning). */
export interface ScheduleInput {
  name: string;
  report: string;
  window: ScheduleWindow;
  timeZone?: string | null;
  filter?: {
    inboxIds?: string[] | null;
    channelTypes?: ChannelType[] | null;
    teamIds?: string[] | null;
    agentIds?: string[] | null;
  } | null;
  columns?: string[] | null;
  locale?: Locale | null;
  delimiter: CsvDelimiter;
  bom: boolean;
  gzip: boolean;
  cron: string;
  delivery?: { webhookUrl?: string | null; sftp?: SftpInput | null } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function parseScheduleId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw badUserInput(`\`${field}\` is not a schedule id (a UUID).`, field);
  return id.toLowerCase();
}

function text(value: string, field: string, max: number): string {
  if (value.length === 0 || value.length > max || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    throw badUserInput(`${field.split('.').pop()} must be 1 to ${max} characters long, without control characters.`, field);
  return value;
}

function reportOf(key: string): ReportDefinition {
  const report = catalog.find((r) => r.key === key);
  if (!report) throw badUserInput(`Unknown report ${key}.`, 'input.report');
  return report;
}

function checkHost(host: string, allowPrivate: boolean, field: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(bare) === 0 && !HOST_NAME.test(bare)) throw badUserInput('host must be a host name or an IP address.', field);
  if (net.isIP(bare) !== 0 && !allowPrivate && !isPublicAddress(bare))
    throw badUserInput(`host ${bare} is not a public address (SCHEDULE_SFTP_ALLOW_PRIVATE allows it).`, field);
  return bare;
}

/** The secret the input brings, if any; a private key must parse (with its passphrase). */
function sftpSecret(input: SftpInput, field: string): SftpSecret | null {
  if (input.privateKey && input.password) throw badUserInput('Give either privateKey or password, not both.', field);
  if (input.privateKey) {
    const parsed = sshUtils.parseKey(input.privateKey, input.passphrase ?? undefined);
    if (parsed instanceof Error) throw badUserInput(`privateKey is not a usable private key: ${parsed.message}.`, `${field}.privateKey`);
    return { privateKey: input.privateKey, ...(input.passphrase ? { passphrase: input.passphrase } : {}) };
  }
  if (input.password !== null && input.password !== undefined) return { password: text(input.password, `${field}.password`, 1000) };
  if (input.passphrase) throw badUserInput('passphrase goes with privateKey.', `${field}.passphrase`);
  return null;
}

export interface CheckedSchedule {
  fields: ScheduleFields;
  /** The new SFTP secret; null when the input brings none (an update then keeps the stored one). */
  secret: SftpSecret | null;
}

/**
 * Validates a schedule as a whole, every refusal naming its field under `input.`. The filter is
 * checked by resolving it for a run now, so a schedule that could not run is refused up front.
 */
export async function checkSchedule(manager: EntityManager, services: ExportServices, input: ScheduleInput): Promise<CheckedSchedule> {
  const name = text(input.name, 'input.name', 200);
  const report = reportOf(input.report);
  const columns = checkColumns(report, input.columns);
  const [account] = await manager.query('SELECT time_zone, locale FROM accounts');
  const timeZone = input.timeZone ?? (account?.time_zone as string | undefined) ?? 'UTC';
  if (!(await isKnownTimeZone(manager, timeZone)))
    throw badUserInput(`"${timeZone}" is not a known IANA time zone (e.g. America/Sao_Paulo).`, 'input.timeZone');
  const cron = checkCron(input.cron, timeZone, 'input.cron');
  const window = windowRange(input.window, new Date(), timeZone);
  const resolved = await resolveReportFilter(
    manager,
    report,
    {
      ...(input.filter ?? {}),
      from: { text: window.from.toISOString(), hasOffset: true },
      to: { text: window.to.toISOString(), hasOffset: true },
      timeZone,
    },
    { maxRangeDays: services.maxReportRangeDays, fieldPrefix: 'input.filter' },
  );
  let webhookUrl: string | null = null;
  if (input.delivery?.webhookUrl !== null && input.delivery?.webhookUrl !== undefined) {
    const check = checkWebhookUrl(text(input.delivery.webhookUrl, 'input.delivery.webhookUrl', 2048), services.config.webhookAllowPrivate);
    if (!check.ok) throw badUserInput(`webhookUrl ${check.reason}.`, 'input.delivery.webhookUrl');
    webhookUrl = check.url.toString();
  }
  const sftpInput = input.delivery?.sftp ?? null;
  const field = 'input.delivery.sftp';
  const secret = sftpInput ? sftpSecret(sftpInput, field) : null;
  const port = sftpInput?.port ?? 22;
  if (sftpInput && !(Number.isInteger(port) && port >= 1 && port <= 65535)) throw badUserInput('port must be 1 to 65535.', `${field}.port`);
  if (sftpInput?.hostKeyFingerprint && !FINGERPRINT.test(sftpInput.hostKeyFingerprint))
    throw badUserInput(
      'hostKeyFingerprint must read SHA256:<43 base64 characters>, as `ssh-keygen -lf` prints it.',
      `${field}.hostKeyFingerprint`,
    );
  const sftp = sftpInput
    ? {
        host: checkHost(sftpInput.host, services.schedules.sftpAllowPrivate, `${field}.host`),
        port,
        username: text(sftpInput.username, `${field}.username`, 100),
        authentication: secret?.password !== undefined && secret !== null ? ('password' as const) : ('privateKey' as const),
        remoteDirectory: text(sftpInput.remoteDirectory ?? '.', `${field}.remoteDirectory`, 1000),
        fileNamePattern: checkFileNamePattern(sftpInput.fileNamePattern, `${field}.fileNamePattern`),
        hostKeyFingerprint: sftpInput.hostKeyFingerprint ?? null,
      }
    : null;
  return {
    fields: {
      name,
      report: report.key,
      window: input.window,
      timeZone,
      filter: {
        inboxIds: resolved.inboxIds,
        channelTypes: resolved.channelTypes as ChannelType[] | null,
        teamIds: resolved.teamIds,
        agentIds: resolved.agentIds,
      },
      columns,
      locale: input.locale ?? (account.locale as Locale),
      delimiter: input.delimiter,
      bom: input.bom,
      gzip: input.gzip,
      cron,
      webhookUrl,
      sftp,
    },
    secret,
  };
}
