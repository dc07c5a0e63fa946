import { registerEnumType } from 'type-graphql';

export enum MessageDirection {
  INCOMING = 'incoming',
  OUTGOING = 'outgoing',
}

registerEnumType(MessageDirection, {
  name: 'MessageDirection',
  description: 'Which way a message went.',
  valuesConfig: {
    INCOMING: { description: 'Inbound: from the contact to the account.' },
    OUTGOING: { description: 'Outbound: from the account (agent, bot or system) to the contact.' },
  },
});

export enum MessageType {
  TEXT = 'text',
  IMAGE = 'image',
  AUDIO = 'audio',
  VIDEO = 'video',
  FILE = 'file',
  LOCATION = 'location',
  TEMPLATE = 'template',
  ACTIVITY = 'activity',
}

registerEnumType(MessageType, {
  name: 'MessageType',
  description: 'The content kind of a message.',
  valuesConfig: {
    TEXT: { description: 'Plain text.' },
    IMAGE: { description: 'An image attachment.' },
    AUDIO: { description: 'An audio attachment or voice note.' },
    VIDEO: { description: 'A video attachment.' },
    FILE: { description: 'Any other file attachment.' },
    LOCATION: { description: 'A shared location.' },
    TEMPLATE: { description: 'A pre-approved template message (e.g. a WhatsApp template).' },
    ACTIVITY: { description: 'A system activity line in the conversation (assignment, status change…), not sent to the contact.' },
  },
});

export enum MessageOrigin {
  CONTACT = 'contact',
  AGENT = 'agent',
  VIRTUAL_AGENT = 'virtual_agent',
  AUTO_RESPONDER = 'auto_responder',
  AUTOMATION = 'automation',
  API = 'api',
  SYSTEM = 'system',
}

registerEnumType(MessageOrigin, {
  name: 'MessageOrigin',
  description: 'Where a message was sent from.',
  valuesConfig: {
    CONTACT: { description: 'The contact.' },
    AGENT: { description: 'A human agent.' },
    VIRTUAL_AGENT: { description: 'A virtual agent (bot).' },
    AUTO_RESPONDER: { description: 'An auto-responder (e.g. out-of-office reply).' },
    AUTOMATION: { description: 'An automation rule.' },
    API: { description: 'An integration through the platform API.' },
    SYSTEM: { description: 'The platform itself.' },
  },
});

export enum OutboundType {
  REPLY = 'reply',
  PROACTIVE = 'proactive',
  TEMPLATE = 'template',
  AUTO_REPLY = 'auto_reply',
}

registerEnumType(OutboundType, {
  name: 'OutboundType',
  description: 'For an outgoing message, how it came to be sent.',
  valuesConfig: {
    REPLY: { description: 'A reply to the contact.' },
    PROACTIVE: { description: 'A message the account started without a prior contact message.' },
    TEMPLATE: { description: 'A template dispatch.' },
    AUTO_REPLY: { description: 'An automatic reply.' },
  },
});

export enum SystemUserType {
  VIRTUAL_AGENT = 'virtual_agent',
  AUTO_RESPONDER = 'auto_responder',
  AUTOMATION = 'automation',
  SYSTEM = 'system',
}

registerEnumType(SystemUserType, {
  name: 'SystemUserType',
  description: 'For a message not written by a person, the kind of system sender.',
  valuesConfig: {
    VIRTUAL_AGENT: { description: 'A virtual agent (bot).' },
    AUTO_RESPONDER: { description: 'An auto-responder.' },
    AUTOMATION: { description: 'An automation rule.' },
    SYSTEM: { description: 'The platform itself.' },
  },
});

export enum DeliveryStatus {
  SENT = 'sent',
  DELIVERED = 'delivered',
  READ = 'read',
  FAILED = 'failed',
}

registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'The latest delivery state the messaging platform reported for an outgoing message.',
  valuesConfig: {
    SENT: { description: 'Accepted by the platform.' },
    DELIVERED: { description: 'Delivered to the contact’s device.' },
    READ: { description: 'Read by the contact.' },
    FAILED: { description: 'Delivery failed.' },
  },
});
