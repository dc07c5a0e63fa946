import { createUnionType } from 'type-graphql';
import { Agent, Contact } from '../../entities';

/** The sender's GraphQL type, at once: see buildGraphQLSchema. */
export const messageSenderTypeName = (value: unknown): string => (value instanceof Agent ? 'Agent' : 'Contact');

export const MessageSender = createUnionType({
  name: 'MessageSender',
  description: 'Who wrote a message: an Agent (human or virtual) for outgoing messages, the Contact for incoming ones.',
  types: () => [Agent, Contact] as const,
  resolveType: (value) => (value instanceof Agent ? Agent : Contact),
});
