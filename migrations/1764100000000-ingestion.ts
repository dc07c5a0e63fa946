import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, enableTenantIsolation } from './tenancy';

/** Entity tables: the sender's id of each row, unique per account and source. */
const ENTITY_TABLES = ['inboxes', 'contacts', 'agents', 'teams', 'topics', 'tags', 'conversations', 'messages', 'dispatches'];
/** Rows made from one event each (a status change, a lock, a label application, a presence interval): identified by that event. */
const EVENT_ROW_TABLES = ['conversation_events', 'conversation_topics', 'message_tags', 'agent_presences'];

const KEY_ROLES = `'admin', 'analyst'`;
const AUDIT_ACTIONS = `'export_requested', 'export_succeeded', 'export_failed', 'export_cancelled', 'export_downloaded', 'api_key_created', 'api_key_revoked'`;

/**
 * Ingestion: the append-only event log every domain row is computed from, the rejections a sender
 * can look up, external identities on the domain tables and the write-only `ingest` key role.
 *
 * `source`/`external_id` are null on rows written before ingestion (the demo generator writes
 * its rows directly until it produces events); both are set or neither is.
 */
export class Ingestion1764100000000 implements MigrationInterface {
  name = 'Ingestion1764100000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of [...ENTITY_TABLES, ...EVENT_ROW_TABLES]) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN source text, ADD COLUMN external_id text`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_external_identity_check CHECK ((source IS NULL) = (external_id IS NULL))`,
      );
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_external_identity_key UNIQUE (account_id, source, external_id)`);
    }
    // An attribute is identified by its contact and name: setting it again replaces the value.
    await q.query('ALTER TABLE contact_attributes ADD CONSTRAINT contact_attributes_name_key UNIQUE (account_id, contact_id, name)');

    await q.query(`
      CREATE TABLE ingest_events (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        source text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        subject text NOT NULL,
        conversation text,
        data jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'waiting', 'applied', 'rejected')),
        waiting_for text,
        applied_at timestamptz,
        PRIMARY KEY (account_id, seq),
        UNIQUE (account_id, source, event_id)
      )`);
    await q.query(`CREATE INDEX ingest_events_unapplied ON ingest_events (account_id, seq) WHERE state IN ('pending', 'waiting')`);
    await q.query('CREATE INDEX ingest_events_subject ON ingest_events (account_id, source, subject, type)');
    await q.query(
      'CREATE INDEX ingest_events_conversation ON ingest_events (account_id, source, conversation) WHERE conversation IS NOT NULL',
    );
    // Every round looks for erased contacts; they are few.
    await q.query(`CREATE INDEX ingest_events_erasures ON ingest_events (account_id, source, subject) WHERE type = 'contact.erased'`);

    await q.query(`
      CREATE TABLE ingest_rejections (
        account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        source text NOT NULL,
        event_id text,
        batch_index integer,
        log_seq bigint,
        code text NOT NULL,
        path text NOT NULL,
        message text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, id),
        FOREIGN KEY (account_id, log_seq) REFERENCES ingest_events(account_id, seq) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX ON ingest_rejections (account_id, at, id)');

    for (const table of ['ingest_events', 'ingest_rejections']) await enableTenantIsolation(q, table, 'account_id');
    // The API appends and reads; only the applier (as the owner) changes an event's state.
    await q.query(`GRANT SELECT, INSERT ON ingest_events, ingest_rejections TO ${RUNTIME_GROUP_ROLE}`);

    await q.query('ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check');
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN (${KEY_ROLES}, 'ingest'))`);
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(
      `ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${AUDIT_ACTIONS}, 'ingest_batch_received'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_events WHERE action = 'ingest_batch_received'`);
    await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${AUDIT_ACTIONS}))`);
    await q.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()), role = 'analyst' WHERE role = 'ingest'`);
    await q.query('ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check');
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN (${KEY_ROLES}))`);
    await q.query('DROP TABLE ingest_rejections');
    await q.query('DROP TABLE ingest_events');
    await q.query('ALTER TABLE contact_attributes DROP CONSTRAINT contact_attributes_name_key');
    for (const table of [...ENTITY_TABLES, ...EVENT_ROW_TABLES]) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN source, DROP COLUMN external_id`);
    }
  }
}
