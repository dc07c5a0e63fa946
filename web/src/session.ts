import { request } from './api';
import { addDays, QuickRange, quickRange } from './dates';
import {
  ChannelType,
  ConsoleInboxesDocument,
  ConsoleInboxesQuery,
  ConsoleSessionDocument,
  ConsoleSessionQuery,
  ReportFilter,
} from './generated/graphql';
import type { Lang } from './i18n';

export type Account = ConsoleSessionQuery['account'];
export type ReportDefinition = ConsoleSessionQuery['reportCatalog'][number];
export type Inbox = ConsoleInboxesQuery['inboxes']['nodes'][number];

export interface Session {
  key: string;
  account: Account;
  catalog: ReportDefinition[];
  inboxes: Inbox[];
}

/** Checks the key by reading what every screen needs: the account, the report catalog and the inboxes. */
export async function openSession(key: string): Promise<Session> {
  const { account, reportCatalog } = await request(key, ConsoleSessionDocument);
  const inboxes: Inbox[] = [];
  let after: string | null | undefined = null;
  do {
    const page: ConsoleInboxesQuery = await request(key, ConsoleInboxesDocument, { after });
    inboxes.push(...page.inboxes.nodes);
    after = page.inboxes.pageInfo.hasNextPage ? page.inboxes.pageInfo.endCursor : undefined;
  } while (after);
  return { key, account, catalog: reportCatalog, inboxes };
}

export function reportTitle(report: ReportDefinition, lang: Lang): string {
  return lang === 'pt-BR' ? report.titlePt : report.titleEn;
}

export function columnHeader(report: ReportDefinition, field: string, lang: Lang): string {
  const column = report.columns.find((c) => c.field === field);
  if (!column) return field;
  return lang === 'pt-BR' ? column.headerPt : column.headerEn;
}

/** A channel's name as the catalog's CSV files write it (the chat summary's channelType labels). */
export function channelLabel(session: Session, channel: ChannelType | null | undefined, lang: Lang): string {
  if (!channel) return '';
  for (const report of session.catalog) {
    const value = report.columns.find((c) => c.field === 'channelType')?.values?.find((v) => v.value === channel);
    if (value) return lang === 'pt-BR' ? value.labelPt : value.labelEn;
  }
  return channel;
}

export interface FilterState {
  range: QuickRange;
  /** First and last day, both inclusive, in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  channelTypes: ChannelType[];
  inboxIds: string[];
}

export function initialFilter(account: Account): FilterState {
  return { range: 'last7', ...quickRange('last7', account.timeZone), timeZone: account.timeZone, channelTypes: [], inboxIds: [] };
}

/** The API's filter: `to` is exclusive, so the day after the last one chosen; nothing ticked means all. */
export function reportFilter(filter: FilterState): ReportFilter {
  return {
    from: filter.from,
    to: addDays(filter.to, 1),
    timeZone: filter.timeZone,
    ...(filter.channelTypes.length > 0 ? { channelTypes: filter.channelTypes } : {}),
    ...(filter.inboxIds.length > 0 ? { inboxIds: filter.inboxIds } : {}),
  };
}
