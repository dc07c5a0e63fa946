import {
  GenericEvent,
  agentUpserted,
  contactAttributes,
  contactFields,
  contactInboxAttribute,
  conversationBrowser,
  inboxChannelSet,
  preciseChannel,
  contactUpserted,
  conversationCreated,
  csatAnswered,
  handedOver,
  ids,
  inboxUpserted,
  isoOf,
  labelChanged,
  messageEvents,
  secondOf,
  statusChanged,
  teamUpserted,
  topicUpserted,
} from './facts';

/** A row as pg returns it; each table's query names its columns, and its mapping reads them by those names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SourceRow = Record<string, any>;

export interface ImportTable {
  name: string;
  /** Counts the rows the query pages through, for progress and ETA. */
  count: string;
  page: string;
  events(row: SourceRow): GenericEvent[];
}

const utc = (column: string, alias = column.split('.').pop()) => `(${column} AT TIME ZONE 'UTC') AS ${alias}`;

const CONTENT_TYPES: Record<number, string> = { 9: 'input_csat' };
const FILE_TYPES = ['image', 'audio', 'video', 'file', 'location'];
const SENDER_TYPES = ['User', 'Contact', 'AgentBot', 'Captain::Assistant'];

/**
 * Chatwoot's English activity lines for label changes (config/locales/en.yml: `%{user_name} added
 * %{labels}`, titles joined by ", "); the only record of a removal once its tagging is deleted. A
 * title is letters, digits, `_` and `-` (lib/regex_helper.rb), which tells these lines from
 * "removed the priority" and the like.
 */
const LABEL_ACTIVITY = /^.+ (added|removed) ([\p{L}\p{N}][\p{L}\p{N}_-]+(?:, [\p{L}\p{N}][\p{L}\p{N}_-]+)*)$/u;

/**
 * Each Chatwoot channel table, with what it says of its inboxes: the address contacts reach them
 * at, the number they send from and their provider (Chatwoot's `default` named). Credentials are
 * never read. Older Chatwoot versions lack some tables (Line, TikTok, Voice): only those present are joined.
 */
const CHANNEL_TABLES: Array<{ type: string; table: string; address: string | null; phone?: boolean; provider?: string; medium?: string }> =
  [
    {
      type: 'Channel::Whatsapp',
      table: 'channel_whatsapp',
      address: 'phone_number',
      phone: true,
      provider: `CASE c.provider WHEN 'default' THEN '360dialog' ELSE c.provider END`,
    },
    {
      type: 'Channel::TwilioSms',
      table: 'channel_twilio_sms',
      address: 'coalesce(c.phone_number, c.messaging_service_sid)',
      phone: true,
      provider: `'twilio'`,
      medium: 'c.medium',
    },
    {
      type: 'Channel::Sms',
      table: 'channel_sms',
      address: 'phone_number',
      phone: true,
      provider: `CASE c.provider WHEN 'default' THEN 'bandwidth' ELSE c.provider END`,
    },
    { type: 'Channel::Voice', table: 'channel_voice', address: 'phone_number', phone: true, provider: 'c.provider' },
    { type: 'Channel::Email', table: 'channel_email', address: 'email', provider: 'c.provider' },
    { type: 'Channel::WebWidget', table: 'channel_web_widgets', address: 'website_url' },
    { type: 'Channel::FacebookPage', table: 'channel_facebook_pages', address: 'page_id' },
    { type: 'Channel::Instagram', table: 'channel_instagram', address: 'instagram_id' },
    { type: 'Channel::TwitterProfile', table: 'channel_twitter_profiles', address: 'profile_id' },
    { type: 'Channel::Telegram', table: 'channel_telegram', address: 'bot_name' },
    { type: 'Channel::Line', table: 'channel_line', address: 'line_channel_id' },
    { type: 'Channel::Tiktok', table: 'channel_tiktok', address: 'business_id' },
    { type: 'Channel::Api', table: 'channel_api', address: null },
  ];

export const CHANNEL_TABLE_NAMES: readonly string[] = CHANNEL_TABLES.map((channel) => channel.table);

const column = (expression: string) => (/^[a-z_]+$/.test(expression) ? `c.${expression}` : expression);

