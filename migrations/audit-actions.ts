import { QueryRunner } from 'typeorm';

/**
 * The actions the audit check allows now, read from the constraint itself: other migrations add
 * theirs too, and whichever order they run in, none may drop another's.
 */
export async function allowedActions(q: QueryRunner): Promise<string[]> {
  const [{ definition }] = await q.query(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'audit_events_action_check'`,
  );
  return [...(definition as string).matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
}

export async function setAllowedActions(q: QueryRunner, actions: string[]): Promise<void> {
  await q.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check');
  const list = [...new Set(actions)].map((action) => `'${action}'`).join(', ');
  await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN (${list}))`);
}
