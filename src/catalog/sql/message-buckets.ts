import { ReportParams } from '../types';

/**
 * The chat reports that aggregate a range of messages (chat_summary, chat_conversations_by_hour,
 * contacts, contact_attributes) read `message_buckets`: per conversation and 15-minute UTC bucket,
 * the counts each of them needs, with the conversation's inbox and contact, kept by the ingestion
 * applier in the round's transaction (src/ingest/derived/message-buckets.ts). Every zone offset in
 * use today is a multiple of 15 minutes, so a bucket lies within one hour of the filter's zone and
 * its rows group into that hour and day exactly like its messages would.
 *
 * A range rarely starts and ends on a bucket boundary, and asOf may fall inside one: the buckets
 * wholly inside [from, min(to, asOf)] come from the rollup, the messages (and conversation
 * creations) of the partial buckets at the edges from the tables, one row each, so the numbers are
 * those of the messages themselves for every range, zone and asOf. A bucket that a zone's hour
 * boundary or offset change cuts (historical offsets of seconds, e.g. local mean time before 1914)
 * is read from the tables as well.
 */

export const BUCKET_WIDTH = `interval '15 minutes'`;

/** The 15-minute bucket (UTC boundaries) an instant falls in. */
export const bucketOf = (instant: string): string => `date_bin(${BUCKET_WIDTH}, ${instant}, timestamptz '2000-01-01 00:00:00+00')`;

/**
 * One source row `s` is a message or a conversation's creation: `s.creation`, `s.at` (its time),
 * and the message's `s.direction`, `s.message_type`, `s.private`, `s.deleted_at` (null for a
 * creation). Each measure is a 0/1 (or a time) per source row; a bucket row sums them (or takes the
 * least).
 */
const NOT_ACTIVITY = `NOT s.creation AND s.message_type <> 'activity'`;
const PUBLIC = `${NOT_ACTIVITY} AND NOT s.private AND s.deleted_at IS NULL`;

/** The rollup's measures: name, what one source row adds, and how a bucket row combines them. */
export const BUCKET_MEASURES: ReadonlyArray<{ name: string; row: string; combine: 'sum' | 'min' }> = [
  // chat_summary: conversations created
  { name: 'created', row: `(s.creation)::int`, combine: 'sum' },
  // chat_summary, by hour: public messages (no activity, private note or deleted message) and their directions
  { name: 'public_messages', row: `(${PUBLIC})::int`, combine: 'sum' },
  { name: 'public_incoming', row: `(${PUBLIC} AND s.direction = 'incoming')::int`, combine: 'sum' },
  { name: 'public_outgoing', row: `(${PUBLIC} AND s.direction = 'outgoing')::int`, combine: 'sum' },
  // contacts, contact_attributes: every message but activity, private notes and deleted ones included
  { name: 'messages', row: `(${NOT_ACTIVITY})::int`, combine: 'sum' },
  { name: 'incoming', row: `(${NOT_ACTIVITY} AND s.direction = 'incoming')::int`, combine: 'sum' },
  { name: 'outgoing_public', row: `(${NOT_ACTIVITY} AND s.direction = 'outgoing' AND NOT s.private)::int`, combine: 'sum' },
  { name: 'first_message_at', row: `CASE WHEN ${NOT_ACTIVITY} THEN s.at END`, combine: 'min' },
];

/** The columns of a bucket row after the key, in table order. */
export const BUCKET_COLUMNS = ['inbox_id', 'contact_id', ...BUCKET_MEASURES.map((m) => m.name)];

/**
 * The source rows (messages and creations) of the conversations `c` and messages `m` the two
 * conditions keep, each with its conversation's inbox and contact; with `within`, only those whose
 * time falls in one of that relation's ranges [lo, hi), each range read through the time index.
 */
export function bucketSources(conditions: { conversations: string; messages: string; within?: string }): string {
  const timed = (table: string, alias: string) =>
    conditions.within
      ? `${conditions.within} r JOIN ${table} ${alias} ON ${alias}.created_at >= r.lo AND ${alias}.created_at < r.hi`
      : `${table} ${alias}`;
  return `SELECT c.account_id, c.id AS conversation_id, c.inbox_id, c.contact_id, true AS creation, c.created_at AS at,
         NULL::text AS direction, NULL::text AS message_type, NULL::boolean AS private, NULL::timestamptz AS deleted_at
    FROM ${timed('conversations', 'c')}
   WHERE ${conditions.conversations}
  UNION ALL
  SELECT c.account_id, c.id, c.inbox_id, c.contact_id, false, m.created_at, m.direction, m.message_type, m.private, m.deleted_at
    FROM ${timed('messages', 'm')}
    JOIN conversations c ON c.account_id = m.account_id AND c.id = m.conversation_id
   WHERE ${conditions.messages}`;
}

/**
 * The bucket rows of those sources, as the rollup stores them. A bucket of only activity messages
 * adds nothing to any report and gets no row.
 */
export function bucketRows(conditions: { conversations: string; messages: string }): string {
  const measures = BUCKET_MEASURES.map((m) => `${m.combine}(${m.row})${m.combine === 'sum' ? '::int' : ''} AS ${m.name}`);
  return `SELECT s.account_id, s.conversation_id, ${bucketOf('s.at')} AS bucket, s.inbox_id, s.contact_id,
         ${measures.join(',\n         ')}
    FROM (${bucketSources(conditions)}) s
   GROUP BY s.account_id, s.conversation_id, ${bucketOf('s.at')}, s.inbox_id, s.contact_id
  HAVING bool_or(s.creation) OR bool_or(${NOT_ACTIVITY})`;
}

