import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { ReportParams } from '../types';

/** Where tags (on messages) and topics (on conversations) are applied, with their history. */
const LABELS = {
  tags: { applications: 'message_tags', target: 'message_id', label: 'tags', labelId: 'tag_id' },
  topics: { applications: 'conversation_topics', target: 'conversation_id', label: 'topics', labelId: 'topic_id' },
} as const;

/**
 * Labels applied to a row now (not removed), ordered by name, as `<alias>.ids` and `<alias>.names`,
 * both null when the row has none. `owner` is the alias of the message (tags) or conversation
 * (topics). A page looks them up row by row; a statement that reads every row aggregates the
 * account's current applications once and hash-joins them, which keeps a 2M-message export from
 * making 2M index lookups. That pass names the bound account instead of joining on it, so that it
 * is unique per row on the join key alone and PostgreSQL drops it from a count.
 */
function currentLabels(kind: keyof typeof LABELS, owner: string, alias: string, p: ReportParams): string {
  const l = LABELS[kind];
  const aggregates = `array_agg(t.id::text ORDER BY t.name, t.id) AS ids, array_agg(t.name ORDER BY t.name, t.id) AS names`;
  const applied = `${l.applications} a JOIN ${l.label} t ON t.account_id = a.account_id AND t.id = a.${l.labelId}`;
  if (p.readsAll) {
    return `LEFT JOIN (
    SELECT a.${l.target}, ${aggregates}
      FROM ${applied}
     WHERE a.account_id = ${CURRENT_ACCOUNT} AND a.removed_at IS NULL
     GROUP BY a.${l.target}
  ) ${alias} ON ${alias}.${l.target} = ${owner}.id`;
  }
  return `LEFT JOIN LATERAL (
    SELECT ${aggregates}
      FROM ${applied}
     WHERE a.account_id = ${owner}.account_id AND a.${l.target} = ${owner}.id AND a.removed_at IS NULL
  ) ${alias} ON true`;
}

export function currentTags(message: string, alias: string, p: ReportParams): string {
  return currentLabels('tags', message, alias, p);
}

export function currentTopics(conversation: string, alias: string, p: ReportParams): string {
  return currentLabels('topics', conversation, alias, p);
}

/**
 * For a report over label applications (`application`, an alias of message_tags or
 * conversation_topics): whether the same label is on the same message or conversation now, as
 * `<alias>`, so that a column counts those still carrying it with `<alias>.id IS NOT NULL`. One
 * probe per application of the range, by its target (the `(account_id, target)` index), kept from
 * being flattened (OFFSET 0): as a join, it became a hash over every current application of the
 * account, a cost growing with its history. It repeats an application
 * when the label is on its row twice, so only distinct counts may read it; a count, which reads no
 * column, leaves it out.
 */
export function stillApplied(kind: keyof typeof LABELS, application: string, alias: string, p: ReportParams): string {
  if (p.counting) return '';
  const l = LABELS[kind];
  return `LEFT JOIN LATERAL (
    SELECT a.id FROM ${l.applications} a
     WHERE a.account_id = ${application}.account_id AND a.${l.target} = ${application}.${l.target}
       AND a.${l.labelId} = ${application}.${l.labelId} AND a.removed_at IS NULL
    OFFSET 0) ${alias} ON true`;
}

/** The `ids` and `names` lists of a label alias, empty rather than null for a row without labels. */
export function labelIds(alias: string): string {
  return `coalesce(${alias}.ids, '{}')`;
}

export function labelNames(alias: string): string {
  return `coalesce(${alias}.names, '{}')`;
}
