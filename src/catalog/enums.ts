import { registerEnumType } from 'type-graphql';

/** Enumerations that exist only in reports (the others are the entity enums). */

export enum ChannelOfficialStatus {
  OFFICIAL = 'official',
  UNOFFICIAL = 'unofficial',
}

registerEnumType(ChannelOfficialStatus, {
  name: 'ChannelOfficialStatus',
  description: 'Whether a channel is connected through the platform official API.',
  valuesConfig: {
    OFFICIAL: { description: 'Connected through the official API (e.g. WhatsApp Business Platform).' },
    UNOFFICIAL: { description: 'Connected through an unofficial integration.' },
  },
});

export enum ResponseInitiator {
  INBOUND_MESSAGE = 'inbound_message',
  VA_HANDED_OVER_CONVERSATION = 'va_handed_over_conversation',
}

registerEnumType(ResponseInitiator, {
  name: 'ResponseInitiator',
  description: 'What put a conversation in front of agents, starting a response-time clock.',
  valuesConfig: {
    INBOUND_MESSAGE: { description: 'The first message the contact sent after the previous human reply (or at the start).' },
    VA_HANDED_OVER_CONVERSATION: { description: 'A virtual agent or the auto-responder (VA/AR) handed the conversation over to the human (New) queue.' },
  },
});
