import { Field, ID, InputType, Int } from 'type-graphql';
import { Locale } from '../../entities/enums/account.enums';
import { ChannelType } from '../../entities/enums/inbox.enums';
import { CsvDelimiter } from '../../exports/export.enums';
import { ScheduleInput, SftpInput } from '../../schedules/schedule-input';
import { ScheduleWindow } from '../../schedules/windows';
import { ReportKey } from '../reports/report-key.enum';
import { ScheduleWindowEnum } from './schedule.enums';

@InputType('ScheduleFilterInput', { description: 'Which rows each run exports; the range comes from the window of each run.' })
export class ScheduleFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only these inboxes; omit for all.' })
  inboxIds?: string[] | null;

  @Field(() => [ChannelType], { nullable: true, description: 'Only inboxes of these channel types; omit for all.' })
  channelTypes?: ChannelType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only activity of these teams (reports that filter by team); omit for all.' })
  teamIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only activity of these agents (reports that filter by agent); omit for all.' })
  agentIds?: string[] | null;
}

@InputType('SftpDeliveryInput', {
  description: 'An SFTP server each run uploads its file to (to a temporary name, then renamed). Give `privateKey` or `password`.',
})
export class SftpDeliveryInput implements SftpInput {
  @Field(() => String, { description: 'Host name or IP address of the server.' })
  host!: string;

  @Field(() => Int, { nullable: true, defaultValue: 22, description: 'TCP port of the server.' })
  port?: number | null;

  @Field(() => String, { description: 'The user to log in as.' })
  username!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'A private key (OpenSSH or PEM text). Stored encrypted, never returned; on update, omit it and `password` to keep the stored one.',
  })
  privateKey?: string | null;

  @Field(() => String, { nullable: true, description: 'The passphrase of an encrypted `privateKey`. Stored encrypted, never returned.' })
  passphrase?: string | null;

  @Field(() => String, { nullable: true, description: 'A password, instead of a private key. Stored encrypted, never returned.' })
  password?: string | null;

  @Field(() => String, { nullable: true, defaultValue: '.', description: 'The folder on the server the file goes to (it must exist).' })
  remoteDirectory?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The remote file name, with placeholders `{report}`, `{from}`, `{to}` (the first and last local day of the window, YYYY-MM-DD), ' +
      '`{fromTime}`, `{toTime}` (the window bounds, YYYY-MM-DDTHHmm) and `{ext}` (`csv` or `csv.gz`). Default: `{report}_{from}_{to}.{ext}`.',
  })
  fileNamePattern?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The server host key fingerprint, `SHA256:…` as `ssh-keygen -lf` prints it; when given, any other key is refused.',
  })
  hostKeyFingerprint?: string | null;
}

@InputType('ScheduleDeliveryInput', {
  description: 'Where each run is delivered besides its download link (`downloadUrl` of the export, as for any export).',
})
export class ScheduleDeliveryInput {
  @Field(() => String, {
    nullable: true,
    description: 'An http(s) URL that receives the finished job as a signed POST, as `notifyUrl` does for `exportReport`.',
  })
  webhookUrl?: string | null;

  @Field(() => SftpDeliveryInput, { nullable: true, description: 'An SFTP server to upload each file to.' })
  sftp?: SftpDeliveryInput | null;
}

@InputType('ExportScheduleInput', { description: 'A scheduled export: what each run exports, when runs happen, and where the files go.' })
export class ExportScheduleInput implements ScheduleInput {
  @Field(() => String, { description: 'A name for people (1 to 200 characters).' })
  name!: string;

  @Field(() => ReportKey, { description: 'The report each run exports.' })
  report!: string;

  @Field(() => ScheduleWindowEnum, { description: 'The period each run covers, relative to the run.' })
  window!: ScheduleWindow;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone of the cron, the window and the CSV instants. Default: the account time zone.',
  })
  timeZone?: string | null;

  @Field(() => ScheduleFilterInput, { nullable: true, description: 'Which inboxes, channels, teams and agents. Default: all.' })
  filter?: ScheduleFilterInput | null;

  @Field(() => [String], { nullable: true, description: 'Report row fields to export, in order. Default: every column in catalog order.' })
  columns?: string[] | null;

  @Field(() => Locale, { nullable: true, description: 'Language of the headers and enumerated values. Default: the account language.' })
  locale?: Locale | null;

  @Field(() => CsvDelimiter, { defaultValue: CsvDelimiter.COMMA, description: 'The field separator.' })
  delimiter!: CsvDelimiter;

  @Field(() => Boolean, { defaultValue: false, description: 'Start each file with a UTF-8 byte order mark (for Excel).' })
  bom!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Compress each file with gzip (`.csv.gz`).' })
  gzip!: boolean;

  @Field(() => String, {
    description:
      'When runs happen: a five-field cron expression (minute hour day-of-month month day-of-week) in `timeZone`, e.g. `0 6 * * *` for 06:00 every day.',
  })
  cron!: string;

  @Field(() => ScheduleDeliveryInput, { nullable: true, description: 'Webhook and SFTP deliveries. Default: the download link only.' })
  delivery?: ScheduleDeliveryInput | null;
}
