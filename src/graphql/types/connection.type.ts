import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Edge, Page, PageInfo } from '../../pagination';
import { PageInfoType } from './page-info.type';

export interface Connection<T> {
  nodes: T[];
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

export type ConnectionClass<T> = new (init: Page<T>) => Connection<T>;

/**
 * The Relay connection and edge types of one node type (`<Name>Connection`, `<Name>Edge`).
 * Every list of the schema is made here, so all of them page, count and describe themselves
 * the same way.
 */
export function connectionType<T extends object>(Node: ClassType<T>, name: string, plural: string): ConnectionClass<T> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with the cursor that points at it.` })
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: `Opaque position of this ${name}: pass it as \`after\` to continue after it.` })
    cursor!: string;

    @Field(() => Node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `One page of ${plural} (a Relay connection).` })
  class ConnectionType implements Connection<T> {
    @Field(() => [Node], { description: `The ${plural} of this page, in order (the same as \`edges { node }\`).` })
    nodes: T[];

    @Field(() => [EdgeType], { description: `The ${plural} of this page, in order, each with its cursor.` })
    edges: Array<Edge<T>>;

    @Field(() => PageInfoType, { description: 'Whether more rows follow, and the cursors at both ends of the page.' })
    pageInfo: PageInfo;

    private readonly count: () => Promise<number>;

    constructor(init: Page<T>) {
      this.edges = init.edges;
      this.nodes = init.edges.map((edge) => edge.node);
      this.pageInfo = init.pageInfo;
      this.count = init.count;
    }

    // A getter, so the count statement runs only when a query selects the field.
    @Field(() => Int, {
      description: `Number of ${plural} matching the list's filter over all pages (\`first\` and \`after\` do not change it).`,
    })
    get totalCount(): Promise<number> {
      return this.count();
    }
  }

  return ConnectionType;
}
