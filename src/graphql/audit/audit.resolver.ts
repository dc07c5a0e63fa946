import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { AuditEventRecord, countAuditEvents, listAuditEvents } from '../../audit/audit-event.store';
import { RequestContext } from '../../context';
import { parseExportId } from '../../exports/export-requests';
import { assertPageSize, cursorValues, decodeCursor, encodeCursor, pageOf } from '../../pagination';
import { forbidden } from '../../errors';
import { MAX_PAGE_SIZE } from '../types/connection.args';
import { Connection, connectionType } from '../types/connection.type';
import { parseId } from '../../ids';
import { AuditEventObject } from './audit-event.type';
import { AuditEventsArgs } from './audit-events.args';

const AuditEventConnection = connectionType(AuditEventObject, 'AuditEvent', 'audit events');

@Resolver(() => AuditEventObject)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail of the account, newest first: every export request, outcome and download, every API key created or revoked. Admin only.',
  })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: RequestContext): Promise<Connection<AuditEventObject>> {
    if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can read the audit trail.');
    assertPageSize(args.first, MAX_PAGE_SIZE);
    const query = {
      action: args.action ?? null,
      exportId: args.exportId == null ? null : parseExportId(args.exportId, 'exportId'),
      keyId: args.keyId == null ? null : parseId(args.keyId, 'keyId'),
    };
    const scope = { list: 'audit', accountId: ctx.accountId };
    const position = args.after ? decodeCursor(args.after, scope, [cursorValues.micros, cursorValues.id]) : null;
    const after = position && { time: position[0], id: position[1] };
    const rows = await listAuditEvents(ctx.manager, { ...query, after, limit: args.first + 1 });
    const edgeOf = (event: AuditEventRecord) => ({
      cursor: encodeCursor(scope, [event.cursorTime, event.id]),
      node: new AuditEventObject(event),
    });
    return new AuditEventConnection(pageOf(rows, args.first, after !== null, edgeOf, () => countAuditEvents(ctx.manager, query)));
  }
}
