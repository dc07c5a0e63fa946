import { withTenant } from '../../src/db/tenant-transaction';
import { Database } from '../../src/db/database';
import { CompiledQuery, ResolvedFilter } from '../../src/reports/compiler';
import { createAccount, insertRows } from '../support/fixtures';
import { openOwnDatabase } from '../support/own-database';

/** One node of PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)` plan, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Plan Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** A plan test's own database with one account, its WhatsApp inbox and one contact, the rows every plan fixture hangs on. */
export interface PlanDatabase {
  db: Database;
  accountId: string;
  inboxId: string;
  contactId: string;
}

/**
 * Opens the plan test's own database (so that its statistics move no other file's plans) and writes
 * the account, inbox and contact its rows belong to.
 */
export async function openPlanDatabase(name: string): Promise<PlanDatabase> {
  const db = await openOwnDatabase(name);
  const accountId = (await createAccount(db)).id;
  const [inboxId] = await insertRows(db, accountId, 'inboxes', [
    { name: 'WA', display_name: 'WhatsApp', channel_type: 'whatsapp', medium: 'WhatsApp' },
  ]);
  const [contactId] = await insertRows(db, accountId, 'contacts', [{ medium: 'WhatsApp', primary_identifier: '+5511900000000' }]);
  return { db, accountId, inboxId, contactId };
}

/** The executed plan of a compiled report statement, run in the account's tenant transaction. */
export async function executedPlan(db: Database, accountId: string, query: CompiledQuery): Promise<PlanNode> {
  const [row] = await withTenant(db.runtime, accountId, (runner) =>
    runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values),
  );
  return row['QUERY PLAN'][0].Plan;
}

/** Every node of the plan, each with the chain of its ancestors (nearest last). */
export function nodesOf(node: PlanNode, ancestors: PlanNode[] = []): Array<{ node: PlanNode; ancestors: PlanNode[] }> {
  return [{ node, ancestors }, ...(node.Plans ?? []).flatMap((child) => nodesOf(child, [...ancestors, node]))];
}

/** The scans of one table, wherever they sit in the plan. */
export function scansOf(plan: PlanNode, relation: string): PlanNode[] {
  return nodesOf(plan)
    .map((entry) => entry.node)
    .filter((node) => node['Relation Name'] === relation);
}

/** Rows the plan's scans of a table read: kept and filtered out, over all their loops. */
export function rowsRead(plan: PlanNode, relation: string): number {
  return Math.round(
    scansOf(plan, relation).reduce(
      (sum, node) => sum + ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1),
      0,
    ),
  );
}

/** The report fixture's São Paulo 10 March over every inbox: 03:00Z on the 10th to 03:00Z on the 11th. */
export function fixtureDayFilter(): ResolvedFilter {
  return {
    from: new Date('2026-03-10T03:00:00Z'),
    to: new Date('2026-03-11T03:00:00Z'),
    timeZone: 'America/Sao_Paulo',
    asOf: new Date(),
    inboxIds: null,
    channelTypes: null,
    teamIds: null,
    agentIds: null,
  };
}

/** A UTC range over every inbox, as of 1 March 2026: after every row the plan tests' own databases hold. */
export function utcRangeFilter(from: string, to: string): ResolvedFilter {
  return {
    from: new Date(from),
    to: new Date(to),
    timeZone: 'UTC',
    asOf: new Date('2026-03-01T00:00:00Z'),
    inboxIds: null,
    channelTypes: null,
    teamIds: null,
    agentIds: null,
  };
}
