import { registerEnumType } from 'type-graphql';

export enum ContactAttributeType {
  DEFAULT = 'default',
  CUSTOM = 'custom',
  MEDIUM = 'medium',
}

registerEnumType(ContactAttributeType, {
  name: 'ContactAttributeType',
  description: 'Where a contact attribute comes from.',
  valuesConfig: {
    DEFAULT: { description: 'A standard attribute every contact can have (e.g. city, company).' },
    CUSTOM: { description: 'An attribute the account defined for itself.' },
    MEDIUM: { description: 'An attribute reported by the contact’s messaging platform (e.g. a profile handle).' },
  },
});
