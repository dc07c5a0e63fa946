import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createEmptyDatabase } from '../../support/own-database';

/**
 * A small Chatwoot account written by hand into a database built from Chatwoot's schema
 * (chatwoot-schema.sql, a copy of the reference's). Times are UTC on 2026-03-09; Chatwoot stores
 * them as naive UTC timestamps.
 *
 * Account 3 "Casa Verde Móveis": WhatsApp inbox 11, web-widget inbox 12, agents Rafael (user 14)
 * and Ana (user 15), agent bot Bia (5), team suporte (7, Rafael), labels avaria, troca, urgente.
 * Custom attributes: Juliana plano ouro, cliente_desde 2019, vip true (before 12:22:48.300 she had
 * only plano prata); Marcos origem site and a newsletter key without a value. Additional attributes:
 * Juliana city Campinas (set at 12:22:48.300), Marcos company Dias Arquitetura and a LinkedIn profile.
 * Channels: WhatsApp +551130000000 (provider default, i.e. 360dialog), widget https://casaverde.com.br;
 * contact inboxes: Juliana's WhatsApp id 5511987654321, Marcos's widget visitor b1f0c7e2.
 *
 * Conversation 482 (internal 900, WhatsApp, Juliana 2087, no bot):
 *   12:14:03.237 created open · 12:14:03.236 881204 in · 12:16:40 assigned to Rafael
 *   12:18:05.771 881211 Rafael's reply · 12:19:30.402 881215 private note
 *   12:21:10 labels avaria, troca added (taggings + activity line) · 12:30:00 troca removed (activity line only; tagging gone)
 *   12:40:00.512 resolved (reporting event, assignee 14) · 12:40:00.577 881240 CSAT survey · 12:52:17.640 CSAT 4 "Bom"
 *   13:05:00 881250 in, reopened (conversation_opened 13:05:00.2) · 13:07:00 881251 Rafael · 13:10:00.3 resolved again
 * Conversation 483 (internal 901, web widget, Marcos 2088, with the bot):
 *   14:00:00.1 created pending · 14:00:05 881300 in · 14:00:06 881301 Bia · 14:01:00 881302 in
 *   14:01:30.4 bot handoff to open (conversation_bot_handoff + conversation_opened) · 14:02:00 team suporte, assigned to Ana
 *   14:05:30.4 881303 Ana's reply; still open. The widget saw Chrome 131 on Android, from https://casaverde.com.br/sofas.
 */
/** What the widget recorded of conversation 483 (Chatwoot's `conversations.additional_attributes`). */
export const WIDGET_CONVERSATION_ATTRIBUTES = {
  browser: {
    device_name: 'Unknown',
    browser_name: 'Chrome',
    platform_name: 'Android',
    browser_version: '131.0.6778.85',
    platform_version: '14',
  },
  referer: 'https://casaverde.com.br/sofas',
  initiated_at: { timestamp: 'Mon Mar 09 2026 11:00:00 GMT-0300' },
  browser_language: 'pt-BR',
};

