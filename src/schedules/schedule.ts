import { Locale } from '../entities/enums/account.enums';
import { ChannelType } from '../entities/enums/inbox.enums';
import { CsvDelimiter } from '../exports/export.enums';
import { ScheduleWindow } from './windows';

/** Which rows each run exports; the range comes from the window at each run. */
export interface ScheduleFilter {
  inboxIds: string[] | null;
  channelTypes: ChannelType[] | null;
  teamIds: string[] | null;
  agentIds: string[] | null;
}

/** Where an SFTP delivery uploads, without its password or key (kept encrypted, apart). */
export interface SftpTarget {
  host: string;
  port: number;
  username: string;
  authentication: 'privateKey' | 'password';
  remoteDirectory: string;
  fileNamePattern: string;
  /** `SHA256:<base64>` of the server's host key, as `ssh-keygen -lf` prints it; null = not checked. */
  hostKeyFingerprint: string | null;
}

/** One row of `export_schedules`, never with its secret. */
export interface ScheduleRecord {
  accountId: string;
  id: string;
  name: string;
  createdByKeyId: string;
  report: string;
  window: ScheduleWindow;
  timeZone: string;
  filter: ScheduleFilter;
  columns: string[];
  locale: Locale;
  delimiter: CsvDelimiter;
  bom: boolean;
  gzip: boolean;
  cron: string;
  paused: boolean;
  /** Slots before this instant are never run: the schedule did not exist, or was paused, then. */
  activeSince: Date;
  webhookUrl: string | null;
  sftp: SftpTarget | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  cursorTime: string;
}

export const SCHEDULE_COLUMNS = `
  s.account_id::text AS "accountId", s.id::text AS id, s.name, s.created_by_key_id::text AS "createdByKeyId", s.report,
  s.time_window AS "window", s.time_zone AS "timeZone", s.filter, s.columns, s.locale, s.delimiter, s.bom, s.gzip, s.cron, s.paused,
  s.active_since AS "activeSince", s.webhook_url AS "webhookUrl", s.sftp, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  s.deleted_at AS "deletedAt", (extract(epoch FROM s.created_at) * 1000000)::bigint::text AS "cursorTime"`;
