/**
 * Every name the catalog generates comes from here, so the GraphQL types, the query fields, the
 * ReportKey enum and the export files can never drift apart.
 */

function words(key: string): string[] {
  return key.split('_').filter(Boolean);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `chat_conversations_by_hour` → `ChatConversationsByHour`. */
export function pascalCase(key: string): string {
  return words(key).map(capitalize).join('');
}

/** `chat_conversations_by_hour` → `chatConversationsByHour`. */
export function camelCase(key: string): string {
  const pascal = pascalCase(key);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The query field of a report: `chatConversationsByHourReport`. */
export function reportQueryField(key: string): string {
  return `${camelCase(key)}Report`;
}

/** The GraphQL object type of one report row: `ChatConversationsByHourReportRow`. */
export function reportRowType(key: string): string {
  return `${pascalCase(key)}ReportRow`;
}

/**
 * The stem of a report's connection types; the shared connection factory appends `Connection` and
 * `Edge`: `ChatConversationsByHourReportConnection`, `ChatConversationsByHourReportEdge`.
 */
export function reportConnectionStem(key: string): string {
  return `${pascalCase(key)}Report`;
}

/** The `ReportKey` enum value of a report: `CHAT_CONVERSATIONS_BY_HOUR`. */
export function reportEnumValue(key: string): string {
  return key.toUpperCase();
}
