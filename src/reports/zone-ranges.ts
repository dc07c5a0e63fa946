import { DataSource, EntityManager } from 'typeorm';
import type { RangeEnd } from './filter';

export interface ZonedRange {
  from: Date;
  to: Date;
}

/**
 * How many distinct (range, zone) pairs a data source keeps: BI clients page through the same few
 * ranges, so a small map holds them; the oldest entry goes first when it is full.
 */
const MAX_ENTRIES = 1024;

/**
 * The instants of range ends in a zone, as PostgreSQL computed them once per data source. The
 * answer depends only on the text, its offset flag and the zone, i.e. on the server's tzdata, which
 * changes only with a server restart (as the zone names do, see time-zones.ts); so PostgreSQL still
 * decides every instant, and a report page needs no statement of its own for its range.
 */
const cached = new WeakMap<DataSource, Map<string, { from: number; to: number }>>();

function keyOf(from: RangeEnd, to: RangeEnd, timeZone: string): string {
  return JSON.stringify([from.text, from.hasOffset, to.text, to.hasOffset, timeZone]);
}

/** The range's instants from the cache, or null when PostgreSQL has not computed them yet. */
export function cachedRange(manager: EntityManager, from: RangeEnd, to: RangeEnd, timeZone: string): ZonedRange | null {
  const entry = cached.get(manager.connection)?.get(keyOf(from, to, timeZone));
  // Fresh objects: a Date is mutable, and the caller's must not change the cache's.
  return entry ? { from: new Date(entry.from), to: new Date(entry.to) } : null;
}

export function rememberRange(manager: EntityManager, from: RangeEnd, to: RangeEnd, timeZone: string, range: ZonedRange): void {
  let ranges = cached.get(manager.connection);
  if (!ranges) {
    ranges = new Map();
    cached.set(manager.connection, ranges);
  }
  if (ranges.size >= MAX_ENTRIES) ranges.delete(ranges.keys().next().value as string);
  ranges.set(keyOf(from, to, timeZone), { from: range.from.getTime(), to: range.to.getTime() });
}
