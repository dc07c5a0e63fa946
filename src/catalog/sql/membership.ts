import { ReportParams } from '../types';

/** An agent alias belongs to one of the filter's teams (true when the filter names none). */
export function agentInTeams(p: ReportParams, agent: string): string {
  return `(NOT ${p.teamsFiltered} OR EXISTS (
      SELECT 1 FROM team_members tm
       WHERE tm.account_id = ${agent}.account_id AND tm.agent_id = ${agent}.id AND ${p.teamMatches('tm.team_id')}))`;
}
