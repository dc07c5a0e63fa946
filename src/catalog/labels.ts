import { ColumnEnum } from './types';
import { ChannelOfficialStatus, ResponseInitiator } from './enums';
import { ChannelType } from '../entities/enums/inbox.enums';
import { ConversationStatus, CsatStatus, ResolveTrigger, ResolvedBy } from '../entities/enums/conversation.enums';
import { MessageDirection, MessageOrigin, MessageType, OutboundType, SystemUserType } from '../entities/enums/message.enums';
import { PresenceStatus } from '../entities/enums/agent.enums';
import { ContactAttributeType } from '../entities/enums/contact.enums';

/** Enumerated values shared by several reports, with the label each CSV locale shows. */

export const channelTypeEnum: ColumnEnum = {
  type: ChannelType,
  labels: {
    whatsapp: { en: 'WhatsApp', ptBR: 'WhatsApp' },
    web_widget: { en: 'Website', ptBR: 'Site' },
    email: { en: 'Email', ptBR: 'E-mail' },
    instagram: { en: 'Instagram', ptBR: 'Instagram' },
    facebook: { en: 'Facebook', ptBR: 'Facebook' },
    twitter: { en: 'Twitter', ptBR: 'Twitter' },
    sms: { en: 'SMS', ptBR: 'SMS' },
    telegram: { en: 'Telegram', ptBR: 'Telegram' },
    api: { en: 'API', ptBR: 'API' },
    line: { en: 'LINE', ptBR: 'LINE' },
    tiktok: { en: 'TikTok', ptBR: 'TikTok' },
    voice: { en: 'Voice', ptBR: 'Voz' },
  },
};

export const conversationStatusEnum: ColumnEnum = {
  type: ConversationStatus,
  labels: {
    new: { en: 'New', ptBR: 'Novo' },
    open: { en: 'Open', ptBR: 'Aberto' },
    pending: { en: 'Pending', ptBR: 'Pendente' },
    resolved: { en: 'Resolved', ptBR: 'Resolvido' },
  },
};

export const resolvedByEnum: ColumnEnum = {
  type: ResolvedBy,
  labels: {
    agent: { en: 'Agent', ptBR: 'Agente' },
    virtual_agent: { en: 'Virtual agent', ptBR: 'Agente virtual' },
    bulk: { en: 'Bulk resolve', ptBR: 'Resolução em massa' },
    system: { en: 'System', ptBR: 'Sistema' },
  },
};

export const resolveTriggerEnum: ColumnEnum = {
  type: ResolveTrigger,
  labels: {
    human_agent: { en: 'Human agent', ptBR: 'Agente humano' },
    virtual_agent: { en: 'Virtual agent', ptBR: 'Agente virtual' },
    automation: { en: 'Automation', ptBR: 'Automação' },
    auto_resolve: { en: 'Auto-resolve', ptBR: 'Resolução automática' },
  },
};

export const csatStatusEnum: ColumnEnum = {
  type: CsatStatus,
  labels: {
    sent: { en: 'Sent', ptBR: 'Enviado' },
    completed: { en: 'Completed', ptBR: 'Concluído' },
    expired: { en: 'Expired', ptBR: 'Expirado' },
  },
};

/** The chat module names directions from the account's side: what it received and what it sent. */
export const sentReceivedEnum: ColumnEnum = {
  type: MessageDirection,
  labels: {
    incoming: { en: 'Received', ptBR: 'Recebido' },
    outgoing: { en: 'Sent', ptBR: 'Enviado' },
  },
};

export const directionEnum: ColumnEnum = {
  type: MessageDirection,
  labels: {
    incoming: { en: 'Inbound', ptBR: 'Entrada' },
    outgoing: { en: 'Outbound', ptBR: 'Saída' },
  },
};

export const messageTypeEnum: ColumnEnum = {
  type: MessageType,
  labels: {
    text: { en: 'Text', ptBR: 'Texto' },
    image: { en: 'Image', ptBR: 'Imagem' },
    audio: { en: 'Audio', ptBR: 'Áudio' },
    video: { en: 'Video', ptBR: 'Vídeo' },
    file: { en: 'File', ptBR: 'Arquivo' },
    location: { en: 'Location', ptBR: 'Localização' },
    template: { en: 'Template', ptBR: 'Template' },
    activity: { en: 'Activity', ptBR: 'Atividade' },
  },
};

export const originEnum: ColumnEnum = {
  type: MessageOrigin,
  labels: {
    contact: { en: 'Contact', ptBR: 'Contato' },
    agent: { en: 'Agent', ptBR: 'Agente' },
    virtual_agent: { en: 'Virtual agent', ptBR: 'Agente virtual' },
    auto_responder: { en: 'Auto-responder', ptBR: 'Resposta automática' },
    automation: { en: 'Automation', ptBR: 'Automação' },
    api: { en: 'API', ptBR: 'API' },
    system: { en: 'System', ptBR: 'Sistema' },
  },
};

export const outboundTypeEnum: ColumnEnum = {
  type: OutboundType,
  labels: {
    reply: { en: 'Reply', ptBR: 'Resposta' },
    proactive: { en: 'Proactive', ptBR: 'Proativa' },
    template: { en: 'Template', ptBR: 'Template' },
    auto_reply: { en: 'Auto-reply', ptBR: 'Resposta automática' },
  },
};

export const systemUserTypeEnum: ColumnEnum = {
  type: SystemUserType,
  labels: {
    virtual_agent: { en: 'Virtual agent', ptBR: 'Agente virtual' },
    auto_responder: { en: 'Auto-responder', ptBR: 'Resposta automática' },
    automation: { en: 'Automation', ptBR: 'Automação' },
    system: { en: 'System', ptBR: 'Sistema' },
  },
};

export const presenceStatusEnum: ColumnEnum = {
  type: PresenceStatus,
  labels: {
    available: { en: 'Available', ptBR: 'Disponível' },
    away: { en: 'Away', ptBR: 'Ausente' },
  },
};

export const attributeTypeEnum: ColumnEnum = {
  type: ContactAttributeType,
  labels: {
    default: { en: 'Default', ptBR: 'Padrão' },
    custom: { en: 'Custom', ptBR: 'Personalizado' },
    medium: { en: 'Medium', ptBR: 'Médio' },
  },
};

export const channelOfficialStatusEnum: ColumnEnum = {
  type: ChannelOfficialStatus,
  labels: {
    official: { en: 'OFFICIAL', ptBR: 'OFICIAL' },
    unofficial: { en: 'UNOFFICIAL', ptBR: 'NAO_OFICIAL' },
  },
};

/** Sparkcentral prints these codes as they are, in every language. */
export const responseInitiatorEnum: ColumnEnum = {
  type: ResponseInitiator,
  labels: {
    inbound_message: { en: 'INBOUND_MESSAGE', ptBR: 'INBOUND_MESSAGE' },
    va_handed_over_conversation: { en: 'VA_HANDED_OVER_CONVERSATION', ptBR: 'VA_HANDED_OVER_CONVERSATION' },
  },
};
