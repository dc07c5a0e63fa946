import { registerEnumType } from 'type-graphql';

export enum Locale {
  EN = 'en',
  PT_BR = 'pt-BR',
}

registerEnumType(Locale, {
  name: 'Locale',
  description: 'Language of an account: it decides the language of report headers and exports.',
  valuesConfig: {
    EN: { description: 'English (`en`).' },
    PT_BR: { description: 'Brazilian Portuguese (`pt-BR`).' },
  },
});
