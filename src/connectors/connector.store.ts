import crypto from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { AuditAction } from '../audit/audit.enums';
import { recordAuditEvent } from '../audit/audit-log';
import { Sql } from '../db/sql';
import { badUserInput, notFound } from '../errors';
import { SecretKeySource, openText, sealText } from '../db/secret-box';
import { CURRENT_ACCOUNT } from '../../migrations/tenancy';

export type ConnectorKind = 'chatwoot';

export interface Connector {
  id: string;
  kind: ConnectorKind;
  name: string;
  /** The platform's own account id (Chatwoot's `accounts.id`). */
  platformAccountId: string;
  tokenPrefix: string;
  hasSigningSecret: boolean;
  createdAt: Date;
  tokenRotatedAt: Date | null;
}

/** A connector as a delivery finds it by its token: with the secret to check the signature, decrypted. */
export interface DeliveryConnector extends Connector {
  accountId: string;
  signingSecret: string | null;
}

export interface CreatedConnector {
  connector: Connector;
  /** The URL token, shown once: only its hash is stored. */
  token: string;
}

/** Who acts on a connector, for the audit trail: an admin key, or null from the command line. */
export interface Actor {
  keyId: string | null;
  clientIp: string | null;
}

const MAX_NAME_LENGTH = 100;
const MAX_SECRET_LENGTH = 500;
const TOKEN_PREFIX = 'cwt_';

const COLUMNS = `id::text AS id, kind, name, platform_account_id::text AS "platformAccountId", token_prefix AS "tokenPrefix",
                 signing_secret_sealed IS NOT NULL AS "hasSigningSecret", created_at AS "createdAt", token_rotated_at AS "tokenRotatedAt"`;

/**
 * The source of a connector's events in the ingestion log: every Chatwoot id it sends lives in
 * this id space, so two connectors (two Chatwoot accounts) never resolve each other's ids.
 */
export function connectorSource(connector: Pick<Connector, 'kind' | 'id'>): string {
  return `${connector.kind}:${connector.id}`;
}

export function hashConnectorToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** The path a platform posts its webhooks to. */
export function webhookPath(kind: ConnectorKind, token: string): string {
  return `/ingest/${kind}/${token}`;
}

export interface CreateConnectorInput {
  kind: ConnectorKind;
  name: string;
  platformAccountId: number;
  signingSecret?: string | null;
}

function checkInput(input: CreateConnectorInput): { name: string; secret: string | null } {
  const name = input.name.trim();
  if (name.length < 1 || name.length > MAX_NAME_LENGTH)
    throw badUserInput(`name must be 1 to ${MAX_NAME_LENGTH} characters.`, 'input.name');
  if (!Number.isInteger(input.platformAccountId) || input.platformAccountId < 1)
    throw badUserInput('chatwootAccountId must be a positive integer (Chatwoot’s account id).', 'input.chatwootAccountId');
  const secret = input.signingSecret?.trim() || null;
  if (secret !== null && secret.length > MAX_SECRET_LENGTH)
    throw badUserInput(`signingSecret is at most ${MAX_SECRET_LENGTH} characters.`, 'input.signingSecret');
  return { name, secret };
}

/**
 * The signing secret is kept encrypted like the schedules' SFTP secrets, bound to its connector:
 * a ciphertext copied onto another connector or account does not decrypt.
 */
const secretBinding = (accountId: string, connectorId: string): string => `connector:${accountId}:${connectorId}`;

export function sealSigningSecret(keys: SecretKeySource, accountId: string, connectorId: string, secret: string): string {
  return sealText(keys, secretBinding(accountId, connectorId), secret);
}

/**
 * Creates a connector in the bound account and records it; the token is returned once. The secret
 * is sealed once the row has its id (which the seal is bound to), in the same transaction.
 */
export async function createConnector(
  sql: Sql,
  input: CreateConnectorInput,
  actor: Actor,
  keys: SecretKeySource,
): Promise<CreatedConnector> {
  const { name, secret } = checkInput(input);
  const token = newToken();
  const [{ accountId, ...connector }]: Array<Connector & { accountId: string }> = await sql.query(
    `INSERT INTO connectors (account_id, kind, name, platform_account_id, token_hash, token_prefix)
     VALUES (${CURRENT_ACCOUNT}, $1, $2, $3, $4, $5) RETURNING ${COLUMNS}, account_id::text AS "accountId"`,
    [input.kind, name, input.platformAccountId, hashConnectorToken(token), token.slice(0, 8)],
  );
  if (secret !== null) {
    await sql.query(`UPDATE connectors SET signing_secret_sealed = $2 WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT}`, [
      connector.id,
      sealSigningSecret(keys, accountId, connector.id, secret),
    ]);
    connector.hasSigningSecret = true;
  }
  await recordAuditEvent(sql, {
    action: AuditAction.CONNECTOR_CREATED,
    keyId: actor.keyId,
    connectorId: connector.id,
    clientIp: actor.clientIp,
  });
  return { connector, token };
}

/**
 * Every statement names the bound account as well as relying on RLS: the command line's owner may
 * be a superuser, whom no policy binds.
 */

