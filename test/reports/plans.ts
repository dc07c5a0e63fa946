import { withTenant } from '../../src/db/tenant-transaction';
import { Database } from '../../src/db/database';
import { CompiledQuery, ResolvedFilter } from '../../src/reports/compiler';

/** One node of PostgreSQL's `EXPLAIN (ANALYZE, FORMAT JSON)` plan, with the fields the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Subplan Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
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
