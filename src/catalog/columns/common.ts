import { channelTypeEnum } from '../labels';
import { ColumnDefinition, Localized } from '../types';

/**
 * Column groups that several reports share. Each report still lists them in its own file, in its
 * own order; headers that the source spells differently per export are parameters.
 */

/** ACCOUNT_ID, ACCOUNT_NAME, INBOX_ID, INBOX_NAME of the chat-module reports. */
export function chatAccountAndInbox(account: string, inbox: string): ColumnDefinition[] {
  return [
    {
      field: 'accountId',
      header: { en: 'ACCOUNT_ID', ptBR: 'ACCOUNT_ID' },
      type: 'ID',
      description: 'The account code on the platform.',
      sql: `${account}.id`,
    },
    {
      field: 'accountName',
      header: { en: 'ACCOUNT_NAME', ptBR: 'ACCOUNT_NAME' },
      type: 'String',
      description: 'The account name on the platform.',
      sql: `${account}.name`,
    },
    { field: 'inboxId', header: { en: 'INBOX_ID', ptBR: 'INBOX_ID' }, type: 'ID', description: 'The inbox code.', sql: `${inbox}.id` },
    {
      field: 'inboxName',
      header: { en: 'INBOX_NAME', ptBR: 'INBOX_NAME' },
      type: 'String',
      description: 'The inbox name.',
      sql: `${inbox}.name`,
    },
  ];
}

/** CHANNEL_TYPE of the chat-module reports. */
export function chatChannelType(inbox: string): ColumnDefinition {
  return {
    field: 'channelType',
    header: { en: 'CHANNEL_TYPE', ptBR: 'CHANNEL_TYPE' },
    type: 'String',
    description: 'The type of channel of the inbox (WhatsApp, website widget, e-mail, Instagram, Facebook, Twitter, SMS, Telegram or API).',
    sql: `${inbox}.channel_type`,
    enum: channelTypeEnum,
  };
}

/** Medium, Channel and Channel Display Name of the Sparkcentral exports, for an inbox alias. */
export function channel(inbox: string, what = 'the conversation took place'): ColumnDefinition[] {
  return [
    {
      field: 'medium',
      header: { en: 'Medium', ptBR: 'Médio' },
      type: 'String',
      description: `The social network or messaging platform on which ${what} (e.g. WhatsApp, Instagram, Email).`,
      sql: `${inbox}.medium`,
    },
    {
      field: 'channel',
      header: { en: 'Channel', ptBR: 'Canal' },
      type: 'String',
      description: `The channel (inbox) on which ${what}.`,
      sql: `${inbox}.name`,
    },
    {
      field: 'channelDisplayName',
      header: { en: 'Channel Display Name', ptBR: 'Nome de exibição do canal' },
      type: 'String',
      description: 'The channel custom display name.',
      sql: `${inbox}.display_name`,
    },
  ];
}

export interface ContactHeaders {
  primary: Localized;
  secondary: Localized;
}

/** The headers most exports use; the contacts export drops "do contato" (kept as the source writes it). */
export const CONTACT_HEADERS: ContactHeaders = {
  primary: { en: 'Contact Primary Identifier', ptBR: 'Identificador primário do contato' },
  secondary: { en: 'Contact Secondary Identifier', ptBR: 'Identificador secundário de contato' },
};

/** Contact Profile ID plus the primary and secondary identifiers, for a contact alias. */
export function contactIdentity(contact: string, headers: ContactHeaders = CONTACT_HEADERS): ColumnDefinition[] {
  return [
    {
      field: 'contactProfileId',
      header: { en: 'Contact Profile ID', ptBR: 'ID do perfil do contato' },
      type: 'ID',
      description: 'The contact unique identifier.',
      sql: `${contact}.id`,
    },
    {
      field: 'contactPrimaryIdentifier',
      header: headers.primary,
      type: 'String',
      description: 'The first of the contact two identifiers; depending on the platform a name, phone number, handle or e-mail address.',
      sql: `${contact}.primary_identifier`,
    },
    {
      field: 'contactSecondaryIdentifier',
      header: headers.secondary,
      type: 'String',
      description: 'The second of the contact two identifiers; depending on the platform a name, phone number, handle or e-mail address.',
      sql: `${contact}.secondary_identifier`,
    },
  ];
}

/** Id, name and reference of an agent alias, for headers such as "Resolved Agent ID". */
export function agentTriple(
  agent: string,
  prefix: string,
  headers: { id: Localized; name: Localized; reference: Localized },
  who: string,
): ColumnDefinition[] {
  return [
    { field: `${prefix}Id`, header: headers.id, type: 'ID', description: `Unique identifier of ${who}.`, sql: `${agent}.id` },
    { field: `${prefix}Name`, header: headers.name, type: 'String', description: `Name of ${who}.`, sql: `${agent}.name` },
    {
      field: `${prefix}Reference`,
      header: headers.reference,
      type: 'String',
      description: `Internal reference of ${who}: the identifier the organisation gives the agent (e.g. an employee number), not the platform id.`,
      sql: `${agent}.reference`,
    },
  ];
}

/** CSAT with Score 1…5: surveys answered in the range with each score, over a CSAT-count alias. */
export function csatScoreCounts(counts: string, whose: string): ColumnDefinition[] {
  return [1, 2, 3, 4, 5].map((score) => ({
    field: `csatScore${score}Count`,
    header: { en: `CSAT with Score ${score}`, ptBR: `CSAT com pontuação ${score}` },
    type: 'Int' as const,
    description: `Number of CSAT surveys answered in the range with a score of ${score}, for conversations ${whose}.`,
    sql: `coalesce(${counts}.score_${score}, 0)`,
  }));
}
