import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { ReportParams } from '../types';

/** The row sets whose lowest id per UTC hour `report_id_floors` keeps (see its migration). */
export type IdFloorSource = 'messages' | 'conversations_resolved' | 'dispatches';

/**
 * For a page: `<id>` is at least the lowest id the range can hold, so PostgreSQL's ordered walk of
 * the primary key starts at the range instead of at the account's first row. The least floor of
 * every UTC hour the range touches bounds every id inside it; no floor at all means no row. A
 * statement that reads every row of the range reaches it by its time index already and gets nothing.
 */
export function idFloor(source: IdFloorSource, id: string, p: ReportParams): string[] {
  if (p.readsAll) return [];
  return [
    `${id} >= (SELECT min(f.min_id) FROM report_id_floors f
     WHERE f.account_id = ${CURRENT_ACCOUNT} AND f.source = '${source}'
       AND f.hour >= date_trunc('hour', ${p.from} AT TIME ZONE 'UTC') AND f.hour < (${p.to} AT TIME ZONE 'UTC'))`,
  ];
}
