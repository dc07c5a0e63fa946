import { Query, Resolver } from 'type-graphql';
import { catalog } from '../../catalog';
import { ReportDefinitionObject } from './report-definition.type';

@Resolver()
export class ReportCatalogResolver {
  @Query(() => [ReportDefinitionObject], {
    description:
      'Every report of the catalog with its columns, headers in both languages, types and definitions: what BI tools read to build their tables.',
  })
  reportCatalog(): ReportDefinitionObject[] {
    return catalog.map((report) => new ReportDefinitionObject(report));
  }
}