/** One row per inbox with its channel row's facts as `channel` (null when the table is missing or has no row). */
function inboxesPage(present: ReadonlySet<string>): string {
  const lookups = CHANNEL_TABLES.filter((channel) => present.has(channel.table)).map(
    (
      channel,
    ) => `SELECT jsonb_build_object('address', ${channel.address ? column(channel.address) : 'NULL'}, 'phone', ${channel.phone === true},
                         'provider', ${channel.provider ?? 'NULL'}, 'medium', ${channel.medium ?? 'NULL'},
                         'updated_at', c.updated_at AT TIME ZONE 'UTC') AS channel
                    FROM ${channel.table} c WHERE i.channel_type = '${channel.type}' AND c.id = i.channel_id`,
  );
  const channel = lookups.length === 0 ? 'NULL::jsonb AS channel' : `(${lookups.join(' UNION ALL ')} LIMIT 1) AS channel`;
  return `SELECT i.id, i.name, i.channel_type, ${utc('i.updated_at')}, ${channel}
            FROM inboxes i WHERE i.account_id = $1 AND i.id > $2 ORDER BY i.id LIMIT $3`;
}

/**
 * The Chatwoot tables the import reads, in the order their events depend on each other, each as
 * one keyset-paged query over the connector's Chatwoot account (`$1`), after id `$2`, `$3` rows at
 * a time: memory stays bounded and the last id read is the table's high-water mark. Times are
 * read `AT TIME ZONE 'UTC'`, since Chatwoot stores naive UTC timestamps. `present` names the
 * channel tables this Chatwoot database has.
 */
