import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statement check of a message's sender agent, sender contact and team (migration 1770130000001) looked each
 * reference up once per row of the statement: a round's 40,000 new messages made up to 120,000 lookups of a few hundred
 * agents, contacts and teams. It now looks each distinct reference of the statement up once, as the conversation check
 * (migration 1770140000001) does. What it refuses, and with which code, is unchanged.
 */
const REFERENCES = [
  { column: 'sender_agent_id', table: 'agents' },
  { column: 'sender_contact_id', table: 'contacts' },
  { column: 'team_id', table: 'teams' },
] as const;

const violation = (column: string, table: string) =>
  `RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = 'messages',
     MESSAGE = format('message %s names ${column} %s, which is no row of its account''s ${table}', message_id, missing)`;

/** The body of the check, with each reference looked up per row of the statement (`perRow`) or once per distinct value. */
function checkFunction(perRow: boolean): string {
  const checks = REFERENCES.map(({ column, table }) => {
    const named = perRow
      ? `SELECT n.account_id, n.${column} AS ref, n.id AS message_id FROM changed_rows n WHERE n.${column} IS NOT NULL`
      : `SELECT n.account_id, n.${column} AS ref, min(n.id) AS message_id FROM changed_rows n WHERE n.${column} IS NOT NULL
          GROUP BY n.account_id, n.${column}`;
    return `
          SELECT r.message_id, r.ref INTO message_id, missing FROM (${named}) r
           WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.account_id = r.account_id AND t.id = r.ref)
           LIMIT 1;
          IF FOUND THEN
            ${violation(column, table)};
          END IF;`;
  });
  return `
      CREATE OR REPLACE FUNCTION message_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE message_id bigint; missing bigint;
        BEGIN
          ${checks.join('\n')}
          RETURN NULL;
        END $$`;
}

export class MessageReferenceLookups1770320000000 implements MigrationInterface {
  name = 'MessageReferenceLookups1770320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(checkFunction(false));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(checkFunction(true));
  }
}
