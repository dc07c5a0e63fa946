import { catalog } from '../../src/catalog';
import { reportQueryField } from '../../src/catalog/naming';
import { chatwootSignature } from '../../src/connectors/chatwoot/signature';
import { createAccount, TestAccount } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/app';
import { applyAll, createChatwootConnector, deliver, ownerQuery, referencePayloads } from './chatwoot/support';

const NOT_FOUND = { errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] };

/**
 * The reference deliveries of one Chatwoot conversation (payloads/: account 3, WhatsApp inbox 11,
 * contact 2087, display id 482, agent user 14; UTC on 2026-03-09), posted as Chatwoot posts them.
 */
describe('POST /ingest/chatwoot/<token>', () => {
  let app: TestApp;
  let account: TestAccount;
  let path: string;
  const payloads = referencePayloads();
  const byName = (prefix: string) => payloads.find((p) => p.name.startsWith(prefix))!.body;

  const count = async (table: string, accountId = account.id) =>
    (await ownerQuery(app.db, accountId, `SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1`, [accountId]))[0].n as number;

  async function reportRows(key: string, report: string, filter: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    const definition = catalog.find((r) => r.key === report)!;
    const field = reportQueryField(report);
    const response = await app.graphql<Record<string, { nodes: Array<Record<string, unknown>> }>>(
      `query($filter: ReportFilter!) { ${field}(filter: $filter, first: 100) { nodes { ${definition.columns.map((c) => c.field).join(' ')} } } }`,
      { key, variables: { filter } },
    );
    expect(response.errors).toBeUndefined();
    return response.data![field].nodes;
  }

  beforeAll(async () => {
    app = await startTestApp();
    account = await createAccount(app.db);
    path = (await createChatwootConnector(app, account.key)).webhookUrl;
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 200 once each delivery is stored, and the applied conversation has the values worked out by hand', async () => {
    for (const { name, body } of payloads) {
      const response = await deliver(app, path, body);
      expect({ name, status: response.status, stored: response.body.stored }).toEqual({ name, status: 200, stored: true });
    }
    await applyAll(app.db, account.id);
    const [row] = await reportRows(account.key, 'conversations_resolved', { from: '2026-03-09', to: '2026-03-10', timeZone: 'UTC' });
    expect(row).toMatchObject({
      channel: 'WhatsApp Atendimento',
      contactPrimaryIdentifier: '+5511987654321',
      // created_at 1773058443 = 12:14:03.
      createdAt: '2026-03-09T12:14:03.000Z',
      currentStatus: 'RESOLVED',
      // 08 (snapshot updated_at 1773060000.578) and 09 (changed_attributes 12:40:00.512Z) are one change at 12:40:00.
      resolvedAt: '2026-03-09T12:40:00.000Z',
      resolvedBy: 'AGENT',
      resolvedAgentName: 'Rafael Souza',
      // 881204 incoming; 881211 (reply) and 881240 (the CSAT survey) outgoing; 881215 is a private note.
      inboundMessageCount: 1,
      outboundMessageCount: 2,
      // No handover: from the first inbound 12:14:03.236 to the first reply 12:18:05.771 = 242.535 s → 243.
      firstResponseTimeSeconds: 243,
      // From the first inbound 12:14:03.236 to the resolution 12:40:00 = 1556.764 s → 1557.
      resolutionTimeSeconds: 1557,
      topicNames: ['avaria', 'troca'],
      // 10: rating 5, dated by its snapshot's updated_at 1773060737.64 = 12:52:17.
      csatScore: 5,
      csatFollowUpResponse: 'Atendimento excelente, obrigada!',
      lastUpdatedAt: '2026-03-09T12:52:17.000Z',
    });
    const messages = await ownerQuery(
      app.db,
      account.id,
      `SELECT external_id, direction, origin, private, message_type, content FROM messages WHERE account_id = $1 ORDER BY created_at`,
      [account.id],
    );
    expect(messages.map((m) => [m.external_id, m.direction, m.origin, m.private, m.message_type])).toEqual([
      ['message:881204', 'incoming', 'contact', false, 'text'],
      ['message:881211', 'outgoing', 'agent', false, 'text'],
      ['message:881215', 'outgoing', 'agent', true, 'text'],
      ['message:881240', 'outgoing', 'system', false, 'template'],
    ]);
    // The raw text, not the copy rendered for the channel with the survey link appended (10's `content`).
    expect(messages[3].content).toBe('Conta pra gente: como foi o seu atendimento?');
    expect(messages[0].content).toMatch(/^Oi, boa tarde!/);
    const [contact] = await ownerQuery(app.db, account.id, `SELECT name, email, phone_number FROM contacts WHERE account_id = $1`, [
      account.id,
    ]);
    // 07 added the e-mail; the earlier snapshots without it are older.
    expect(contact).toEqual({ name: 'Juliana Ribeiro', email: 'juliana.ribeiro@gmail.com', phone_number: '+5511987654321' });
    const [agent] = await ownerQuery(app.db, account.id, `SELECT external_id, kind, name, email FROM agents WHERE account_id = $1`, [
      account.id,
    ]);
    expect(agent).toEqual({ external_id: 'user:14', kind: 'human', name: 'Rafael Souza', email: 'rafael.souza@casaverde.com.br' });
  });

  it('counts a repeated delivery as a duplicate and stores nothing again', async () => {
    const before = await count('ingest_events');
    for (const { body } of [payloads[3], payloads[7], payloads[9]]) {
      const response = await deliver(app, path, body);
      expect(response).toEqual({
        status: 200,
        body: { event: expect.any(String), stored: false, duplicate: true, accepted: 0, duplicates: 0 },
      });
    }
    expect(await count('ingest_events')).toBe(before);
  });

  it('acknowledges and counts typing, widget and inbox events without storing anything', async () => {
    const before = await count('ingest_events');
    const conversation = JSON.parse(payloads[0].body.toString());
    delete conversation.event;
    for (const body of [
      { event: 'conversation_typing_on', user: { id: 14, name: 'Rafael Souza', type: 'user' }, conversation, is_private: false },
      { event: 'conversation_typing_off', user: { id: 14, name: 'Rafael Souza', type: 'user' }, conversation, is_private: false },
      { event: 'webwidget_triggered', id: 3109, contact: { id: 2087 }, inbox: { id: 11, name: 'Site' }, event_info: {} },
      { event: 'inbox_created', timezone: 'UTC', channel: { id: 4, account_id: 3 } },
    ]) {
      const response = await deliver(app, path, JSON.stringify(body));
      expect(response).toEqual({ status: 200, body: { event: body.event, stored: false, duplicate: false, accepted: 0, duplicates: 0 } });
    }
    expect(await count('ingest_events')).toBe(before);
    const listed = await app.graphql<{ connectors: Array<{ deliveries: Array<{ event: string; outcome: string; count: number }> }> }>(
      `{ connectors { deliveries { event outcome count } } }`,
      { key: account.key },
    );
    const deliveries = listed.data!.connectors[0].deliveries;
    expect(deliveries).toEqual(
      expect.arrayContaining([
        { event: 'conversation_typing_on', outcome: 'acknowledged', count: 1 },
        { event: 'webwidget_triggered', outcome: 'acknowledged', count: 1 },
        { event: 'inbox_created', outcome: 'acknowledged', count: 1 },
        // 01 and 06–09 minus the repeats: 03, 06 and 09 are conversation_updated, each stored once.
        { event: 'conversation_updated', outcome: 'stored', count: 3 },
      ]),
    );
  });

  describe('malformed deliveries get coded errors, store nothing, and the server stays up', () => {
    const conversation = () => JSON.parse(payloads[0].body.toString()) as Record<string, any>;
    it.each([
      ['not JSON', '{"event": "conversation_created", ', 'MALFORMED_JSON', undefined],
      ['not an object', '[1, 2]', 'MALFORMED_PAYLOAD', '$'],
      ['no event', JSON.stringify({ id: 1 }), 'MALFORMED_PAYLOAD', '$.event'],
      ['an unknown event', JSON.stringify({ ...conversation(), event: 'conversation_deleted' }), 'UNKNOWN_EVENT', '$.event'],
      ['a missing id', JSON.stringify({ ...conversation(), id: undefined }), 'MALFORMED_PAYLOAD', '$.id'],
      ['an id of the wrong type', JSON.stringify({ ...conversation(), id: '482' }), 'MALFORMED_PAYLOAD', '$.id'],
      [
        'a missing contact',
        JSON.stringify({ ...conversation(), meta: { ...conversation().meta, sender: null } }),
        'MALFORMED_PAYLOAD',
        '$.meta.sender',
      ],
      ['an unknown channel', JSON.stringify({ ...conversation(), channel: 'Channel::Carrier' }), 'MALFORMED_PAYLOAD', '$.channel'],
      [
        'a CSAT rating out of range',
        JSON.stringify({
          ...JSON.parse(payloads[9].body.toString()),
          content_attributes: { submitted_values: { csat_survey_response: { rating: 9 } } },
        }),
        'MALFORMED_PAYLOAD',
        '$.content_attributes.submitted_values.csat_survey_response.rating',
      ],
    ])('%s → 400 with its code', async (_case, body, code, where) => {
      const before = await count('ingest_events');
      const response = await deliver(app, path, body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toEqual({ code, ...(where ? { path: where } : {}) });
      expect(await count('ingest_events')).toBe(before);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });

  it('keeps a contact’s custom attributes: all of them at its creation, then those its updates change', async () => {
    const own = await createAccount(app.db);
    const ownPath = (await createChatwootConnector(app, own.key)).webhookUrl;
    const contact = JSON.parse(payloads.find((p) => p.name.startsWith('07_'))!.body.toString());
    const created = { ...contact, event: 'contact_created', custom_attributes: { plano: 'prata', vip: true, cor: 'azul', vazio: null } };
    delete created.changed_attributes;
    const current = { plano: 'ouro', vip: true, pedidos: 3 };
    const fields = { city: 'São Paulo', company_name: 'Ribeiro Móveis', description: 'Cliente desde 2019' };
    const updated = {
      ...contact,
      custom_attributes: current,
      additional_attributes: fields,
      changed_attributes: [
        { custom_attributes: { previous_value: created.custom_attributes, current_value: current } },
        { additional_attributes: { previous_value: contact.additional_attributes, current_value: fields } },
        { updated_at: { previous_value: '2026-03-09T12:14:03.301Z', current_value: '2026-03-09T12:22:48.300Z' } },
      ],
    };
    // Creation: plano, vip, cor (vazio holds no value), the city Campinas of its additional_attributes and the contact. The
    // update: plano changed, cor removed, pedidos added; city changed, company_name added (description is not a field); the contact.
    expect((await deliver(app, ownPath, JSON.stringify(created))).body).toMatchObject({ stored: true, accepted: 5 });
    expect((await deliver(app, ownPath, JSON.stringify(updated))).body).toMatchObject({ stored: true, accepted: 6 });
    await applyAll(app.db, own.id);
    const attributes = await ownerQuery(
      app.db,
      own.id,
      `SELECT name, value, type FROM contact_attributes WHERE account_id = $1 AND value IS NOT NULL ORDER BY name`,
      [own.id],
    );
    expect(attributes).toEqual([
      { name: 'city', value: 'São Paulo', type: 'default' },
      { name: 'company_name', value: 'Ribeiro Móveis', type: 'default' },
      { name: 'pedidos', value: '3', type: 'custom' },
      { name: 'plano', value: 'ouro', type: 'custom' },
      { name: 'vip', value: 'true', type: 'custom' },
    ]);
  });

  it('reads the contact’s id within the inbox from contact_inbox, and tells Twilio’s WhatsApp from its SMS by it', async () => {
    const own = await createAccount(app.db);
    const ownPath = (await createChatwootConnector(app, own.key)).webhookUrl;
    const created = JSON.parse(payloads[0].body.toString());
    // The reference WhatsApp conversation (contact_inbox source_id 5511987654321), and two Twilio ones: WhatsApp senders are
    // `whatsapp:+<digits>`, SMS ones `+<digits>`.
    const twilio = (display: number, inbox: number, sourceId: string) => ({
      ...created,
      id: display,
      inbox_id: inbox,
      channel: 'Channel::TwilioSms',
      contact_inbox: { ...created.contact_inbox, inbox_id: inbox, source_id: sourceId },
    });
    for (const body of [created, twilio(900, 21, 'whatsapp:+5511987654321'), twilio(901, 22, '+5511987654321')])
      expect((await deliver(app, ownPath, JSON.stringify(body))).status).toBe(200);
    await applyAll(app.db, own.id);
    const inboxes = await ownerQuery(app.db, own.id, `SELECT external_id, channel_type FROM inboxes WHERE account_id = $1 ORDER BY 1`, [
      own.id,
    ]);
    expect(inboxes).toEqual([
      { external_id: 'inbox:11', channel_type: 'whatsapp' },
      { external_id: 'inbox:21', channel_type: 'whatsapp' },
      { external_id: 'inbox:22', channel_type: 'sms' },
    ]);
    // One attribute per contact and name: the two WhatsApp ids share whatsapp_id, both dated by contact_inbox.updated_at
    // (18:40:12.908 → 18:40:12); the later event id of the tie wins, so only the set of names and the SMS value are fixed.
    const attributes = await ownerQuery(
      app.db,
      own.id,
      `SELECT name, value, type, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS at FROM contact_attributes
        WHERE account_id = $1 ORDER BY name`,
      [own.id],
    );
    expect(attributes.map((a) => a.name)).toEqual(['sms_id', 'whatsapp_id']);
    expect(attributes[0]).toEqual({ name: 'sms_id', value: '+5511987654321', type: 'medium', at: '2026-02-14 18:40:12' });
    expect(['5511987654321', 'whatsapp:+5511987654321']).toContain(attributes[1].value);
  });

  it('keeps a snoozed conversation’s status, and takes a message’s origin from its automation rule, campaign or Captain sender', async () => {
    const own = await createAccount(app.db);
    const ownPath = (await createChatwootConnector(app, own.key)).webhookUrl;
    const created = JSON.parse(payloads[0].body.toString());
    const reply = JSON.parse(byName('04_').toString());
    const statusChange = (from: string, to: string, at: string) => ({
      ...created,
      event: 'conversation_updated',
      status: to,
      changed_attributes: [
        { status: { previous_value: from, current_value: to } },
        { updated_at: { previous_value: null, current_value: at } },
      ],
    });
    const message = (id: number, at: string, change: Record<string, unknown>) => ({ ...reply, id, created_at: at, ...change });
    const deliveries = [
      created,
      // Snoozed at 12:30, back to open at 13:00: the snooze is no status of ours.
      statusChange('open', 'snoozed', '2026-03-09T12:30:00.000Z'),
      statusChange('snoozed', 'open', '2026-03-09T13:00:00.000Z'),
      message(881301, '2026-03-09T13:01:00.000Z', { content_attributes: { automation_rule_id: 9 }, sender: null }),
      message(881302, '2026-03-09T13:02:00.000Z', { additional_attributes: { campaign_id: 4 }, sender: null }),
      message(881303, '2026-03-09T13:03:00.000Z', { sender: { id: 3, name: 'Capitã', type: 'captain_assistant' } }),
    ];
    for (const body of deliveries) expect((await deliver(app, ownPath, JSON.stringify(body))).status).toBe(200);
    await applyAll(app.db, own.id);
    const statuses = await ownerQuery(
      app.db,
      own.id,
      `SELECT e.to_status, to_char(e.occurred_at AT TIME ZONE 'UTC', 'HH24:MI:SS') AS at FROM conversation_events e
        WHERE e.account_id = $1 AND e.kind IN ('status_changed', 'reopened') ORDER BY e.occurred_at`,
      [own.id],
    );
    // Created open at 12:14:03; the snooze left no event; the move out of it is a change to open at 13:00.
    expect(statuses).toEqual([
      { to_status: 'open', at: '12:14:03' },
      { to_status: 'open', at: '13:00:00' },
    ]);
    const messages = await ownerQuery(
      app.db,
      own.id,
      `SELECT m.external_id, m.origin, m.outbound_type, m.system_user_type, a.external_id AS agent, a.kind
         FROM messages m LEFT JOIN agents a ON a.id = m.sender_agent_id WHERE m.account_id = $1 ORDER BY m.external_id`,
      [own.id],
    );
    expect(messages).toEqual([
      {
        external_id: 'message:881301',
        origin: 'automation',
        outbound_type: 'auto_reply',
        system_user_type: 'automation',
        agent: null,
        kind: null,
      },
      {
        external_id: 'message:881302',
        origin: 'automation',
        outbound_type: 'proactive',
        system_user_type: 'automation',
        agent: null,
        kind: null,
      },
      {
        external_id: 'message:881303',
        origin: 'virtual_agent',
        outbound_type: 'reply',
        system_user_type: 'virtual_agent',
        agent: 'captain:3',
        kind: 'virtual',
      },
    ]);
  });

  it('answers an unknown, rotated or deleted token with the same bare 404, recorded outside every account', async () => {
    const other = await createChatwootConnector(app, account.key);
    const rotated = await app.graphql<{ rotateConnectorToken: { webhookUrl: string } }>(
      `mutation($id: ID!) { rotateConnectorToken(id: $id) { webhookUrl } }`,
      { key: account.key, variables: { id: other.id } },
    );
    const before = (await app.db.owner.query(`SELECT count(*)::int AS n FROM connector_unknown_deliveries`))[0].n as number;
    for (const url of ['/ingest/chatwoot/cwt_nobody-holds-this', '/ingest/chatwoot/x', other.webhookUrl]) {
      const response = await deliver(app, url, payloads[0].body);
      expect(response).toEqual({ status: 404, body: NOT_FOUND });
    }
    expect((await deliver(app, rotated.data!.rotateConnectorToken.webhookUrl, payloads[0].body)).status).toBe(200);
    await app.graphql(`mutation($id: ID!) { deleteConnector(id: $id) { id } }`, { key: account.key, variables: { id: other.id } });
    expect(await deliver(app, rotated.data!.rotateConnectorToken.webhookUrl, payloads[0].body)).toEqual({ status: 404, body: NOT_FOUND });
    const [{ n }] = await app.db.owner.query(`SELECT count(*)::int AS n FROM connector_unknown_deliveries`);
    expect(n).toBe(before + 4);
  });

  describe('with a signing secret', () => {
    const secret = 'whsec-casa-verde';
    let signed: TestAccount;
    let signedPath: string;

    beforeAll(async () => {
      signed = await createAccount(app.db);
      signedPath = (await createChatwootConnector(app, signed.key, secret)).webhookUrl;
    });

    const refusals = async () =>
      (
        await ownerQuery(
          app.db,
          signed.id,
          `SELECT count(*)::int AS n FROM audit_events WHERE account_id = $1 AND action = 'connector_delivery_refused'`,
          [signed.id],
        )
      )[0].n as number;

    it('stores a validly signed delivery, and a replay of its delivery id is a duplicate', async () => {
      const first = await deliver(app, signedPath, payloads[0].body, { secret, delivery: 'd-0001' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ stored: true, duplicate: false });
      const events = await count('ingest_events', signed.id);
      expect(events).toBeGreaterThan(0);
      // Chatwoot keeps the delivery id on a retry; the new timestamp signs anew.
      const replay = await deliver(app, signedPath, payloads[0].body, {
        secret,
        delivery: 'd-0001',
        timestamp: Math.floor(Date.now() / 1000) - 60,
      });
      expect(replay).toEqual({
        status: 200,
        body: { event: 'conversation_created', stored: false, duplicate: true, accepted: 0, duplicates: 0 },
      });
      expect(await count('ingest_events', signed.id)).toBe(events);
    });

    it.each([
      ['a wrong secret', { secret: 'not-the-secret' }, 'BAD_SIGNATURE'],
      ['a timestamp 301 s old', { secret, timestamp: Math.floor(Date.now() / 1000) - 301 }, 'STALE_TIMESTAMP'],
      ['a timestamp 10 minutes ahead', { secret, timestamp: Math.floor(Date.now() / 1000) + 600 }, 'STALE_TIMESTAMP'],
      ['no signature header', { secret, omit: ['x-chatwoot-signature'] }, 'MISSING_SIGNATURE_HEADERS'],
      ['no timestamp header', { secret, omit: ['x-chatwoot-timestamp'] }, 'MISSING_SIGNATURE_HEADERS'],
      ['no delivery header', { secret, omit: ['x-chatwoot-delivery'] }, 'MISSING_SIGNATURE_HEADERS'],
      ['no headers at all', undefined, 'MISSING_SIGNATURE_HEADERS'],
    ])('refuses %s with 401, stores nothing and records the refusal', async (_case, sign, code) => {
      const [events, refused] = [await count('ingest_events', signed.id), await refusals()];
      const response = await deliver(app, signedPath, payloads[1].body, sign);
      expect(response.status).toBe(401);
      expect(response.body.errors[0].extensions).toEqual({ code });
      expect(await count('ingest_events', signed.id)).toBe(events);
      expect(await refusals()).toBe(refused + 1);
    });

    it('refuses a body changed after signing', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = chatwootSignature(secret, String(timestamp), payloads[1].body);
      const tampered = payloads[1].body.toString().replace('Oi, boa tarde!', 'Oi, boa noite!');
      const response = await fetch(`${app.url}${signedPath}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-chatwoot-signature': signature,
          'x-chatwoot-timestamp': String(timestamp),
          'x-chatwoot-delivery': 'd-9',
        },
        body: tampered,
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_SIGNATURE');
    });
  });
});
