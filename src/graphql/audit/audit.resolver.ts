import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { countAuditEvents, listAuditEvents } from '../../audit/audit-event.store';
import { RequestContext } from '../../context';
import { parseExportId } from '../../exports/export-requests';
import { badUserInput, forbidden } from '../errors';
import { MAX_PAGE_SIZE } from '../types/connection.args';
import { Connection, connectionType } from '../types/connection.type';
import { parseId } from '../types/ids';
import { decodeLogCursor, encodeLogCursor } from '../types/log-cursor';
import { AuditEventObject } from './audit-event.type';
import { AuditEventsArgs } from './audit-events.args';

const AuditEventConnection = connectionType(AuditEventObject, 'AuditEvent', 'audit events');

@Resolver(() => AuditEventObject)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: 'The audit trail of the account, newest first: every export request, outcome and download. Admin only.',
  })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: RequestContext): Promise<Connection<AuditEventObject>> {
    if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can read the audit trail.');
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
      throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}.`, 'first');
    }
    const query = {
      action: args.action ?? null,
      exportId: args.exportId == null ? null : parseExportId(args.exportId, 'exportId'),
      keyId: args.keyId == null ? null : parseId(args.keyId, 'keyId'),
    };
    const after = args.after ? decodeLogCursor(args.after, 'audit', /^[0-9]{1,19}$/) : null;
    const rows = await listAuditEvents(ctx.manager, { ...query, after, limit: args.first + 1 });
    const edges = rows.slice(0, args.first).map((event) => ({ cursor: encodeLogCursor('audit', { time: event.cursorTime, id: event.id }), node: new AuditEventObject(event) }));
    return new AuditEventConnection({
      edges,
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      count: () => countAuditEvents(ctx.manager, query),
    });
  }
}
