import { DataSource } from 'typeorm';
import { AuditAction } from '../../audit/audit.enums';
import { recordAuditEvent } from '../../audit/audit-log';
import { IngestConfig } from '../../config';
import { SecretKeySource } from '../../db/secret-box';
import { closeTenantTransaction, openTransaction } from '../../db/tenant-transaction';
import { Sql } from '../../db/sql';
import { storeBatch } from '../../ingest/event-log';
import { ValidEvent, validateEvent } from '../../ingest/validate';
import { CURRENT_ACCOUNT } from '../../../migrations/tenancy';
import { connectorByToken, connectorSource, recordUnknownDelivery } from '../connector.store';
import { RefusalReason } from '../refusal-counts';
import { DeliveryHeaders, verifyDelivery } from './signature';
import { ChatwootPayloadError, mapWebhook } from './webhook';

export interface Delivery {
  token: string;
  headers: DeliveryHeaders;
  body: Buffer;
  clientIp: string | null;
  nowMs: number;
}

export type DeliveryCode =
  | 'NOT_FOUND'
  | 'MISSING_SIGNATURE_HEADERS'
  | 'BAD_SIGNATURE'
  | 'STALE_TIMESTAMP'
  | 'MALFORMED_JSON'
  | 'MALFORMED_PAYLOAD'
  | 'UNKNOWN_EVENT'
  | 'INVALID_EVENT'
  | 'RATE_LIMITED';

/** A delivery refused for its tenant's load: nothing of it is stored, and it is only counted (in memory), so a flood costs no writes. */
export interface AdmissionRefusal {
  message: string;
  retryAfter: number;
  reason: RefusalReason;
}

export type DeliveryOutcome =
  | { ok: true; event: string; stored: boolean; duplicate: boolean; accepted: number; duplicates: number }
  | { ok: false; code: Exclude<DeliveryCode, 'RATE_LIMITED'>; message: string; path?: string }
  | ({ ok: false; code: 'RATE_LIMITED' } & AdmissionRefusal);

/**
 * The limits a delivery is held to once its connector is known, kept by the caller (they are the
 * API's, shared with every other request of the account). Each check answers a refusal or null.
 */
export interface DeliveryAdmission {
  /** Takes a slot of the connector's account for the rest of the delivery; the caller hands it back. */
  enterAccount(accountId: string): AdmissionRefusal | null;
  /** Spends from the connector's rate budget by the number of events the delivery stores (an acknowledgement costs like one). */
  spend(connectorId: string, eventCount: number): AdmissionRefusal | null;
  /** Counts a refusal of one of the checks above against its connector. */
  refused(accountId: string, connectorId: string, refusal: AdmissionRefusal): void;
}

type Refusal = Extract<DeliveryOutcome, { ok: false }>;

function refuse(code: Exclude<DeliveryCode, 'RATE_LIMITED'>, message: string, path?: string): Refusal {
  return { ok: false, code, message, ...(path ? { path } : {}) };
}

function rateLimited(refusal: AdmissionRefusal): Refusal {
  return { ok: false, code: 'RATE_LIMITED', ...refusal };
}

