import { LocalDateResolver } from 'graphql-scalars';
import { ClassType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { reportConnectionStem, reportRowType } from '../../catalog/naming';
import { ColumnDefinition, ReportDefinition } from '../../catalog/types';
import { ReportRow } from '../../reports/run-page';
import { ConnectionClass, connectionType } from '../types/connection.type';

function graphqlType(column: ColumnDefinition): Parameters<typeof Field>[0] & Function {
  const columnEnum = column.enum;
  if (columnEnum) return () => columnEnum.type;
  switch (column.type) {
    case 'ID':
      return () => ID;
    case 'String':
      return () => String;
    case 'Int':
    case 'Seconds':
      return () => Int;
    case 'Float':
    case 'Percent':
      return () => Float;
    case 'Boolean':
      return () => Boolean;
    case 'DateTime':
      return () => Date;
    case 'Date':
      return () => LocalDateResolver;
    case 'StringList':
      return () => [String];
  }
}

/**
 * The row type and connection of one report, built field by field from its catalog entry: the
 * column description is the field description, and only the row key is non-null.
 */
export function reportTypes(report: ReportDefinition): { Row: ClassType<ReportRow>; Connection: ConnectionClass<ReportRow> } {
  const Row = class {} as ClassType<ReportRow>;
  Object.defineProperty(Row, 'name', { value: reportRowType(report.key) });
  for (const column of report.columns) {
    Field(graphqlType(column), { description: column.description, nullable: !report.rowKey.includes(column.field) })(
      Row.prototype,
      column.field,
    );
  }
  ObjectType(reportRowType(report.key), { description: `One row of the ${report.title.en} report: ${report.grain}` })(Row);
  return { Row, Connection: connectionType(Row, reportConnectionStem(report.key), `${report.title.en} report rows`) };
}
