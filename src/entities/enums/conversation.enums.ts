import { registerEnumType } from 'type-graphql';

export enum ConversationStatus {
  NEW = 'new',
  OPEN = 'open',
  PENDING = 'pending',
  RESOLVED = 'resolved',
}

registerEnumType(ConversationStatus, {
  name: 'ConversationStatus',
  description: 'Where a conversation is in its life cycle.',
  valuesConfig: {
    NEW: { description: 'Waiting in the New queue for a human agent to pick it up.' },
    OPEN: { description: 'Being worked on by an agent.' },
    PENDING: { description: 'Waiting for the contact (or a virtual agent is still handling it).' },
    RESOLVED: { description: 'Closed; a new message from the contact reopens it.' },
  },
});

export enum ResolvedBy {
  AGENT = 'agent',
  VIRTUAL_AGENT = 'virtual_agent',
  BULK = 'bulk',
  SYSTEM = 'system',
}

registerEnumType(ResolvedBy, {
  name: 'ResolvedBy',
  description: 'Who resolved a conversation the last time it was resolved.',
  valuesConfig: {
    AGENT: { description: 'A human agent.' },
    VIRTUAL_AGENT: { description: 'A virtual agent (bot).' },
    BULK: { description: 'A bulk-resolve action over many conversations.' },
    SYSTEM: { description: 'The platform itself (e.g. automatic resolution after inactivity).' },
  },
});

export enum ResolveTrigger {
  HUMAN_AGENT = 'human_agent',
  VIRTUAL_AGENT = 'virtual_agent',
  AUTOMATION = 'automation',
  AUTO_RESOLVE = 'auto_resolve',
}

registerEnumType(ResolveTrigger, {
  name: 'ResolveTrigger',
  description: 'What triggered the last resolution of a conversation.',
  valuesConfig: {
    HUMAN_AGENT: { description: 'A human agent resolved it.' },
    VIRTUAL_AGENT: { description: 'A virtual agent resolved it.' },
    AUTOMATION: { description: 'An automation rule resolved it.' },
    AUTO_RESOLVE: { description: 'The inactivity timeout resolved it.' },
  },
});

export enum CsatStatus {
  SENT = 'sent',
  COMPLETED = 'completed',
  EXPIRED = 'expired',
}

registerEnumType(CsatStatus, {
  name: 'CsatStatus',
  description: 'State of the customer-satisfaction (CSAT) survey of a conversation.',
  valuesConfig: {
    SENT: { description: 'The survey was sent and not answered yet.' },
    COMPLETED: { description: 'The contact answered the survey.' },
    EXPIRED: { description: 'The survey was not answered in time.' },
  },
});

export enum ConversationEventKind {
  STATUS_CHANGED = 'status_changed',
  REOPENED = 'reopened',
  ASSIGNED = 'assigned',
  LOCKED = 'locked',
  UNLOCKED = 'unlocked',
  HANDED_OVER = 'handed_over',
}

registerEnumType(ConversationEventKind, {
  name: 'ConversationEventKind',
  description: 'What happened to a conversation in one event of its history.',
  valuesConfig: {
    STATUS_CHANGED: { description: 'The status changed from `fromStatus` to `toStatus`.' },
    REOPENED: { description: 'A resolved conversation was reopened.' },
    ASSIGNED: { description: 'The conversation was assigned to `assignee` (and/or `team`).' },
    LOCKED: { description: 'An agent opened the conversation and holds its lock (is viewing or working on it).' },
    UNLOCKED: { description: 'The agent released the lock.' },
    HANDED_OVER: { description: 'A virtual agent handed the conversation over to the human New queue.' },
  },
});
