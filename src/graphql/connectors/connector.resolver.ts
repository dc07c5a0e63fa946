import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import {
  Connector,
  createConnector,
  deleteConnector,
  deliveryCounts,
  listConnectors,
  rotateConnectorToken,
  webhookPath,
} from '../../connectors/connector.store';
import { RequestContext } from '../../context';
import { forbidden } from '../../errors';
import { parseId } from '../../ids';
import { Sql } from '../../db/sql';
import { ConnectorKind } from './connector-kind.enum';
import { ConnectorObject, ConnectorWithUrl } from './connector.type';
import { CreateConnectorInput } from './create-connector.input';

function requireAdmin(ctx: RequestContext, change: boolean): void {
  if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can manage connectors.');
  if (change && ctx.key.readOnly) throw forbidden('This admin key is read-only; changing connectors needs one that is not.');
}

async function toObject(sql: Sql, connector: Connector): Promise<ConnectorObject> {
  return {
    id: connector.id,
    kind: connector.kind as ConnectorKind,
    name: connector.name,
    chatwootAccountId: connector.platformAccountId,
    tokenPrefix: connector.tokenPrefix,
    signed: connector.hasSigningSecret,
    createdAt: connector.createdAt,
    tokenRotatedAt: connector.tokenRotatedAt,
    deliveries: await deliveryCounts(sql, connector.id),
  };
}

/** Connector management for admins, in the request's transaction (RLS keeps it to the key's account); every change is audited. */
@Resolver()
export class ConnectorResolver {
  @Query(() => [ConnectorObject], {
    description: 'The account’s connectors, oldest first, without their tokens. Admin keys only (FORBIDDEN otherwise).',
  })
  async connectors(@Ctx() ctx: RequestContext): Promise<ConnectorObject[]> {
    requireAdmin(ctx, false);
    const connectors = await listConnectors(ctx.manager);
    return Promise.all(connectors.map((connector) => toObject(ctx.manager, connector)));
  }

  @Mutation(() => ConnectorWithUrl, {
    description: 'Creates a connector and returns its webhook URL, once. Admin keys that are not read-only only (FORBIDDEN otherwise).',
  })
  async createConnector(
    @Arg('input', () => CreateConnectorInput, { description: 'Platform, name, platform account and optional signing secret.' })
    input: CreateConnectorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectorWithUrl> {
    requireAdmin(ctx, true);
    const created = await createConnector(
      ctx.manager,
      { kind: input.kind, name: input.name, platformAccountId: input.chatwootAccountId, signingSecret: input.signingSecret },
      { keyId: ctx.key.id, clientIp: ctx.clientIp },
      ctx.exports.schedules,
    );
    return this.withUrl(ctx, created.connector, created.token);
  }

  @Mutation(() => ConnectorWithUrl, {
    description:
      'Gives the connector a new webhook token and returns the new URL; the old URL answers 404 at once. NOT_FOUND for ids outside the account. ' +
      'Admin keys that are not read-only only.',
  })
  async rotateConnectorToken(
    @Arg('id', () => ID, { description: 'Identifier of the connector.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectorWithUrl> {
    requireAdmin(ctx, true);
    const rotated = await rotateConnectorToken(ctx.manager, parseId(id, 'id'), { keyId: ctx.key.id, clientIp: ctx.clientIp });
    return this.withUrl(ctx, rotated.connector, rotated.token);
  }

  @Mutation(() => ConnectorObject, {
    description:
      'Deletes the connector: its webhook URL answers 404 from now on; the data it brought in stays. NOT_FOUND for ids outside the account. ' +
      'Admin keys that are not read-only only.',
  })
  async deleteConnector(
    @Arg('id', () => ID, { description: 'Identifier of the connector.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectorObject> {
    requireAdmin(ctx, true);
    const deleted = await deleteConnector(ctx.manager, parseId(id, 'id'), { keyId: ctx.key.id, clientIp: ctx.clientIp });
    return toObject(ctx.manager, deleted);
  }

  private async withUrl(ctx: RequestContext, connector: Connector, token: string): Promise<ConnectorWithUrl> {
    return {
      connector: await toObject(ctx.manager, connector),
      webhookUrl: `${ctx.exports.config.publicUrl ?? ''}${webhookPath(connector.kind, token)}`,
    };
  }
}