async function recordDelivery(
  sql: Sql,
  row: {
    connectorId: string;
    event: string | null;
    outcome: string;
    dedupeKey: string | null;
    clientIp: string | null;
    eventCount?: number;
  },
): Promise<boolean> {
  const inserted: unknown[] = await sql.query(
    `INSERT INTO connector_deliveries (account_id, connector_id, event, outcome, dedupe_key, client_ip, event_count)
     VALUES (${CURRENT_ACCOUNT}, $1, $2, $3, $4, $5::inet, $6)
     ON CONFLICT (account_id, connector_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
    [row.connectorId, row.event, row.outcome, row.dedupeKey, row.clientIp, row.eventCount ?? 0],
  );
  return inserted.length === 1;
}

/** Turns the body into validated events, or says what is wrong with it (with the JSON path at fault). */
function eventsOf(body: Buffer): { event: string; events: ValidEvent[] | null } | Refusal {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return refuse('MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
  try {
    const mapped = mapWebhook(payload);
    if (!mapped.stored) return { event: mapped.event, events: null };
    const events: ValidEvent[] = [];
    for (const [index, raw] of mapped.events.entries()) {
      const result = validateEvent(raw, index);
      // A payload that maps to an event our model refuses (a text beyond its limit, say) is refused whole: nothing half-stored.
      if (!result.ok) return refuse('INVALID_EVENT', `${raw.type}: ${result.rejection.message}`, result.rejection.path);
      events.push(result.event);
    }
    return { event: mapped.event, events };
  } catch (error) {
    if (error instanceof ChatwootPayloadError) return refuse(error.code, error.message, error.path);
    throw error;
  }
}

/**
 * One webhook delivery, start to end in one transaction: find the connector by its token (bound to
 * its account from then on), check the signature, dedupe, map and store the events with their
 * apply job. The caller answers 200 only once this has returned, i.e. after the commit. Refusals
 * are recorded (unknown tokens outside every account), and nothing of a refused delivery is stored.
 * The account's in-flight slot is taken before the signature is checked, and the rate budget is
 * spent only by deliveries that passed it: whoever lacks the secret cannot use up the connector's budget.
 */
export async function receiveChatwootDelivery(
  runtime: DataSource,
  delivery: Delivery,
  config: IngestConfig,
  admission: DeliveryAdmission,
  keys: SecretKeySource,
): Promise<DeliveryOutcome> {
  const runner = await openTransaction(runtime);
  let commit = false;
  try {
    const connector = await connectorByToken(runner, 'chatwoot', delivery.token, keys);
    if (!connector) {
      await recordUnknownDelivery(runner, 'chatwoot', delivery.token, delivery.clientIp);
      commit = true;
      return refuse('NOT_FOUND', 'Not found.');
    }
    const full = admission.enterAccount(connector.accountId);
    if (full) {
      admission.refused(connector.accountId, connector.id, full);
      return rateLimited(full);
    }
    const base = { connectorId: connector.id, clientIp: delivery.clientIp };
    const verification = verifyDelivery(connector.signingSecret, delivery.headers, delivery.body, delivery.nowMs);
    if (!verification.ok) {
      await recordDelivery(runner, {
        ...base,
        event: null,
        outcome: verification.reason === 'STALE_TIMESTAMP' ? 'stale' : 'bad_signature',
        dedupeKey: null,
      });
      await recordAuditEvent(runner, {
        action: AuditAction.CONNECTOR_DELIVERY_REFUSED,
        keyId: null,
        connectorId: connector.id,
        clientIp: delivery.clientIp,
      });
      commit = true;
      return refuse(verification.reason, verification.message);
    }
    const parsed = eventsOf(delivery.body);
    const overspent = admission.spend(connector.id, 'ok' in parsed ? 1 : (parsed.events?.length ?? 1));
    if (overspent) {
      admission.refused(connector.accountId, connector.id, overspent);
      return rateLimited(overspent);
    }
    if ('ok' in parsed) {
      await recordDelivery(runner, { ...base, event: null, outcome: 'malformed', dedupeKey: null });
      commit = true;
      return parsed;
    }
    const fresh = await recordDelivery(runner, {
      ...base,
      event: parsed.event,
      outcome: parsed.events ? 'stored' : 'acknowledged',
      dedupeKey: verification.dedupeKey,
      eventCount: parsed.events?.length ?? 0,
    });
    commit = true;
    if (!fresh || !parsed.events) {
      return { ok: true, event: parsed.event, stored: false, duplicate: !fresh, accepted: 0, duplicates: 0 };
    }
    const receipt = await storeBatch(
      runner,
      {
        source: connectorSource(connector),
        keyId: null,
        connectorId: connector.id,
        clientIp: delivery.clientIp,
        events: parsed.events,
        rejected: [],
      },
      config,
    );
    return { ok: true, event: parsed.event, stored: true, duplicate: false, accepted: receipt.accepted, duplicates: receipt.duplicates };
  } catch (error) {
    commit = false;
    throw error;
  } finally {
    await closeTenantTransaction(runner, commit);
  }
}
