import type { z } from 'zod';

/** The tables an event can refer into, by the external id column every entity table carries. */
export type RefTable = 'inboxes' | 'contacts' | 'agents' | 'teams' | 'topics' | 'tags' | 'conversations' | 'messages' | 'dispatches';

/**
 * One event type: its data shape (the validator and the published JSON Schema both come from
 * `data`), the entity it is about and what it refers to.
 */
export interface EventDefinition {
  /** `<entity>.<fact>`, e.g. `conversation.status_changed`. */
  type: string;
  description: string;
  /** The data field holding the external id of the entity the event is about. */
  subject: string;
  /**
   * Data fields that name other entities (the subject too when the event does not create it).
   * The event is applied only once every reference it carries resolves; until then it waits.
   */
  refs: Readonly<Record<string, RefTable>>;
  /** The data field naming the conversation whose derived values the event feeds, if any. */
  conversation?: string;
  /**
   * Application order inside one batch: an event only refers to entities of earlier stages, so
   * a batch that carries both a message and its conversation applies both.
   */
  stage: number;
  data: z.ZodObject;
  /** A valid `data`, shown in the README and checked by a test. */
  example: Record<string, unknown>;
}
