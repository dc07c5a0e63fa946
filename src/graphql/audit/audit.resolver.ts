import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { countAuditEvents, listAuditEvents } from '../../audit/audit-event.store';
import { assertPageSize, pageInfoOf } from '../types/page';
import { RequestContext } from '../../context';
import { parseExportId } from '../../exports/export-requests';
import { forbidden } from '../errors';
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
    description: 'The audit trail of the account, newest first: every export request, outcome and download, every API key created or revoked. Admin only.',
  })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: RequestContext): Promise<Connection<AuditEventObject>> {
    if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can read the audit trail.');
    assertPageSize(args.first, MAX_PAGE_SIZE);
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
      pageInfo: pageInfoOf(edges, rows.length > args.first, after !== null),
      count: () => countAuditEvents(ctx.manager, query),
    });
  }
}