export const CHATWOOT_ACCOUNT_SQL = `
INSERT INTO accounts (id, name, created_at, updated_at) VALUES (3, 'Casa Verde Móveis', '2026-01-01', '2026-01-01'), (4, 'Outra Loja', '2026-01-01', '2026-01-01');
INSERT INTO channel_whatsapp (id, account_id, phone_number, created_at, updated_at) VALUES (1, 3, '+551130000000', '2026-01-02', '2026-01-02');
INSERT INTO channel_web_widgets (id, account_id, website_url, created_at, updated_at) VALUES (1, 3, 'https://casaverde.com.br', '2026-01-02', '2026-01-02');
INSERT INTO inboxes (id, channel_id, account_id, name, channel_type, created_at, updated_at) VALUES
  (11, 1, 3, 'WhatsApp Atendimento', 'Channel::Whatsapp', '2026-01-02', '2026-01-02 10:00'),
  (12, 1, 3, 'Site', 'Channel::WebWidget', '2026-01-02', '2026-01-02 10:00'),
  (13, 2, 4, 'Outra inbox', 'Channel::Whatsapp', '2026-01-02', '2026-01-02');
INSERT INTO users (id, uid, name, email, created_at, updated_at) VALUES
  (14, 'rafael.souza@casaverde.com.br', 'Rafael Souza', 'rafael.souza@casaverde.com.br', '2026-01-03', '2026-01-03 09:00'),
  (15, 'ana.lima@casaverde.com.br', 'Ana Lima', 'ana.lima@casaverde.com.br', '2026-01-03', '2026-01-03 09:00'),
  (16, 'outro@example.com', 'Outro Agente', 'outro@example.com', '2026-01-03', '2026-01-03');
INSERT INTO account_users (account_id, user_id, role, created_at, updated_at) VALUES (3, 14, 0, '2026-01-03', '2026-01-03'), (3, 15, 1, '2026-01-03', '2026-01-03'), (4, 16, 0, '2026-01-03', '2026-01-03');
INSERT INTO agent_bots (id, name, account_id, created_at, updated_at) VALUES (5, 'Bia', 3, '2026-01-04', '2026-01-04 08:00');
INSERT INTO teams (id, name, account_id, created_at, updated_at) VALUES (7, 'suporte', 3, '2026-01-05', '2026-01-05');
INSERT INTO team_members (team_id, user_id, created_at, updated_at) VALUES (7, 14, '2026-01-05 10:00', '2026-01-05 10:00');
INSERT INTO inbox_members (user_id, inbox_id, created_at, updated_at) VALUES (14, 11, '2026-01-05 10:00', '2026-01-05 10:00'), (15, 12, '2026-01-05 10:00', '2026-01-05 10:00');
INSERT INTO labels (id, title, account_id, created_at, updated_at) VALUES (1, 'avaria', 3, '2026-01-06', '2026-01-06'), (2, 'troca', 3, '2026-01-06', '2026-01-06'), (3, 'urgente', 3, '2026-01-06', '2026-01-06');
INSERT INTO tags (id, name) VALUES (1, 'avaria'), (2, 'troca');
INSERT INTO contacts (id, name, email, phone_number, account_id, custom_attributes, additional_attributes, created_at, updated_at) VALUES
  (2087, 'Juliana Ribeiro', 'juliana.ribeiro@gmail.com', '+5511987654321', 3, '{"plano": "ouro", "cliente_desde": 2019, "vip": true}',
   '{"city": "Campinas"}', '2026-02-14 18:40:12', '2026-03-09 12:22:48.300'),
  (2088, 'Marcos Dias', 'marcos@example.com', NULL, 3, '{"origem": "site", "newsletter": null}',
   '{"company_name": "Dias Arquitetura", "social_profiles": {"linkedin": "marcosdias"}}', '2026-03-09 13:59:00', '2026-03-09 13:59:00'),
  (2090, 'Cliente da outra', NULL, '+5511900000000', 4, '{"plano": "bronze"}', '{"city": "Recife"}', '2026-03-01', '2026-03-01');
INSERT INTO contact_inboxes (contact_id, inbox_id, source_id, created_at, updated_at) VALUES
  (2087, 11, '5511987654321', '2026-02-14 18:40:12', '2026-02-14 18:40:12'), (2088, 12, 'b1f0c7e2', '2026-03-09 13:59:00', '2026-03-09 13:59:00');
ALTER TABLE conversations DISABLE TRIGGER conversations_before_insert_row_tr;
INSERT INTO conversations (id, account_id, inbox_id, status, assignee_id, team_id, contact_id, display_id, additional_attributes, created_at, updated_at) VALUES
  (900, 3, 11, 1, 14, NULL, 2087, 482, '{}', '2026-03-09 12:14:03.237', '2026-03-09 13:10:00.300'),
  (901, 3, 12, 0, 15, 7, 2088, 483, '${JSON.stringify(WIDGET_CONVERSATION_ATTRIBUTES)}', '2026-03-09 14:00:00.100', '2026-03-09 14:05:30.400'),
  (902, 4, 13, 0, 16, NULL, 2090, 1, '{}', '2026-03-09 12:00:00', '2026-03-09 12:00:00');
INSERT INTO taggings (tag_id, taggable_type, taggable_id, context, created_at) VALUES (1, 'Conversation', 900, 'labels', '2026-03-09 12:21:10.915');
INSERT INTO messages (id, content, account_id, inbox_id, conversation_id, message_type, content_type, private, sender_type, sender_id, content_attributes, created_at, updated_at) VALUES
  (881204, 'Oi, boa tarde! O sofá chegou rasgado.', 3, 11, 900, 0, 0, false, 'Contact', 2087, '{}', '2026-03-09 12:14:03.236', '2026-03-09 12:14:03.236'),
  (881211, 'Olá, Juliana! Pode me enviar uma foto?', 3, 11, 900, 1, 0, false, 'User', 14, '{}', '2026-03-09 12:18:05.771', '2026-03-09 12:19:02.440'),
  (881215, 'Cliente VIP, priorizar troca.', 3, 11, 900, 1, 0, true, 'User', 14, '{}', '2026-03-09 12:19:30.402', '2026-03-09 12:19:30.402'),
  (881216, 'Rafael Souza added avaria, troca', 3, 11, 900, 2, 0, false, NULL, NULL, '{}', '2026-03-09 12:21:10.950', '2026-03-09 12:21:10.950'),
  (881217, 'Rafael Souza removed troca', 3, 11, 900, 2, 0, false, NULL, NULL, '{}', '2026-03-09 12:30:00.100', '2026-03-09 12:30:00.100'),
  (881218, 'Conversation was marked resolved by Rafael Souza', 3, 11, 900, 2, 0, false, NULL, NULL, '{}', '2026-03-09 12:40:00.600', '2026-03-09 12:40:00.600'),
  (881240, 'Conta pra gente: como foi o seu atendimento?', 3, 11, 900, 3, 9, false, NULL, NULL,
   '{"display_type":"emoji","submitted_values":{"csat_survey_response":{"rating":4,"feedback_message":"Bom"}}}', '2026-03-09 12:40:00.577', '2026-03-09 12:52:17.640'),
  (881250, 'Oi de novo, a troca não chegou.', 3, 11, 900, 0, 0, false, 'Contact', 2087, '{}', '2026-03-09 13:05:00.000', '2026-03-09 13:05:00.000'),
  (881251, 'Vou verificar agora mesmo.', 3, 11, 900, 1, 0, false, 'User', 14, '{}', '2026-03-09 13:07:00.000', '2026-03-09 13:07:00.000'),
  (881300, 'Boa tarde', 3, 12, 901, 0, 0, false, 'Contact', 2088, '{}', '2026-03-09 14:00:05.000', '2026-03-09 14:00:05.000'),
  (881301, 'Olá! Sou a Bia, como posso ajudar?', 3, 12, 901, 1, 0, false, 'AgentBot', 5, '{}', '2026-03-09 14:00:06.000', '2026-03-09 14:00:06.000'),
  (881302, 'Quero falar com uma pessoa', 3, 12, 901, 0, 0, false, 'Contact', 2088, '{}', '2026-03-09 14:01:00.000', '2026-03-09 14:01:00.000'),
  (881303, 'Oi Marcos, aqui é a Ana.', 3, 12, 901, 1, 0, false, 'User', 15, '{}', '2026-03-09 14:05:30.400', '2026-03-09 14:05:30.400'),
  (990001, 'Outra conta', 4, 13, 902, 0, 0, false, 'Contact', 2090, '{}', '2026-03-09 12:00:00', '2026-03-09 12:00:00');
INSERT INTO reporting_events (name, value, account_id, inbox_id, user_id, conversation_id, created_at, updated_at, event_start_time, event_end_time) VALUES
  ('first_response', 243, 3, 11, 14, 900, '2026-03-09 12:18:06', '2026-03-09 12:18:06', '2026-03-09 12:14:03.237', '2026-03-09 12:18:05.771'),
  ('conversation_resolved', 1557, 3, 11, 14, 900, '2026-03-09 12:40:01', '2026-03-09 12:40:01', '2026-03-09 12:14:03.237', '2026-03-09 12:40:00.512'),
  ('conversation_opened', 1500, 3, 11, 14, 900, '2026-03-09 13:05:01', '2026-03-09 13:05:01', '2026-03-09 12:40:00.512', '2026-03-09 13:05:00.200'),
  ('conversation_resolved', 3357, 3, 11, 14, 900, '2026-03-09 13:10:01', '2026-03-09 13:10:01', '2026-03-09 12:14:03.237', '2026-03-09 13:10:00.300'),
  ('conversation_bot_handoff', 90, 3, 12, NULL, 901, '2026-03-09 14:01:31', '2026-03-09 14:01:31', '2026-03-09 14:00:00.100', '2026-03-09 14:01:30.400'),
  ('conversation_opened', 0, 3, 12, NULL, 901, '2026-03-09 14:01:31', '2026-03-09 14:01:31', '2026-03-09 14:00:00.100', '2026-03-09 14:01:30.400'),
  ('conversation_resolved', 60, 4, 13, 16, 902, '2026-03-09 12:01:00', '2026-03-09 12:01:00', '2026-03-09 12:00:00', '2026-03-09 12:01:00');
INSERT INTO csat_survey_responses (account_id, conversation_id, message_id, rating, feedback_message, contact_id, assigned_agent_id, created_at, updated_at) VALUES
  (3, 900, 881240, 4, 'Bom', 2087, 14, '2026-03-09 12:52:17.640', '2026-03-09 12:52:17.640');
`;

/** A database on the test server built from Chatwoot's schema and filled with the account above; returns its URL. */
export async function createChatwootDatabase(name: string, fill = CHATWOOT_ACCOUNT_SQL): Promise<string> {
  const url = await createEmptyDatabase(name);
  const chatwoot = new Client({ connectionString: url });
  await chatwoot.connect();
  try {
    await chatwoot.query(fs.readFileSync(path.join(__dirname, 'chatwoot-schema.sql'), 'utf8'));
    await chatwoot.query(fill);
  } finally {
    await chatwoot.end();
  }
  return url;
}
