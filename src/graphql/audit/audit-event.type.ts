import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AuditAction } from '../../audit/audit.enums';
import { AuditEventRecord } from '../../audit/audit-event.store';
import { ExportFilterObject } from '../exports/export-filter.type';
import { ReportKey } from '../reports/report-key.enum';

@ObjectType('AuditEvent', {
  description:
    'One recorded export, export outcome, download or API key change: who (API key), when, which report and filter or which key, ' +
    'how many rows, from which address.',
})
export class AuditEventObject {
  constructor(private readonly event: AuditEventRecord) {}

  @Field(() => ID, { description: 'The event id.' })
  get id(): string {
    return this.event.id;
  }

  @Field(() => AuditAction, { description: 'What happened.' })
  get action(): AuditAction {
    return this.event.action;
  }

  @Field(() => Date, { description: 'When it happened.' })
  get at(): Date {
    return this.event.at;
  }

  @Field(() => ID, { nullable: true, description: 'The API key that acted (for outcomes: the key that requested the export).' })
  get keyId(): string | null {
    return this.event.keyId;
  }

  @Field(() => String, { nullable: true, description: 'The name of that API key.' })
  get keyName(): string | null {
    return this.event.keyName;
  }

  @Field(() => ID, { nullable: true, description: 'The export concerned.' })
  get exportId(): string | null {
    return this.event.exportId;
  }

  @Field(() => ReportKey, { nullable: true, description: 'The exported report.' })
  get report(): string | null {
    return this.event.report;
  }

  @Field(() => ExportFilterObject, { nullable: true, description: 'The filter of the export.' })
  get filter(): ExportFilterObject | null {
    return this.event.filter ? new ExportFilterObject(this.event.filter) : null;
  }

  @Field(() => Int, { nullable: true, description: 'Rows in the file, for EXPORT_SUCCEEDED and EXPORT_DOWNLOADED.' })
  get rowCount(): number | null {
    return this.event.rowCount;
  }

  @Field(() => String, {
    nullable: true,
    description: 'The client address of the HTTP request (null for events of the background worker or the command line).',
  })
  get clientIp(): string | null {
    return this.event.clientIp;
  }

  @Field(() => ID, { nullable: true, description: 'For API_KEY_CREATED and API_KEY_REVOKED: the key created or revoked.' })
  get subjectKeyId(): string | null {
    return this.event.subjectKeyId;
  }

  @Field(() => String, { nullable: true, description: 'The name of that key.' })
  get subjectKeyName(): string | null {
    return this.event.subjectKeyName;
  }

  @Field(() => ID, { nullable: true, description: 'For SCHEDULE_* events: the scheduled export concerned.' })
  get scheduleId(): string | null {
    return this.event.scheduleId;
  }

  @Field(() => ID, { nullable: true, description: 'For the CONNECTOR_* actions and connector deliveries: the connector concerned.' })
  get connectorId(): string | null {
    return this.event.connectorId;
  }
}
