import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ChannelType } from '../../entities/enums/inbox.enums';
import { DeliveryRecord } from '../../exports/deliveries';
import { nextSlot } from '../../schedules/cron';
import { ScheduleRecord, SftpTarget } from '../../schedules/schedule';
import { ScheduleWindow } from '../../schedules/windows';
import { ExportOptionsObject } from '../exports/export-job.type';
import { ReportKey } from '../reports/report-key.enum';
import { DeliveryKind, DeliveryStatus, ScheduleWindowEnum, SftpAuthentication } from './schedule.enums';

@ObjectType('ScheduleFilter', { description: 'Which rows each run of a schedule exports.' })
export class ScheduleFilterObject {
  @Field(() => [ID], { nullable: true, description: 'Only these inboxes; null = all.' })
  inboxIds!: string[] | null;

  @Field(() => [ChannelType], { nullable: true, description: 'Only inboxes of these channel types; null = all.' })
  channelTypes!: ChannelType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only activity of these teams; null = all.' })
  teamIds!: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only activity of these agents; null = all.' })
  agentIds!: string[] | null;
}

@ObjectType('SftpDelivery', { description: 'Where a schedule uploads its files; the password or private key is never returned.' })
export class SftpDeliveryObject {
  constructor(private readonly target: SftpTarget) {}

  @Field(() => String, { description: 'Host name or IP address of the server.' })
  get host(): string {
    return this.target.host;
  }

  @Field(() => Int, { description: 'TCP port of the server.' })
  get port(): number {
    return this.target.port;
  }

  @Field(() => String, { description: 'The user it logs in as.' })
  get username(): string {
    return this.target.username;
  }

  @Field(() => SftpAuthentication, { description: 'Whether it logs in with a private key or a password (stored encrypted).' })
  get authentication(): SftpAuthentication {
    return this.target.authentication === 'password' ? SftpAuthentication.PASSWORD : SftpAuthentication.PRIVATE_KEY;
  }

  @Field(() => String, { description: 'The remote folder.' })
  get remoteDirectory(): string {
    return this.target.remoteDirectory;
  }

  @Field(() => String, { description: 'The remote file name pattern (see `SftpDeliveryInput.fileNamePattern`).' })
  get fileNamePattern(): string {
    return this.target.fileNamePattern;
  }

  @Field(() => String, { nullable: true, description: 'The host key fingerprint required of the server; null = not checked.' })
  get hostKeyFingerprint(): string | null {
    return this.target.hostKeyFingerprint;
  }
}

@ObjectType('ScheduleDelivery', { description: 'Where each run of a schedule goes besides its download link.' })
export class ScheduleDeliveryObject {
  @Field(() => Boolean, { description: 'Always true: every run is an export whose file downloads from its `downloadUrl`.' })
  downloadLink!: boolean;

  @Field(() => String, { nullable: true, description: 'The URL that receives each finished job as a signed POST; null = none.' })
  webhookUrl!: string | null;

  @Field(() => SftpDeliveryObject, { nullable: true, description: 'The SFTP upload of each file; null = none.' })
  sftp!: SftpDeliveryObject | null;
}

@ObjectType('ExportSchedule', {
  description:
    'A scheduled export: at each cron slot, an ordinary export of the window before it (listed in `exportJobs`, with this schedule), ' +
    'then delivered. Managed by admin keys; every change is audited.',
})
export class ExportScheduleObject {
  constructor(readonly schedule: ScheduleRecord) {}

  @Field(() => ID, { description: 'The schedule id (a UUID).' })
  get id(): string {
    return this.schedule.id;
  }

  @Field(() => String, { description: 'The name given to it.' })
  get name(): string {
    return this.schedule.name;
  }

  @Field(() => ReportKey, { description: 'The report each run exports.' })
  get report(): string {
    return this.schedule.report;
  }

  @Field(() => ScheduleWindowEnum, { description: 'The period each run covers, relative to the run.' })
  get window(): ScheduleWindow {
    return this.schedule.window;
  }

  @Field(() => String, { description: 'IANA time zone of the cron, the window and the CSV instants.' })
  get timeZone(): string {
    return this.schedule.timeZone;
  }

  @Field(() => ScheduleFilterObject, { description: 'Which rows each run exports.' })
  get filter(): ScheduleFilterObject {
    return this.schedule.filter;
  }

