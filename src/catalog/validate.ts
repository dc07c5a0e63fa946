import { ColumnType, ReportDefinition } from './types';

const COLUMN_TYPES: readonly ColumnType[] = [
  'ID',
  'String',
  'Int',
  'Float',
  'Boolean',
  'DateTime',
  'Date',
  'Seconds',
  'Percent',
  'StringList',
];
const KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const FIELD = /^[a-z][A-Za-z0-9]*$/;

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`The report catalog is invalid:\n- ${problems.join('\n- ')}`);
  }
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

function problemsOf(report: ReportDefinition): string[] {
  const problems: string[] = [];
  const at = (what: string) => `${report.key}: ${what}`;
  if (!KEY.test(report.key)) problems.push(at('key must be snake_case'));
  for (const [name, text] of Object.entries({
    'title.en': report.title.en,
    'title.ptBR': report.title.ptBR,
    description: report.description,
    grain: report.grain,
    dateRange: report.dateRange,
    source: report.source,
  })) {
    if (blank(text)) problems.push(at(`${name} is empty`));
  }
  if (report.columns.length === 0) problems.push(at('has no columns'));
  const fields = new Set<string>();
  for (const column of report.columns) {
    const where = (what: string) => at(`column ${column.field}: ${what}`);
    if (!FIELD.test(column.field)) problems.push(where('field must be lowerCamelCase'));
    if (fields.has(column.field)) problems.push(where('field is declared twice'));
    fields.add(column.field);
    if (!COLUMN_TYPES.includes(column.type)) problems.push(where(`unknown type ${String(column.type)}`));
    if (blank(column.description)) problems.push(where('has no description'));
    if (blank(column.header.en) || blank(column.header.ptBR)) problems.push(where('needs headers in both languages'));
    if (column.csvDatePattern && column.type !== 'Date') problems.push(where('csvDatePattern applies to Date columns only'));
    if (column.enum) {
      if (column.type !== 'String') problems.push(where('an enumerated column must have type String'));
      const missing = Object.values(column.enum.type).filter((value) => !column.enum?.labels[value]);
      if (missing.length > 0) problems.push(where(`no label for ${missing.join(', ')}`));
    }
  }
  const keys = new Set(Object.keys(report.keys ?? {}));
  if (report.rowKey.length === 0) problems.push(at('rowKey is empty'));
  for (const name of report.rowKey) {
    if (!fields.has(name) && !keys.has(name)) problems.push(at(`rowKey ${name} is neither a column nor a key`));
  }
  for (const name of keys) {
    if (fields.has(name)) problems.push(at(`key ${name} shadows a column`));
  }
  return problems;
}

/** Checks the whole catalog at boot (and in a test) and returns it unchanged when it is sound. */
export function validateCatalog(reports: ReportDefinition[]): ReportDefinition[] {
  const problems = reports.flatMap(problemsOf);
  const seen = new Set<string>();
  for (const report of reports) {
    if (seen.has(report.key)) problems.push(`${report.key}: key is declared twice`);
    seen.add(report.key);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return reports;
}
