import { ChannelType } from '../entities/enums/inbox.enums';
import { Locale } from '../entities/enums/account.enums';
import { badUserInput } from '../errors';
import { CsvDelimiter } from '../exports/export.enums';
import { PullFormat, PullRequest } from '../exports/pull';
import { parseRangeEnd } from '../reports/range-end';

/** The query parameters a pull takes; any other is refused, so a misspelt filter never widens the rows silently. */
const PARAMETERS = [
  'from',
  'to',
  'timeZone',
  'inboxIds',
  'channelTypes',
  'teamIds',
  'agentIds',
  'columns',
  'locale',
  'delimiter',
  'bom',
] as const;
type Parameter = (typeof PARAMETERS)[number];

type Query = Partial<Record<Parameter, string>>;

function single(raw: Record<string, unknown>): Query {
  const query: Query = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw badUserInput(`Unknown query parameter ${name}; a pull takes ${PARAMETERS.join(', ')}.`, name);
    }
    if (typeof value !== 'string') throw badUserInput(`${name} must be given once; lists are comma-separated (${name}=1,2).`, name);
    query[name as Parameter] = value;
  }
  return query;
}

function list(query: Query, name: Parameter): string[] | null {
  const value = query[name];
  if (value === undefined) return null;
  return value.split(',').map((item) => item.trim());
}

/** Enumerations are spelt as in the GraphQL schema (`WHATSAPP`, `PT_BR`, `SEMICOLON`), in any case. */
function enumValue<T extends string>(values: Record<string, T>, text: string, name: Parameter): T {
  const found = values[text.toUpperCase()];
  if (found === undefined) throw badUserInput(`${name} must be one of ${Object.keys(values).join(', ')}; got "${text}".`, name);
  return found;
}

function rangeEnd(query: Query, name: 'from' | 'to') {
  const value = query[name];
  if (value === undefined) throw badUserInput(`${name} is required, e.g. ${name}=2026-11-01.`, name);
  const parsed = parseRangeEnd(value);
  if (!parsed) throw badUserInput(`"${value}" is not a date or date-time such as "2026-11-01" or "2026-11-01T08:30:00-03:00".`, name);
  return parsed;
}

function bom(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badUserInput(`bom must be true or false; got "${value}".`, 'bom');
}

/** The pull that `GET /reports/<report>.<format>?…` asks for, read from Express's parsed query string. */
export function parsePullQuery(report: string, format: PullFormat, raw: Record<string, unknown>): PullRequest {
  const query = single(raw);
  const channelTypes = list(query, 'channelTypes');
  return {
    report,
    format,
    filter: {
      from: rangeEnd(query, 'from'),
      to: rangeEnd(query, 'to'),
      timeZone: query.timeZone ?? null,
      inboxIds: list(query, 'inboxIds'),
      channelTypes: channelTypes && channelTypes.map((text) => enumValue(ChannelType, text, 'channelTypes')),
      teamIds: list(query, 'teamIds'),
      agentIds: list(query, 'agentIds'),
    },
    columns: list(query, 'columns'),
    locale: query.locale === undefined ? null : enumValue(Locale, query.locale, 'locale'),
    delimiter: query.delimiter === undefined ? CsvDelimiter.COMMA : enumValue(CsvDelimiter, query.delimiter, 'delimiter'),
    bom: bom(query.bom),
  };
}
