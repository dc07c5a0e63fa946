/** Tags currently applied to a message, ordered by name, as `<alias>.ids` and `<alias>.names`. */
export function currentTags(message: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(t.id::text ORDER BY t.name, t.id), '{}') AS ids,
           coalesce(array_agg(t.name ORDER BY t.name, t.id), '{}') AS names
      FROM message_tags mt
      JOIN tags t ON t.account_id = mt.account_id AND t.id = mt.tag_id
     WHERE mt.account_id = ${message}.account_id AND mt.message_id = ${message}.id AND mt.removed_at IS NULL
  ) ${alias} ON true`;
}

/** Topics applied to the conversation now, ordered by name, as `<alias>.ids` and `<alias>.names`. */
export function currentTopics(conversation: string, alias: string): string {
  return `LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(t.id::text ORDER BY t.name, t.id), '{}') AS ids,
           coalesce(array_agg(t.name ORDER BY t.name, t.id), '{}') AS names
      FROM conversation_topics ct
      JOIN topics t ON t.account_id = ct.account_id AND t.id = ct.topic_id
     WHERE ct.account_id = ${conversation}.account_id AND ct.conversation_id = ${conversation}.id AND ct.removed_at IS NULL
  ) ${alias} ON true`;
}