/** The range's exclusive end: before `to`, at or before asOf (timestamptz has microsecond resolution). */
export const rangeEnd = (p: ReportParams): string => `least(${p.to}, ${p.asOf} + interval '1 microsecond')`;

/**
 * The CTE `bucket_bounds`: lo, the first bucket starting in the range, and hi (exclusive), past the
 * last one ending by its end; the buckets in [lo, hi) lie wholly inside the range.
 */
export function bucketBounds(p: ReportParams): string {
  return `bucket_bounds AS MATERIALIZED (
    SELECT b.lo, greatest(b.lo, ${bucketOf(rangeEnd(p))}) AS hi
      FROM (SELECT ${bucketOf(`${p.from} + ${BUCKET_WIDTH} - interval '1 microsecond'`)} AS lo) b
  )`;
}

/** The SELECTs of the range's partial buckets at its two edges, as [lo, hi) rows (empty when the range starts or ends on a boundary). */
export const edgeRanges = (p: ReportParams): string =>
  `SELECT ${p.from} AS lo, least(bb.lo, ${rangeEnd(p)}) AS hi FROM bucket_bounds bb
    UNION ALL
    SELECT bb.hi, ${rangeEnd(p)} FROM bucket_bounds bb`;

/**
 * CTEs giving `range_buckets`: rows (conversation_id, bucket, local, inbox_id, contact_id, measures…)
 * whose sums over any grouping by the bucket's hour or day in the filter's zone equal the same counts
 * over the range's messages. `bucket` is the bucket's start for a rollup row and the message's (or
 * creation's) own time for a row read from the tables; `local` is that time in the filter's zone,
 * converted once per bucket of the range (`whole_buckets`) rather than once per row: on 28,240 rows
 * of 30 days the per-row conversion was half of a count's time.
 */
export function rangeBuckets(p: ReportParams): string {
  const last = (b: string) => `(${b} + ${BUCKET_WIDTH} - interval '1 microsecond')`;
  const local = (instant: string) => `((${instant}) AT TIME ZONE ${p.timeZone})`;
  // A bucket is whole in the zone when its first and last instants are in one local hour at one offset.
  const whole = (b: string) =>
    `(date_trunc('hour', ${local(b)}) = date_trunc('hour', ${local(last(b))}) AND ${local(last(b))} - ${local(b)} = ${BUCKET_WIDTH} - interval '1 microsecond')`;
  const offset = (instant: string) => `(${local(instant)} - ((${instant}) AT TIME ZONE 'UTC'))`;
  const measures = BUCKET_MEASURES.map((m) => `${m.row} AS ${m.name}`);
  // Only a UTC day whose zone offset differs at its two ends, or is not a multiple of 15 minutes, can hold a cut bucket (no zone has
  // changed its offset twice within a day): its buckets are examined one by one, the other days' not at all.
  return `${bucketBounds(p)},
  uneven_days AS MATERIALIZED (
    SELECT greatest(x.day_start, bb.lo) AS lo, least(x.day_start + interval '1 day', bb.hi) AS hi
      FROM bucket_bounds bb,
           generate_series(date_trunc('day', bb.lo AT TIME ZONE 'UTC'), bb.hi AT TIME ZONE 'UTC', interval '1 day') d(day),
           LATERAL (SELECT d.day AT TIME ZONE 'UTC' AS day_start) x
     WHERE NOT (${offset('x.day_start')} = ${offset(`x.day_start + interval '1 day'`)}
                AND extract(epoch FROM ${offset('x.day_start')})::bigint % 900 = 0)
  ),
  cut_buckets AS MATERIALIZED (
    SELECT g.bucket
      FROM uneven_days u, generate_series(u.lo, u.hi - ${BUCKET_WIDTH}, ${BUCKET_WIDTH}) g(bucket)
     WHERE NOT ${whole('g.bucket')}
  ),
  edge_ranges AS MATERIALIZED (
    ${edgeRanges(p)}
    UNION ALL
    SELECT cb.bucket, cb.bucket + ${BUCKET_WIDTH} FROM cut_buckets cb
  ),
  whole_buckets AS MATERIALIZED (
    SELECT g.bucket, ${local('g.bucket')} AS local
      FROM bucket_bounds bb, generate_series(bb.lo, bb.hi - ${BUCKET_WIDTH}, ${BUCKET_WIDTH}) g(bucket)
     WHERE g.bucket <> ALL (ARRAY(SELECT cb.bucket FROM cut_buckets cb))
  ),
  range_buckets AS (
    SELECT mb.conversation_id, mb.bucket, wb.local, ${BUCKET_COLUMNS.map((c) => `mb.${c}`).join(', ')}
      FROM whole_buckets wb
      JOIN message_buckets mb ON mb.bucket = wb.bucket
     WHERE mb.bucket >= (SELECT lo FROM bucket_bounds) AND mb.bucket < (SELECT hi FROM bucket_bounds)
    UNION ALL
    SELECT s.conversation_id, s.at, ${local('s.at')}, s.inbox_id, s.contact_id, ${measures.join(', ')}
      FROM (${bucketSources({ within: 'edge_ranges', conversations: 'true', messages: `m.message_type <> 'activity'` })}) s
  )`;
}
