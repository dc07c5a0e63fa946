import { ArgsType, Field, Int } from 'type-graphql';
import { ChronologicalOrder } from './chronological-order.enum';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size: 1 to ${MAX_PAGE_SIZE} rows.` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Start after this cursor (an `endCursor` or edge `cursor` of an earlier page requested with the same `order`); omit for the first page.',
  })
  after?: string | null;

  @Field(() => ChronologicalOrder, { defaultValue: ChronologicalOrder.NEWEST_FIRST, description: 'Direction of the list order.' })
  order!: ChronologicalOrder;
}