export function importTables(present: ReadonlySet<string>): ImportTable[] {
  return [
    {
      name: 'inboxes',
      count: 'SELECT count(*)::int AS n FROM inboxes WHERE account_id = $1',
      page: inboxesPage(present),
      events: (row) => {
        const channel = row.channel as {
          address: string | null;
          phone: boolean;
          provider: string | null;
          medium: number | null;
          updated_at: string;
        } | null;
        const events = [
          inboxUpserted({
            id: row.id,
            name: row.name,
            // Twilio carries WhatsApp as well as SMS: its channel row says which (medium 1 = whatsapp).
            channel: row.channel_type === 'Channel::TwilioSms' && channel?.medium === 1 ? 'Channel::Whatsapp' : row.channel_type,
            at: isoOf(row.updated_at),
          }),
        ];
        if (channel) {
          events.push(
            inboxChannelSet({
              inboxId: row.id,
              address: channel.address,
              senderNumber: channel.phone ? channel.address : null,
              provider: channel.provider,
              at: isoOf(channel.updated_at),
            }),
          );
        }
        return events;
      },
    },
    {
      name: 'users',
      count: 'SELECT count(*)::int AS n FROM account_users WHERE account_id = $1',
      page: `SELECT au.id, u.id AS user_id, u.name, u.email, ${utc('u.updated_at')}
             FROM account_users au JOIN users u ON u.id = au.user_id
            WHERE au.account_id = $1 AND au.id > $2 ORDER BY au.id LIMIT $3`,
      events: (row) => [agentUpserted({ kind: 'user', id: row.user_id, name: row.name, email: row.email, at: isoOf(row.updated_at) })],
    },
    {
      name: 'agent_bots',
      count: 'SELECT count(*)::int AS n FROM agent_bots WHERE account_id = $1 OR account_id IS NULL',
      page: `SELECT id, name, ${utc('updated_at')} FROM agent_bots
            WHERE (account_id = $1 OR account_id IS NULL) AND id > $2 ORDER BY id LIMIT $3`,
      events: (row) => [agentUpserted({ kind: 'agent_bot', id: row.id, name: row.name ?? '', at: isoOf(row.updated_at) })],
    },
    {
      name: 'teams',
      count: 'SELECT count(*)::int AS n FROM teams WHERE account_id = $1',
      page: 'SELECT id, name FROM teams WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      events: (row) => [teamUpserted(row.id, row.name)],
    },
    {
      name: 'team_members',
      count: 'SELECT count(*)::int AS n FROM team_members m JOIN teams t ON t.id = m.team_id WHERE t.account_id = $1',
      page: `SELECT m.id, m.team_id, m.user_id, ${utc('m.created_at')}
             FROM team_members m JOIN teams t ON t.id = m.team_id
            WHERE t.account_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`,
      events: (row) => [
        {
          id: `${ids.team(row.team_id)}:member:${ids.user(row.user_id)}`,
          type: 'team.member_added',
          occurredAt: isoOf(row.created_at),
          data: { team: ids.team(row.team_id), agent: ids.user(row.user_id) },
        },
      ],
    },
    {
      name: 'inbox_members',
      count: 'SELECT count(*)::int AS n FROM inbox_members m JOIN inboxes i ON i.id = m.inbox_id WHERE i.account_id = $1',
      page: `SELECT m.id, m.inbox_id, m.user_id, ${utc('m.created_at')}
             FROM inbox_members m JOIN inboxes i ON i.id = m.inbox_id
            WHERE i.account_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`,
      events: (row) => [
        {
          id: `${ids.inbox(row.inbox_id)}:member:${ids.user(row.user_id)}`,
          type: 'inbox.member_added',
          occurredAt: isoOf(row.created_at),
          data: { inbox: ids.inbox(row.inbox_id), agent: ids.user(row.user_id) },
        },
      ],
    },
    {
      name: 'labels',
      count: 'SELECT count(*)::int AS n FROM labels WHERE account_id = $1',
      page: 'SELECT id, title FROM labels WHERE account_id = $1 AND id > $2 AND title IS NOT NULL ORDER BY id LIMIT $3',
      events: (row) => [topicUpserted(row.title)],
    },
    {
      name: 'contacts',
      count: 'SELECT count(*)::int AS n FROM contacts WHERE account_id = $1',
      page: `SELECT id, name, email, phone_number, identifier, custom_attributes, additional_attributes, ${utc('updated_at')}
             FROM contacts WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      events: (row) => [
        contactUpserted({
          id: row.id,
          name: row.name,
          email: row.email,
          phoneNumber: row.phone_number,
          identifier: row.identifier,
          at: isoOf(row.updated_at),
        }),
        // The table keeps only the current attributes: one removed since the last run is not seen here (webhooks carry removals).
        ...contactAttributes(row.id, row.custom_attributes, isoOf(row.updated_at)),
        ...contactFields(row.id, row.additional_attributes, isoOf(row.updated_at)),
      ],
    },
    {
      name: 'contact_inboxes',
      count: 'SELECT count(*)::int AS n FROM contact_inboxes ci JOIN contacts ct ON ct.id = ci.contact_id WHERE ct.account_id = $1',
      page: `SELECT ci.id, ci.contact_id, ci.source_id, i.channel_type, ${utc('ci.updated_at')}
             FROM contact_inboxes ci JOIN contacts ct ON ct.id = ci.contact_id JOIN inboxes i ON i.id = ci.inbox_id
            WHERE ct.account_id = $1 AND ci.id > $2 ORDER BY ci.id LIMIT $3`,
      events: (row) => {
        const event = contactInboxAttribute({
          contactId: Number(row.contact_id),
          channel: preciseChannel(row.channel_type, row.source_id),
          sourceId: row.source_id,
          at: isoOf(row.updated_at),
        });
        return event ? [event] : [];
      },
    },
    {
      name: 'conversations',
      count: 'SELECT count(*)::int AS n FROM conversations WHERE account_id = $1',
      page: `SELECT c.id, c.display_id, c.inbox_id, c.contact_id, ${utc('c.created_at')}, c.additional_attributes,
                  EXISTS (SELECT 1 FROM reporting_events r WHERE r.conversation_id = c.id AND r.name = 'conversation_bot_handoff') AS with_bot
             FROM conversations c WHERE c.account_id = $1 AND c.id > $2 AND c.contact_id IS NOT NULL ORDER BY c.id LIMIT $3`,
      events: (row) => {
        const createdAt = isoOf(row.created_at);
        // A conversation that a bot handed over started pending (with the bot); others start open.
        return [
          conversationCreated({ displayId: row.display_id, inboxId: row.inbox_id, contactId: row.contact_id, createdAt }),
          ...statusChanged(row.display_id, row.with_bot ? 'pending' : 'open', createdAt, null),
          ...conversationBrowser(row.contact_id, row.additional_attributes, createdAt),
        ];
      },
    },
    {
      name: 'taggings',
      count: `SELECT count(*)::int AS n FROM taggings g JOIN conversations c ON c.id = g.taggable_id
             WHERE g.taggable_type = 'Conversation' AND g.context = 'labels' AND c.account_id = $1`,
      page: `SELECT g.id, t.name, c.display_id, ${utc('coalesce(g.created_at, c.created_at)', 'created_at')}
             FROM taggings g JOIN tags t ON t.id = g.tag_id JOIN conversations c ON c.id = g.taggable_id
            WHERE g.taggable_type = 'Conversation' AND g.context = 'labels' AND c.account_id = $1 AND g.id > $2 ORDER BY g.id LIMIT $3`,
      events: (row) => [topicUpserted(row.name), labelChanged(row.display_id, row.name, 'added', isoOf(row.created_at))],
    },
    {
      name: 'reporting_events',
      count: `SELECT count(*)::int AS n FROM reporting_events WHERE account_id = $1`,
      page: `SELECT r.id, r.name, r.user_id, c.display_id, ${utc('r.event_end_time')}
             FROM reporting_events r JOIN conversations c ON c.id = r.conversation_id
            WHERE r.account_id = $1 AND r.id > $2 ORDER BY r.id LIMIT $3`,
      // Chatwoot keeps resolutions, reopenings and bot handoffs only here; first_response and
      // reply_time are recomputed from the messages, as for every other source.
      events: (row) => {
        if (!row.event_end_time) return [];
        const at = isoOf(row.event_end_time);
        if (row.name === 'conversation_resolved')
          return statusChanged(row.display_id, 'resolved', at, row.user_id ? { kind: 'user', id: row.user_id } : null);
        if (row.name === 'conversation_opened') return statusChanged(row.display_id, 'open', at, null);
        if (row.name === 'conversation_bot_handoff') return [handedOver(row.display_id, at)];
        return [];
      },
    },
    {
      name: 'messages',
      count: 'SELECT count(*)::int AS n FROM messages WHERE account_id = $1',
      page: `SELECT m.id, m.content, m.message_type, m.content_type, m.private, m.sender_type, m.sender_id,
                  ${utc('m.created_at')}, ${utc('m.updated_at')}, m.content_attributes::text AS content_attributes,
                  m.additional_attributes ? 'campaign_id' AND m.additional_attributes->>'campaign_id' IS NOT NULL AS campaign,
                  c.display_id, (SELECT array_agg(a.file_type ORDER BY a.id) FROM attachments a WHERE a.message_id = m.id) AS file_types
             FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.account_id = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`,
      events: (row) => {
        const attributes = parseAttributes(row.content_attributes);
        const createdAt = isoOf(row.created_at);
        const fact = {
          id: row.id,
          displayId: row.display_id,
          messageType: row.message_type,
          contentType: CONTENT_TYPES[row.content_type] ?? 'text',
          private: row.private,
          senderType: SENDER_TYPES.includes(row.sender_type) ? row.sender_type : null,
          senderId: row.sender_id === null ? null : Number(row.sender_id),
          content: row.content,
          createdAt,
          automation: attributes.automation_rule_id !== undefined && attributes.automation_rule_id !== null,
          campaign: row.campaign === true,
          attachmentTypes: ((row.file_types ?? []) as number[]).map((type) => FILE_TYPES[type] ?? 'other'),
          deleted: attributes.deleted === true,
        };
        // A later updated_at is a message_updated the webhook would have sent (an edit, a receipt, a CSAT answer, a
        // deletion): its content is dated by it, as the webhook dates it by the snapshot that update touched.
        const updatedAt = secondOf(row.updated_at);
        const changed = updatedAt > secondOf(createdAt);
        const events = fact.deleted && changed ? messageEvents(fact, updatedAt) : messageEvents(fact, null);
        if (changed && !fact.deleted) events.push(...messageEvents(fact, updatedAt).filter((event) => event.type === 'message.updated'));
        const label = row.message_type === 2 && typeof row.content === 'string' ? LABEL_ACTIVITY.exec(row.content) : null;
        if (label) {
          const fact = label[1] as 'added' | 'removed';
          for (const title of label[2].split(', ')) events.push(topicUpserted(title), labelChanged(row.display_id, title, fact, createdAt));
        }
        return events;
      },
    },
    {
      name: 'csat_survey_responses',
      count: 'SELECT count(*)::int AS n FROM csat_survey_responses WHERE account_id = $1',
      page: `SELECT s.id, s.rating, s.feedback_message, c.display_id, ${utc('s.updated_at')}
             FROM csat_survey_responses s JOIN conversations c ON c.id = s.conversation_id
            WHERE s.account_id = $1 AND s.id > $2 ORDER BY s.id LIMIT $3`,
      events: (row) =>
        row.rating >= 1 && row.rating <= 5 ? [csatAnswered(row.display_id, row.rating, row.feedback_message, isoOf(row.updated_at))] : [],
    },
  ];
}

function parseAttributes(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
