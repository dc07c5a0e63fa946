import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../../pagination';

@ObjectType('PageInfo', { description: 'Where a page sits in the whole list. Paging is forward only: follow `endCursor` with `after`.' })
export class PageInfoType implements PageInfo {
  @Field(() => Boolean, { description: 'True when more rows follow this page; fetch them with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was requested with `after`, i.e. it is not the first page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first row of the page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last row of the page; null when the page is empty.' })
  endCursor!: string | null;
}