/** The bound account's connectors that are not deleted, oldest first. */
export function listConnectors(sql: Sql): Promise<Connector[]> {
  return sql.query(
    `SELECT ${COLUMNS} FROM connectors WHERE account_id = ${CURRENT_ACCOUNT} AND deleted_at IS NULL ORDER BY created_at, id`,
  );
}

/** A new token at once: the old URL answers 404 from this commit on. */
export async function rotateConnectorToken(sql: Sql, id: string, actor: Actor): Promise<CreatedConnector> {
  const token = newToken();
  const rows: [Connector[], number] = await sql.query(
    `UPDATE connectors SET token_hash = $2, token_prefix = $3, token_rotated_at = now()
      WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT} AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [id, hashConnectorToken(token), token.slice(0, 8)],
  );
  const [connector] = rows[0];
  if (!connector) throw notFound(`No connector with id ${id}.`);
  await recordAuditEvent(sql, {
    action: AuditAction.CONNECTOR_TOKEN_ROTATED,
    keyId: actor.keyId,
    connectorId: id,
    clientIp: actor.clientIp,
  });
  return { connector, token };
}

/**
 * Stops the connector's deliveries; what it brought in stays (the events and the rows made from
 * them belong to the account, and reports keep counting them).
 */
export async function deleteConnector(sql: Sql, id: string, actor: Actor): Promise<Connector> {
  const rows: [Connector[], number] = await sql.query(
    `UPDATE connectors SET deleted_at = now() WHERE id = $1 AND account_id = ${CURRENT_ACCOUNT} AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [id],
  );
  const [connector] = rows[0];
  if (!connector) throw notFound(`No connector with id ${id}.`);
  await recordAuditEvent(sql, { action: AuditAction.CONNECTOR_DELETED, keyId: actor.keyId, connectorId: id, clientIp: actor.clientIp });
  return connector;
}

/**
 * Finds a connector by the token of a delivery and binds the transaction to its account, in one
 * statement (the lookup policy shows only the row whose hash is presented, as for API keys).
 */
export async function connectorByToken(
  runner: QueryRunner,
  kind: ConnectorKind,
  token: string,
  keys: SecretKeySource,
): Promise<DeliveryConnector | null> {
  const rows: Array<Omit<DeliveryConnector, 'signingSecret'> & { sealed: string | null }> = await runner.query(
    `SELECT ${COLUMNS}, c.account_id::text AS "accountId", c.signing_secret_sealed AS sealed,
            set_config('app.account_id', c.account_id::text, true) AS bound,
            set_config('app.connector_token_hash', '', true) AS cleared
       FROM (SELECT set_config('app.connector_token_hash', $1, true) AS hash) AS presented
       CROSS JOIN LATERAL (SELECT * FROM connectors WHERE token_hash = presented.hash AND kind = $2 AND deleted_at IS NULL) AS c`,
    [hashConnectorToken(token), kind],
  );
  if (rows.length !== 1) return null;
  const { bound: _bound, cleared: _cleared, sealed, ...connector } = rows[0] as (typeof rows)[0] & { bound: string; cleared: string };
  return { ...connector, signingSecret: sealed === null ? null : openText(keys, secretBinding(connector.accountId, connector.id), sealed) };
}

/** A delivery to a token no connector holds; kept outside every account, with only the token's first characters. */
export async function recordUnknownDelivery(sql: Sql, kind: string, token: string, clientIp: string | null): Promise<void> {
  await sql.query(`INSERT INTO connector_unknown_deliveries (kind, token_prefix, client_ip) VALUES ($1, $2, $3::inet)`, [
    kind,
    token.slice(0, 8),
    clientIp,
  ]);
}

export interface DeliveryCount {
  event: string | null;
  outcome: string;
  count: number;
}

/** Recorded deliveries by event and outcome, and the refusals for load (counted apart, without a row each) by reason. */
export function deliveryCounts(sql: Sql, connectorId: string): Promise<DeliveryCount[]> {
  return sql.query(
    `SELECT event, outcome, count FROM (
       SELECT event, outcome, count(*)::int AS count FROM connector_deliveries WHERE connector_id = $1 AND account_id = ${CURRENT_ACCOUNT}
        GROUP BY event, outcome
       UNION ALL
       SELECT NULL, lower(reason), count::int FROM connector_refusals WHERE connector_id = $1 AND account_id = ${CURRENT_ACCOUNT}) counts
      ORDER BY event NULLS FIRST, outcome`,
    [connectorId],
  );
}

/** The account of a connector, found by its id alone (the import command is given no account); null when none is live. */
export async function accountOfConnector(runner: QueryRunner, id: string): Promise<string | null> {
  const rows: Array<{ account: string }> = await runner.query(
    `SELECT c.account_id::text AS account FROM (SELECT set_config('app.connector_id', $1, true)) AS presented
       CROSS JOIN LATERAL (SELECT account_id FROM connectors WHERE id = $1::bigint AND deleted_at IS NULL) AS c`,
    [id],
  );
  return rows[0]?.account ?? null;
}
