import { ReportParams } from '../types';

/**
 * For a count of messages: the message is in a conversation of the filter's inboxes, as a condition
 * instead of joins. A count reads no column of the conversation, inbox or contact, and each of those
 * joins yields exactly one row per message (NOT NULL foreign keys), so without an inbox filter the
 * count reads the range's messages alone rather than hash-joining every conversation and contact the
 * account ever had; with one, each message looks up its conversation by primary key.
 */
export function messageInInboxes(p: ReportParams, message: string): string {
  return `(NOT ${p.inboxesFiltered} OR EXISTS (
      SELECT 1 FROM conversations fc JOIN inboxes fi ON fi.account_id = fc.account_id AND fi.id = fc.inbox_id
       WHERE fc.account_id = ${message}.account_id AND fc.id = ${message}.conversation_id AND ${p.inboxMatches('fi')}))`;
}
