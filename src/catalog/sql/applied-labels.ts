/** Where tags (on messages) and topics (on conversations) are applied, with their history. */
const LABELS = {
  tags: { applications: 'message_tags', target: 'message_id', label: 'tags', labelId: 'tag_id' },
  topics: { applications: 'conversation_topics', target: 'conversation_id', label: 'topics', labelId: 'topic_id' },
} as const;

/**
 * Labels applied to a row now (not removed), ordered by name, as `<alias>.ids` and `<alias>.names`.
 * `owner` is the alias of the message (tags) or conversation (topics).
 */
function currentLabels(kind: keyof typeof LABELS, owner: string, alias: string): string {
  const l = LABELS[kind];
  return `LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(t.id::text ORDER BY t.name, t.id), '{}') AS ids,
           coalesce(array_agg(t.name ORDER BY t.name, t.id), '{}') AS names
      FROM ${l.applications} a
      JOIN ${l.label} t ON t.account_id = a.account_id AND t.id = a.${l.labelId}
     WHERE a.account_id = ${owner}.account_id AND a.${l.target} = ${owner}.id AND a.removed_at IS NULL
  ) ${alias} ON true`;
}

export function currentTags(message: string, alias: string): string {
  return currentLabels('tags', message, alias);
}

export function currentTopics(conversation: string, alias: string): string {
  return currentLabels('topics', conversation, alias);
}
