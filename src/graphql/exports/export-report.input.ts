import { Field, InputType } from 'type-graphql';
import { Locale } from '../../entities/enums/account.enums';
import { CsvDelimiter } from '../../exports/export.enums';
import { ExportRequest, MAX_IDEMPOTENCY_KEY_LENGTH } from '../../exports/export-requests';
import { ReportFilterInput } from '../reports/report-filter.input';
import { ReportKey } from '../reports/report-key.enum';

@InputType('ExportReportInput', { description: 'What to export and how to write the CSV file.' })
export class ExportReportInput implements ExportRequest {
  @Field(() => ReportKey, { description: 'The report to export.' })
  report!: string;

  @Field(() => ReportFilterInput, {
    description: 'The same filter as the report query field takes; the export reads the data as of the request.',
  })
  filter!: ReportFilterInput;

  @Field(() => [String], {
    nullable: true,
    description: 'Report row fields to export, in the order wanted (see `reportCatalog`). Default: every column in catalog order.',
  })
  columns?: string[] | null;

  @Field(() => Locale, {
    nullable: true,
    description: 'Language of the header row and of enumerated values. Default: the account language.',
  })
  locale?: Locale | null;

  @Field(() => CsvDelimiter, { defaultValue: CsvDelimiter.COMMA, description: 'The field separator.' })
  delimiter!: CsvDelimiter;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Start the file with a UTF-8 byte order mark, so Excel reads the accents right.',
  })
  bom!: boolean;

  @Field(() => Boolean, { defaultValue: false, description: 'Compress the file with gzip (`.csv.gz`).' })
  gzip!: boolean;

  @Field(() => String, {
    nullable: true,
    description: `Up to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, no control characters: asking again with the same key returns the export made the first time instead of a new one.`,
  })
  idempotencyKey?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An http(s) URL that receives a POST with the ExportJob as JSON when the export ends, signed in the `X-Signature` header ' +
      '(`sha256=` + hex HMAC-SHA256 of the body with the account `exportWebhookSecret`). Retried with backoff until it answers 2xx.',
  })
  notifyUrl?: string | null;
}
