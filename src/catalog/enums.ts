/** Enumerations that exist only in reports (the others are the entity enums). */

export enum ChannelOfficialStatus {
  OFFICIAL = 'official',
  UNOFFICIAL = 'unofficial',
}

export enum ResponseInitiator {
  INBOUND_MESSAGE = 'inbound_message',
  VA_HANDED_OVER_CONVERSATION = 'va_handed_over_conversation',
}
