import { Arg, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Locale } from '../../entities/enums/account.enums';
import { reportQueryField } from '../../catalog/naming';
import { ColumnDefinition, ColumnType, Localized, ReportDefinition } from '../../catalog/types';
import { ReportKey } from './report-key.enum';

function inLocale(text: Localized, locale: Locale): string {
  return locale === Locale.PT_BR ? text.ptBR : text.en;
}

export enum ReportColumnKind {
  ID = 'ID',
  STRING = 'String',
  INT = 'Int',
  FLOAT = 'Float',
  BOOLEAN = 'Boolean',
  DATE_TIME = 'DateTime',
  DATE = 'Date',
  SECONDS = 'Seconds',
  PERCENT = 'Percent',
  STRING_LIST = 'StringList',
}

registerEnumType(ReportColumnKind, {
  name: 'ReportColumnType',
  description: 'The kind of value a report column holds, and so how a table should show it.',
  valuesConfig: {
    ID: { description: 'An opaque identifier (text).' },
    STRING: {
      description:
        'Text; enumerated columns also list their values (CSV files show their labels). In CSV files a text starting with = + - @ or a tab or line break gets a leading apostrophe, so spreadsheets do not run it as a formula.',
    },
    INT: { description: 'A whole number.' },
    FLOAT: { description: 'A decimal number.' },
    BOOLEAN: {
      description: 'True or false; 1 or 0 in CSV files of every report (the chat-module source states 0/1, and one rendering serves all).',
    },
    DATE_TIME: {
      description:
        'An instant, shown in the filter time zone; in CSV files as ISO 8601 with that zone offset, to the second (`2026-03-10T11:00:00-03:00`).',
    },
    DATE: {
      description: 'A calendar day in the filter time zone; in CSV files as YYYY-MM-DD unless the column prescribes another layout.',
    },
    SECONDS: { description: 'A duration in whole seconds.' },
    PERCENT: { description: 'A percentage from 0 to 100.' },
    STRING_LIST: { description: 'An ordered list of texts (one cell, comma-separated, in CSV files).' },
  },
});

@ObjectType('ReportColumnValue', { description: 'One value of an enumerated report column and its label in CSV files.' })
export class ReportColumnValueObject {
  constructor(
    private readonly stored: string,
    private readonly enumType: Record<string, string>,
    private readonly labels: Localized,
  ) {}

  @Field(() => String, { description: 'The enum value that report query rows carry.' })
  get value(): string {
    return Object.keys(this.enumType).find((name) => this.enumType[name] === this.stored) as string;
  }

  @Field(() => String, { description: 'The label CSV files show for the value, in the given language.' })
  label(@Arg('locale', () => Locale, { defaultValue: Locale.EN, description: 'Language of the label.' }) locale: Locale): string {
    return inLocale(this.labels, locale);
  }
}

@ObjectType('ReportColumn', { description: 'One column of a report: its GraphQL field, CSV header, type and definition.' })
export class ReportColumnObject {
  constructor(private readonly column: ColumnDefinition) {}

  @Field(() => String, { description: 'The field name in the report row type.' })
  get field(): string {
    return this.column.field;
  }

  @Field(() => String, { description: 'The CSV header, in the given language (Portuguese exactly as the source article writes it).' })
  header(@Arg('locale', () => Locale, { defaultValue: Locale.EN, description: 'Language of the header.' }) locale: Locale): string {
    return inLocale(this.column.header, locale);
  }

  @Field(() => ReportColumnKind, { description: 'The kind of value.' })
  get type(): ColumnType {
    return this.column.type;
  }

  @Field(() => String, {
    description: 'The definition of the value: for metrics, what is counted or timed, from when to when, credited to whom.',
  })
  get description(): string {
    return this.column.description;
  }

  @Field(() => [ReportColumnValueObject], {
    nullable: true,
    description: 'For enumerated columns, every value with its CSV labels; null otherwise.',
  })
  get values(): ReportColumnValueObject[] | null {
    const columnEnum = this.column.enum;
    if (!columnEnum) return null;
    return Object.values(columnEnum.type).map((stored) => new ReportColumnValueObject(stored, columnEnum.type, columnEnum.labels[stored]));
  }
}

@ObjectType('ReportFilterSupport', { description: 'Which optional filters a report accepts.' })
export class ReportFilterSupportObject {
  @Field(() => Boolean, { description: 'Whether `filter.teamIds` is accepted.' })
  teams!: boolean;

  @Field(() => Boolean, { description: 'Whether `filter.agentIds` is accepted.' })
  agents!: boolean;
}

@ObjectType('ReportDefinition', { description: 'A report of the catalog: what it contains and how to read each column.' })
export class ReportDefinitionObject {
  constructor(private readonly report: ReportDefinition) {}

  @Field(() => ReportKey, { description: 'The report key, as `exportReport` takes it.' })
  get key(): string {
    return this.report.key;
  }

  @Field(() => String, { description: `The name of the report query field (e.g. \`${reportQueryField('chat_summary')}\`).` })
  get queryField(): string {
    return reportQueryField(this.report.key);
  }

  @Field(() => String, { description: 'The report title in the given language.' })
  title(@Arg('locale', () => Locale, { defaultValue: Locale.EN, description: 'Language of the title.' }) locale: Locale): string {
    return inLocale(this.report.title, locale);
  }

  @Field(() => String, { description: 'What the report contains.' })
  get description(): string {
    return this.report.description;
  }

  @Field(() => String, { description: 'What one row is.' })
  get grain(): string {
    return this.report.grain;
  }

  @Field(() => String, { description: 'Which timestamp the filter date range applies to (or why it is not applied).' })
  get dateRange(): string {
    return this.report.dateRange;
  }

  @Field(() => String, { description: 'The source document the report reproduces.' })
  get source(): string {
    return this.report.source;
  }

  @Field(() => ReportFilterSupportObject, { description: 'Which optional filters the report accepts.' })
  get filters(): ReportFilterSupportObject {
    return this.report.filters;
  }

  @Field(() => [String], { description: 'The fields (or internal keys) that identify a row and give the row order.' })
  get rowKey(): string[] {
    return this.report.rowKey;
  }

  @Field(() => [ReportColumnObject], { description: 'The columns, in CSV order.' })
  get columns(): ReportColumnObject[] {
    return this.report.columns.map((column) => new ReportColumnObject(column));
  }
}
