import { registerEnumType } from 'type-graphql';

/** The values are the SQL directions, so the argument passes straight to the loaders. */
export enum ChronologicalOrder {
  NEWEST_FIRST = 'desc',
  OLDEST_FIRST = 'asc',
}

registerEnumType(ChronologicalOrder, {
  name: 'ChronologicalOrder',
  description: 'Order of a list by its time field (named in the list description), ties broken by id in the same direction.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Latest first (descending time, then descending id).' },
    OLDEST_FIRST: { description: 'Earliest first (ascending time, then ascending id).' },
  },
});
