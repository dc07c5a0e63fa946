import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Locale } from '../../entities/enums/account.enums';
import { ExportJobRecord } from '../../exports/export-job';
import { CsvDelimiter, ExportErrorCode, ExportStatus } from '../../exports/export.enums';
import { ReportKey } from '../reports/report-key.enum';
import { ExportFilterObject } from './export-filter.type';

@ObjectType('ExportRequester', { description: 'The API key that requested an export.' })
export class ExportRequesterObject {
  @Field(() => ID, { description: 'The key id.' })
  keyId!: string;

  @Field(() => String, { description: 'The name given to the key when it was created.' })
  name!: string;
}

@ObjectType('ExportOptions', { description: 'How the CSV file is written.' })
export class ExportOptionsObject {
  @Field(() => Locale, { description: 'Language of the header row and of enumerated values.' })
  locale!: Locale;

  @Field(() => CsvDelimiter, { description: 'The field separator.' })
  delimiter!: CsvDelimiter;

  @Field(() => Boolean, { description: 'Whether the file starts with a UTF-8 byte order mark (for Excel).' })
  bom!: boolean;

  @Field(() => Boolean, { description: 'Whether the file is gzip-compressed (`.csv.gz`).' })
  gzip!: boolean;
}

@ObjectType('ExportError', { description: 'Why an export failed.' })
export class ExportErrorObject {
  @Field(() => ExportErrorCode, { description: 'The kind of failure.' })
  code!: ExportErrorCode;

  @Field(() => String, { description: 'A description for people; no internal details.' })
  message!: string;
}

@ObjectType('ExportJob', {
  description:
    'A CSV export of one report: requested with `exportReport`, written by a worker in the background, downloadable from ' +
    '`downloadUrl` once SUCCEEDED, deleted at `expiresAt`.',
})
export class ExportJobObject {
  constructor(
    readonly job: ExportJobRecord,
    private readonly link: string | null,
  ) {}

  @Field(() => ID, { description: 'The export id (a UUID).' })
  get id(): string {
    return this.job.id;
  }

  @Field(() => ReportKey, { description: 'The exported report.' })
  get report(): string {
    return this.job.report;
  }

  @Field(() => ExportStatus, { description: 'Where the export is.' })
  get status(): ExportStatus {
    return this.job.status;
  }

  @Field(() => Float, { description: 'Share of the rows written so far, from 0 to 1 (1 once SUCCEEDED).' })
  get progress(): number {
    return this.job.progress;
  }

  @Field(() => Int, { nullable: true, description: 'Data rows in the file (the header line not counted); null until SUCCEEDED.' })
  get rowCount(): number | null {
    return this.job.rowCount;
  }

  @Field(() => Float, {
    nullable: true,
    description: 'Size of the file in bytes (a Float: files can pass 2^31 bytes); null until SUCCEEDED.',
  })
  get byteSize(): number | null {
    return this.job.byteSize;
  }

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file bytes, lowercase hex; null until SUCCEEDED.' })
  get sha256(): string | null {
    return this.job.sha256;
  }

  @Field(() => String, { description: 'The name the file downloads as: `<report>_<from>_<to>_<zone>.csv`, `.csv.gz` when gzipped.' })
  get fileName(): string {
    return this.job.fileName;
  }

  @Field(() => String, {
    nullable: true,
    description:
      'A short-lived link to the file, for the API key that asked (a fresh one each time the field is read); null unless SUCCEEDED, ' +
      'and for read-only keys.',
  })
  get downloadUrl(): string | null {
    return this.link;
  }

  @Field(() => Date, { description: 'When the export was requested.' })
  get createdAt(): Date {
    return this.job.createdAt;
  }

  @Field(() => Date, { nullable: true, description: 'When a worker first started it.' })
  get startedAt(): Date | null {
    return this.job.startedAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it SUCCEEDED, FAILED or was CANCELLED.' })
  get finishedAt(): Date | null {
    return this.job.finishedAt;
  }

  @Field(() => Date, { nullable: true, description: 'When the file is deleted (the export then becomes EXPIRED); null until SUCCEEDED.' })
  get expiresAt(): Date | null {
    return this.job.expiresAt;
  }

  @Field(() => ExportRequesterObject, { description: 'The API key that requested the export.' })
  get requestedBy(): ExportRequesterObject {
    return { keyId: this.job.requestedByKeyId, name: this.job.requestedByName };
  }

  @Field(() => ExportFilterObject, { description: 'The filter the export runs with.' })
  get filter(): ExportFilterObject {
    return new ExportFilterObject(this.job.filter);
  }

  @Field(() => [String], { description: 'The exported columns (report row fields), in file order.' })
  get columns(): string[] {
    return this.job.columns;
  }

  @Field(() => ExportOptionsObject, { description: 'How the file is written.' })
  get options(): ExportOptionsObject {
    return { locale: this.job.locale, delimiter: this.job.delimiter, bom: this.job.bom, gzip: this.job.gzip };
  }

  @Field(() => String, { nullable: true, description: 'Where the end of the export is notified, if anywhere.' })
  get notifyUrl(): string | null {
    return this.job.notifyUrl;
  }

  @Field(() => String, { nullable: true, description: 'The idempotency key the export was requested with.' })
  get idempotencyKey(): string | null {
    return this.job.idempotencyKey;
  }

  @Field(() => Int, { description: 'Attempts started so far (a worker crash or restart costs one).' })
  get attempts(): number {
    return this.job.attempt;
  }

  @Field(() => ExportErrorObject, { nullable: true, description: 'Why the export FAILED; null otherwise.' })
  get error(): ExportErrorObject | null {
    return this.job.errorCode ? { code: this.job.errorCode, message: this.job.errorMessage ?? '' } : null;
  }
}
