import { ResolvedFilter } from './compiler';

/** A resolved filter as `export_jobs.filter` keeps it: instants as ISO strings, ids as strings. */
export interface StoredFilter {
  from: string;
  to: string;
  timeZone: string;
  asOf: string;
  inboxIds: string[] | null;
  channelTypes: string[] | null;
  teamIds: string[] | null;
  agentIds: string[] | null;
}

export function storeFilter(filter: ResolvedFilter): StoredFilter {
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    timeZone: filter.timeZone,
    asOf: filter.asOf.toISOString(),
    inboxIds: filter.inboxIds,
    channelTypes: filter.channelTypes,
    teamIds: filter.teamIds,
    agentIds: filter.agentIds,
  };
}

export function resolvedFilter(stored: StoredFilter): ResolvedFilter {
  return { ...stored, from: new Date(stored.from), to: new Date(stored.to), asOf: new Date(stored.asOf) };
}
