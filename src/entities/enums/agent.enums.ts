import { registerEnumType } from 'type-graphql';

export enum AgentKind {
  HUMAN = 'human',
  VIRTUAL = 'virtual',
}

registerEnumType(AgentKind, {
  name: 'AgentKind',
  description: 'Whether an agent is a person or a bot.',
  valuesConfig: {
    HUMAN: { description: 'A person who signs in and answers conversations.' },
    VIRTUAL: { description: 'A virtual agent (bot) that answers automatically and can hand conversations over to humans.' },
  },
});

export enum PresenceStatus {
  AVAILABLE = 'available',
  AWAY = 'away',
}

registerEnumType(PresenceStatus, {
  name: 'PresenceStatus',
  description: 'An agent’s presence state.',
  valuesConfig: {
    AVAILABLE: { description: 'Online and able to receive conversations.' },
    AWAY: { description: 'Signed in but not receiving conversations (see `AgentPresence.awayState` for why).' },
  },
});