  @Field(() => [String], { description: 'The exported columns, in file order.' })
  get columns(): string[] {
    return this.schedule.columns;
  }

  @Field(() => ExportOptionsObject, { description: 'How each file is written.' })
  get options(): ExportOptionsObject {
    return { locale: this.schedule.locale, delimiter: this.schedule.delimiter, bom: this.schedule.bom, gzip: this.schedule.gzip };
  }

  @Field(() => String, { description: 'The five-field cron expression of its runs, in `timeZone`.' })
  get cron(): string {
    return this.schedule.cron;
  }

  @Field(() => Boolean, { description: 'Whether runs are paused (`pauseExportSchedule`); slots missed while paused are never run.' })
  get paused(): boolean {
    return this.schedule.paused;
  }

  @Field(() => Date, { nullable: true, description: 'The next cron slot; null while paused or once deleted.' })
  get nextRunAt(): Date | null {
    return this.schedule.paused || this.schedule.deletedAt ? null : nextSlot(this.schedule.cron, this.schedule.timeZone, new Date());
  }

  @Field(() => ScheduleDeliveryObject, { description: 'Where each run is delivered.' })
  get delivery(): ScheduleDeliveryObject {
    return {
      downloadLink: true,
      webhookUrl: this.schedule.webhookUrl,
      sftp: this.schedule.sftp ? new SftpDeliveryObject(this.schedule.sftp) : null,
    };
  }

  @Field(() => ID, { description: 'The admin key that created it; its runs are requested in that key name (revoking the key stops them).' })
  get createdByKeyId(): string {
    return this.schedule.createdByKeyId;
  }

  @Field(() => Date, { description: 'When it was created.' })
  get createdAt(): Date {
    return this.schedule.createdAt;
  }

  @Field(() => Date, { description: 'When it was last changed.' })
  get updatedAt(): Date {
    return this.schedule.updatedAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it was deleted (its runs stay listed); null while it exists.' })
  get deletedAt(): Date | null {
    return this.schedule.deletedAt;
  }
}

@ObjectType('ExportDeliveryError', { description: 'Why the last attempt of a delivery failed.' })
export class DeliveryErrorObject {
  @Field(() => String, {
    description:
      'AUTHENTICATION_FAILED, HOST_KEY_MISMATCH, UNREACHABLE, TIMEOUT, REMOTE_PATH, REMOTE_ERROR, ADDRESS_REFUSED, FILE_UNAVAILABLE or HTTP_STATUS.',
  })
  code!: string;

  @Field(() => String, { description: 'A description for people.' })
  message!: string;
}

@ObjectType('ExportDelivery', { description: 'One delivery of a scheduled export (besides its download link) and how it went.' })
export class ExportDeliveryObject {
  constructor(private readonly delivery: DeliveryRecord) {}

  @Field(() => DeliveryKind, { description: 'SFTP upload or webhook.' })
  get kind(): DeliveryKind {
    return this.delivery.kind as DeliveryKind;
  }

  @Field(() => DeliveryStatus, { description: 'Where it is.' })
  get status(): DeliveryStatus {
    return this.delivery.status as DeliveryStatus;
  }

  @Field(() => Int, { description: 'Attempts made so far.' })
  get attempts(): number {
    return this.delivery.attempts;
  }

  @Field(() => Int, { description: 'Attempts it gets before it is FAILED.' })
  get maxAttempts(): number {
    return this.delivery.maxAttempts;
  }

  @Field(() => String, { nullable: true, description: 'Where it went: `sftp://user@host:port/folder/file` or the webhook URL.' })
  get target(): string | null {
    return this.delivery.target;
  }

  @Field(() => DeliveryErrorObject, {
    nullable: true,
    description: 'Why the last attempt failed; null once DELIVERED or before any attempt.',
  })
  get error(): DeliveryErrorObject | null {
    return this.delivery.errorCode ? { code: this.delivery.errorCode, message: this.delivery.errorMessage ?? '' } : null;
  }

  @Field(() => Date, { description: 'When it last changed.' })
  get updatedAt(): Date {
    return this.delivery.updatedAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it was delivered.' })
  get deliveredAt(): Date | null {
    return this.delivery.deliveredAt;
  }
}
