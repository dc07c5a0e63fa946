import { catalog } from '../../catalog';
import { ReportCatalogResolver } from './report-catalog.resolver';
import { reportQueryResolver } from './report-query.resolver';

/** The catalog resolver and one query resolver per report, made once per process. */
export const reportResolvers: Function[] = [ReportCatalogResolver, ...catalog.map(reportQueryResolver)];
