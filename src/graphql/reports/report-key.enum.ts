import { registerEnumType } from 'type-graphql';
import { catalog } from '../../catalog';
import { reportEnumValue } from '../../catalog/naming';

/** `ReportKey`: one value per catalog report (UPPER_SNAKE of its key), whose internal value is the key. */
export const ReportKey: Record<string, string> = Object.fromEntries(catalog.map((report) => [reportEnumValue(report.key), report.key]));

registerEnumType(ReportKey, {
  name: 'ReportKey',
  description: 'A report of the catalog. `reportCatalog` describes each one; exports name the report with this value.',
  valuesConfig: Object.fromEntries(
    catalog.map((report) => [reportEnumValue(report.key), { description: `${report.title.en}: ${report.description}` }]),
  ),
});
