import { registerEnumType } from 'type-graphql';
import { ChannelOfficialStatus, ResponseInitiator } from '../../catalog/enums';

/** How the schema names and describes the report-only enumerations; the catalog keeps only their values. */
registerEnumType(ChannelOfficialStatus, {
  name: 'ChannelOfficialStatus',
  description: 'Whether a channel is connected through the platform official API.',
  valuesConfig: {
    OFFICIAL: { description: 'Connected through the official API (e.g. WhatsApp Business Platform).' },
    UNOFFICIAL: { description: 'Connected through an unofficial integration.' },
  },
});

registerEnumType(ResponseInitiator, {
  name: 'ResponseInitiator',
  description: 'What put a conversation in front of agents, starting a response-time clock.',
  valuesConfig: {
    INBOUND_MESSAGE: { description: 'The first message the contact sent after the previous human reply (or at the start).' },
    VA_HANDED_OVER_CONVERSATION: {
      description: 'A virtual agent or the auto-responder (VA/AR) handed the conversation over to the human (New) queue.',
    },
  },
});
