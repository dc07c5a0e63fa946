import { connectionType } from '../types/connection.type';
import { ExportScheduleObject } from './export-schedule.type';

export const ExportScheduleConnection = connectionType(ExportScheduleObject, 'ExportSchedule', 'export schedules');
