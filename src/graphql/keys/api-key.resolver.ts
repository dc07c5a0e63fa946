import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AuditAction } from '../../audit/audit.enums';
import { recordAuditEvent } from '../../audit/audit-log';
import { announceRevocation, createApiKey } from '../../auth/api-keys';
import { RequestContext } from '../../context';
import { badUserInput, forbidden, notFound } from '../../errors';
import { parseId } from '../../ids';
import { ApiKey } from './api-key.type';
import { CreateApiKeyInput } from './create-api-key.input';
import { CreatedApiKey } from './created-api-key.type';

const COLUMNS = `id::text AS id, name, role, read_only AS "readOnly", key_prefix AS prefix,
                 created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

const MAX_NAME_LENGTH = 100;

function requireAdmin(ctx: RequestContext, change: boolean): void {
  if (ctx.key.role !== 'admin') throw forbidden('Only admin keys can manage API keys.');
  if (change && ctx.key.readOnly) throw forbidden('This admin key is read-only; creating or revoking keys needs one that is not.');
}

/** Key management for admins. Every statement runs in the request's transaction, so RLS keeps it to the key's account. */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], {
    description: 'The account’s API keys, oldest first, without their secrets. Admin keys only (FORBIDDEN otherwise).',
  })
  apiKeys(
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Also list revoked keys.' }) includeRevoked: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKey[]> {
    requireAdmin(ctx, false);
    return ctx.manager.query(
      `SELECT ${COLUMNS} FROM api_keys WHERE account_id = $1 AND ($2 OR revoked_at IS NULL) ORDER BY created_at, id`,
      [ctx.accountId, includeRevoked],
    );
  }

  @Mutation(() => CreatedApiKey, {
    description:
      'Creates an API key in the account and returns its secret, once. Admin keys that are not read-only only (FORBIDDEN otherwise).',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'Role, name and whether the key is read-only.' }) input: CreateApiKeyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiKey> {
    requireAdmin(ctx, true);
    const name = input.name.trim();
    if (name.length < 1 || name.length > MAX_NAME_LENGTH)
      throw badUserInput(`name must be 1 to ${MAX_NAME_LENGTH} characters.`, 'input.name');
    const created = await createApiKey(ctx.manager, { accountId: ctx.accountId, role: input.role, name, readOnly: input.readOnly });
    await recordAuditEvent(ctx.manager, {
      action: AuditAction.API_KEY_CREATED,
      keyId: ctx.key.id,
      subjectKeyId: created.id,
      clientIp: ctx.clientIp,
    });
    const [apiKey]: ApiKey[] = await ctx.manager.query(`SELECT ${COLUMNS} FROM api_keys WHERE account_id = $1 AND id = $2`, [
      ctx.accountId,
      created.id,
    ]);
    return { apiKey, secret: created.key };
  }

  @Mutation(() => ApiKey, {
    description:
      'Revokes an API key of the account at once; revoking a revoked key changes nothing. NOT_FOUND for ids outside the account. ' +
      'Admin keys that are not read-only only (FORBIDDEN otherwise).',
  })
  async revokeApiKey(
    @Arg('id', () => ID, { description: 'Identifier of the key to revoke.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiKey> {
    requireAdmin(ctx, true);
    // TypeORM answers an UPDATE with [rows, affected]. now() is this transaction's start, so only a
    // revocation made by this statement equals it.
    const [[row]]: [Array<ApiKey & { revokedNow: boolean }>, number] = await ctx.manager.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE account_id = $1 AND id = $2
       RETURNING ${COLUMNS}, revoked_at = now() AS "revokedNow"`,
      [ctx.accountId, parseId(id, 'id')],
    );
    if (!row) throw notFound(`No API key with id ${id}.`);
    const { revokedNow, ...apiKey } = row;
    if (revokedNow) {
      await announceRevocation(ctx.manager, apiKey.id);
      await recordAuditEvent(ctx.manager, {
        action: AuditAction.API_KEY_REVOKED,
        keyId: ctx.key.id,
        subjectKeyId: apiKey.id,
        clientIp: ctx.clientIp,
      });
    }
    return apiKey;
  }
}
