import { ExportJobScheduleResolver, ExportScheduleResolver } from './export-schedule.resolver';

export const scheduleResolvers: Function[] = [ExportScheduleResolver, ExportJobScheduleResolver];
